/**
 * Reads a Lex V2 bot export — the `.zip` or a folder of its files — and checks each file against the
 * schemas, reporting every problem at once with the file inside the archive.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import type * as z from 'zod';
import { IntentFileError, type IntentFileProblem } from '../../src/core/errors.js';
import { compareText } from '../../src/content/locate.js';
import { lexBotLocaleSchema, lexBotSchema, lexIntentSchema, lexSlotSchema, lexSlotTypeSchema, type ReadLexArchive } from './lex-archive-schemas.js';

/**
 * Reads an export from a `.zip` file or a folder (the one holding `Manifest.json`).
 *
 * @example
 * const archive = await readLexArchive('BlogBot-3-YTZOBUF72Q-LexJson.zip')
 * archive.locales.map((locale) => locale.localeId) // ['en_US', 'ko_KR']
 */
export async function readLexArchive(path: string): Promise<ReadLexArchive> {
  const stats = await stat(path).catch(() => undefined);
  if (!stats) throw new IntentFileError([problem(path, `${path} does not exist`, 'give a Lex export: the .zip, or the folder holding Manifest.json')]);
  const files = stats.isDirectory() ? await readFolder(path) : unzipLexArchive(await readFile(path), path);
  return parseLexArchiveFiles(files, path);
}

/** The files of a `.zip`, by path, folders and macOS extras left out. */
export function unzipLexArchive(bytes: Uint8Array, label = 'archive'): Map<string, Uint8Array> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new IntentFileError([problem(label, `${label} is not a zip file: ${error instanceof Error ? error.message : String(error)}`)]);
  }
  return new Map(Object.entries(entries).filter(([name]) => !name.endsWith('/') && !isSystemFile(name)));
}

function isSystemFile(path: string): boolean {
  return path.startsWith('__MACOSX/') || basename(path) === '.DS_Store';
}

async function readFolder(root: string, prefix = ''): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const name of (await readdir(join(root, prefix))).sort(compareText)) {
    const relative = prefix === '' ? name : `${prefix}/${name}`;
    if (isSystemFile(relative)) continue;
    if ((await stat(join(root, relative))).isDirectory()) for (const [path, bytes] of await readFolder(root, relative)) files.set(path, bytes);
    else files.set(relative, await readFile(join(root, relative)));
  }
  return files;
}

const patterns = {
  bot: /^([^/]+)\/Bot\.json$/i,
  locale: /^([^/]+)\/BotLocales\/([^/]+)\/BotLocale\.json$/i,
  intent: /^([^/]+)\/BotLocales\/([^/]+)\/Intents\/([^/]+)\/Intent\.json$/i,
  slot: /^([^/]+)\/BotLocales\/([^/]+)\/Intents\/([^/]+)\/Slots\/([^/]+)\/Slot\.json$/i,
  slotType: /^([^/]+)\/BotLocales\/([^/]+)\/SlotTypes\/([^/]+)\/SlotType\.json$/i,
};

/**
 * Checks and assembles the files of an export (by path inside it). A re-zipped export whose files sit
 * one folder down is read from where its `Manifest.json` is.
 */
