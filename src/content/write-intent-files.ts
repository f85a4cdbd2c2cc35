/**
 * The intent model -> intent files: one file per intent and a `slot-types.yaml` per locale folder,
 * written so that `readIntents` loads them back to the same model. Importers (Lex, CLU) end here.
 */
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import { loadYaml } from '../core/load-yaml.js';
import { builtInUtterances } from './builtin-intents.js';
import type { Intent, IntentModel, LocaleModel, Prompt, Slot, SlotType } from './intent-model.js';
import { lexPassthroughFiles, lexPassthroughFolder } from './lex-passthrough.js';
import { compareText } from './locate.js';
import { formatUtteranceMarkup } from './utterance-markup.js';

export interface WriteIntentFilesOptions {
  /** Write into a folder that already holds files; the YAML files (and `lex-passthrough/`) of the locales written are replaced. Default false. */
  overwrite?: boolean;
}

/**
 * Writes the model as intent files under `dir` (`dir/en-US/book-appointment.yaml`,
 * `dir/en-US/slot-types.yaml`, and Lex intents Parley does not run under `dir/en-US/lex-passthrough/`).
 * Refuses a folder that is not empty unless `overwrite`. A repair intent (`Help`…) gets a file only
 * for what it adds to Parley's own utterances and settings.
 *
 * @example
 * const { files } = await writeIntentFiles(importLexArchive(archive).model, 'intents')
 */
export async function writeIntentFiles(model: IntentModel, dir: string, options: WriteIntentFilesOptions = {}): Promise<{ files: string[] }> {
  const existing = await readdir(dir).catch(() => [] as string[]);
  if (existing.length > 0 && !options.overwrite) {
    throw new ConfigurationError('dir', `${dir} is not empty; write intent files into a new or empty folder, or pass overwrite`);
  }
  const files: string[] = [];
  for (const locale of Object.values(model.locales)) {
    const folder = join(dir, locale.locale);
    await mkdir(folder, { recursive: true });
    if (options.overwrite) {
      await removeYamlFiles(folder);
      await rm(join(folder, lexPassthroughFolder), { recursive: true, force: true });
    }
    for (const [name, content] of localeFiles(locale)) {
      const file = join(folder, name);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
      files.push(file);
    }
  }
  return { files };
}

/** The files of one locale folder, by path inside it. */
export function localeFiles(locale: LocaleModel): Map<string, string> {
  const files = new Map<string, string>();
  const taken = new Set(['slot-types']);
  for (const intent of locale.intents) {
    const entry = intentEntry(intent, locale.locale);
    if (!entry) continue;
    const base = uniqueName(kebab(intent.name), taken);
    files.set(`${base}.yaml`, toYaml({ intents: [entry] }));
  }
  if (locale.slotTypes.length > 0) files.set('slot-types.yaml', toYaml({ slotTypes: locale.slotTypes.map(slotTypeEntry) }));
  for (const [path, text] of lexPassthroughFiles(locale.lexPassthrough ?? [])) files.set(path, text);
  return files;
}

// Short lists read best on one line, as the documentation writes them: `aliases: [day, date]`.
const flowLists = new Set(['aliases', 'synonyms', 'examples']);

function toYaml(content: unknown): string {
  const { Document, isScalar, isSeq, visit } = loadYaml();
  const document = new Document(content);
  visit(document, {
    Pair(_, pair) {
      if (isScalar(pair.key) && flowLists.has(String(pair.key.value)) && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  // No folding: an utterance or prompt stays on one line, as content designers write them.
  return document.toString({ lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false });
}

/** The intent as written in a file; for a repair intent only what it adds, or nothing. */
function intentEntry(intent: Intent, locale: string): Record<string, unknown> | undefined {
  const builtIn = new Set(intent.builtIn ? builtInUtterances(locale, intent.name) : []);
  const utterances = intent.utterances.map(formatUtteranceMarkup).filter((text) => !builtIn.has(text));
  const addsNothing = utterances.length === 0 && intent.slots.length === 0 && !intent.description && !intent.confirmation && !intent.fulfilled && !intent.lex;
  if (intent.builtIn && addsNothing) return undefined;
  const entry: Record<string, unknown> = { name: intent.name };
  if (intent.description !== undefined) entry.description = intent.description;
  if (!intent.builtIn || utterances.length > 0) entry.utterances = utterances;
  if (intent.slots.length > 0) entry.slots = intent.slots.map(slotEntry);
  if (intent.confirmation) {
    const { prompt, declined, lex } = intent.confirmation;
    entry.confirmation = declined || lex || prompt.variations.length > 1
      ? { prompt: promptEntry(prompt), ...(declined ? { declined: promptEntry(declined) } : {}), ...(lex ? { lex } : {}) }
      : prompt.variations[0];
  }
  if (intent.fulfilled) entry.fulfilled = promptEntry(intent.fulfilled);
  if (intent.lex) entry.lex = intent.lex.length === 1 ? intent.lex[0] : intent.lex;
  return entry;
}

function slotEntry(slot: Slot): Record<string, unknown> {
  const entry: Record<string, unknown> = { name: slot.name, type: slot.type };
  if (!slot.required) entry.required = false;
  if (slot.multiple) entry.multiple = true;
  if (slot.prompt) entry.prompt = promptEntry(slot.prompt);
  if (slot.reprompt) entry.reprompt = promptEntry(slot.reprompt);
  if (slot.help !== undefined) entry.help = slot.help;
  if (slot.maxAttempts !== undefined) entry.maxAttempts = slot.maxAttempts;
  if (slot.aliases.length > 0) entry.aliases = slot.aliases;
  if (slot.description !== undefined) entry.description = slot.description;
  if (slot.lex) entry.lex = slot.lex;
  return entry;
}

function slotTypeEntry(slotType: SlotType): Record<string, unknown> {
  const entry: Record<string, unknown> = { name: slotType.name };
  if (slotType.description !== undefined) entry.description = slotType.description;
  if (slotType.kind === 'list') {
    entry.restrict = slotType.restrict;
    entry.values = slotType.values.map((value) => (value.synonyms.length > 0 ? { value: value.value, synonyms: value.synonyms } : value.value));
    return entry;
  }
  entry.pattern = slotType.pattern;
  if (!slotType.caseInsensitive) entry.caseInsensitive = false;
  if (slotType.separators !== '') entry.separators = slotType.separators;
  if (slotType.transform !== 'none') entry.transform = slotType.transform;
  if (slotType.examples.length > 0) entry.examples = slotType.examples;
  return entry;
}

function promptEntry(prompt: Prompt): string | string[] {
  return prompt.variations.length === 1 ? prompt.variations[0]! : prompt.variations;
}

/** `BookAppointment` -> `book-appointment`, `Book_Hotel` -> `book-hotel`. */
function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/_/g, '-')
    .replace(/-+/g, '-')
    .toLowerCase();
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let index = 2; taken.has(name); index++) name = `${base}-${index}`;
  taken.add(name);
  return name;
}

async function removeYamlFiles(folder: string): Promise<void> {
  for (const name of (await readdir(folder)).sort(compareText)) {
    const path = join(folder, name);
    if ((await stat(path)).isDirectory()) await removeYamlFiles(path);
    else if (/\.ya?ml$/i.test(name)) await rm(path);
  }
}