export function parseLexArchiveFiles(files: ReadonlyMap<string, Uint8Array | string>, label = 'archive'): ReadLexArchive {
  const problems: IntentFileProblem[] = [];
  const manifests = [...files.keys()].filter((path) => /(^|\/)manifest\.json$/i.test(path)).sort((a, b) => a.split('/').length - b.split('/').length);
  const manifestAt = manifests[0];
  if (manifestAt === undefined) throw new IntentFileError([problem(label, `${label} has no Manifest.json, so it is not a Lex export`, 'export the bot from the Lex console (Actions > Export, format Lex JSON)')]);
  const root = manifestAt.slice(0, manifestAt.length - basename(manifestAt).length);
  const at = (path: string) => `${label}/${root}${path}`;
  const inside = new Map([...files].filter(([path]) => path.startsWith(root)).map(([path, bytes]) => [path.slice(root.length), bytes]));
  const json = (path: string): unknown => {
    const raw = inside.get(path)!;
    const text = (typeof raw === 'string' ? raw : new TextDecoder().decode(raw)).replace(/^\uFEFF/, '');
    try {
      return JSON.parse(text);
    } catch (error) {
      problems.push(problem(at(path), `not JSON: ${error instanceof Error ? error.message : String(error)}`));
      return undefined;
    }
  };
  const check = <Schema extends z.ZodType>(schema: Schema, path: string, value = json(path)): z.output<Schema> | undefined => {
    if (value === undefined) return undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join('.');
      problems.push(problem(at(path), `${key === '' ? '' : `${key}: `}${issue.message}`));
    }
    return undefined;
  };
  const manifest = checkManifest(json(basename(manifestAt)), at(basename(manifestAt)), problems);
  const paths = [...inside.keys()].sort(compareText);
  const botFiles = paths.filter((path) => patterns.bot.test(path));
  if (botFiles.length !== 1) {
    const found = botFiles.length === 0 ? 'no <BotName>/Bot.json' : `${botFiles.length} Bot.json files`;
    throw new IntentFileError([...problems, problem(at(''), `${label} has ${found}; a bot export holds exactly one bot`, 'bot-locale and custom-vocabulary exports cannot be imported; export the whole bot')]);
  }
  const bot = check(lexBotSchema, botFiles[0]!);
  const locales: ReadLexArchive['locales'] = [];
  const ignoredFiles: string[] = [];
  const used = new Set([basename(manifestAt), botFiles[0]!]);
  for (const localePath of paths.filter((path) => patterns.locale.test(path))) {
    used.add(localePath);
    const [, , localeFolder] = patterns.locale.exec(localePath)!;
    const botLocale = check(lexBotLocaleSchema, localePath);
    const underLocale = (pattern: RegExp) => paths.filter((path) => pattern.exec(path)?.[2] === localeFolder);
    const intents = underLocale(patterns.intent).map((intentFile) => {
      used.add(intentFile);
      const folder = intentFile.slice(0, -'Intent.json'.length);
      const slotFiles = underLocale(patterns.slot).filter((path) => path.startsWith(`${folder}Slots/`));
      slotFiles.forEach((path) => used.add(path));
      // The JSON as written is kept too, keys in their order: what is kept as it is (lex-passthrough) stays so.
      const exported = { intent: json(intentFile) as Record<string, unknown>, slots: slotFiles.map((path) => json(path) as Record<string, unknown>) };
      return {
        intent: check(lexIntentSchema, intentFile, exported.intent),
        slots: slotFiles.map((path, index) => check(lexSlotSchema, path, exported.slots[index])),
        exported,
      };
    });
    const slotTypeFiles = underLocale(patterns.slotType);
    slotTypeFiles.forEach((path) => used.add(path));
    const slotTypes = slotTypeFiles.map((path) => check(lexSlotTypeSchema, path));
    if (!botLocale) continue;
    locales.push({
      localeId: botLocale.identifier,
      botLocale,
      intents: intents.filter((entry) => entry.intent !== undefined).map(({ intent, slots, exported }) => ({ intent: intent!, slots: slots.filter((slot) => slot !== undefined), exported })),
      slotTypes: slotTypes.filter((slotType) => slotType !== undefined),
    });
  }
  for (const path of paths) if (!used.has(path)) ignoredFiles.push(`${root}${path}`);
  if (problems.length > 0 || !bot) throw new IntentFileError(problems);
  return { manifest, bot, locales, ignoredFiles };
}

function checkManifest(value: unknown, file: string, problems: IntentFileProblem[]): Record<string, unknown> {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  // Real exports write `metaData`, the documentation `metadata`: either, in any case.
  const key = Object.keys(record).find((name) => name.toLowerCase() === 'metadata');
  const metadata = key === undefined ? undefined : record[key];
  const field = (name: string) => {
    if (typeof metadata !== 'object' || metadata === null) return undefined;
    const found = Object.entries(metadata).find(([entry]) => entry.toLowerCase() === name.toLowerCase());
    return typeof found?.[1] === 'string' ? found[1] : undefined;
  };
  if (value === undefined) return record;
  if (metadata === undefined) problems.push(problem(file, 'has no metaData', 'a Lex export manifest is {"metaData":{"schemaVersion":"1","fileFormat":"LexJson","resourceType":"BOT"}}'));
  else if (field('fileFormat')?.toLowerCase() !== 'lexjson') problems.push(problem(file, `fileFormat is ${field('fileFormat') ?? 'missing'}; only LexJson exports can be read`));
  else if (field('resourceType')?.toLowerCase() !== 'bot') problems.push(problem(file, `resourceType is ${field('resourceType') ?? 'missing'}; only whole-bot exports (BOT) can be imported`, 'export the whole bot from the Lex console'));
  return record;
}

function problem(file: string, message: string, hint?: string): IntentFileProblem {
  return hint === undefined ? { file, line: 1, column: 1, message } : { file, line: 1, column: 1, message, hint };
}
