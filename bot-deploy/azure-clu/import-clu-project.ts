/**
 * A CLU project file (or a Language Studio utterances file) as an intent model, the inverse of
 * compileCluProject: each language a locale, each labelled entity a slot of the intents whose
 * utterances label it (optional: CLU has no prompts), its components a slot type. Whatever the model
 * cannot hold is in the report.
 */
import { builtInIntents } from '../../src/content/builtin-intents.js';
import type { Intent, IntentModel, LocaleModel, Slot, SlotType } from '../../src/content/intent-model.js';
import { ParleyError } from '../../src/core/errors.js';
import { intentFileName, localeOfCluLanguage } from './clu-names.js';
import { cluProjectSchema, cluUtteranceListSchema, describeIssue, type CluEntityInput, type CluProjectInput } from './clu-project.js';
import { readEntityType, type EntityType } from './import-clu-entities.js';
import { readUtterances, type ReadUtterance } from './import-clu-utterances.js';
import { dropRepeats } from './import-repeats.js';
import type { LossItem } from './import-report.js';

export interface CluProjectSettings {
  projectName: string;
  /** The project's language as a locale (`en-US`). */
  language: string;
  multilingual: boolean;
  description: string;
  confidenceThreshold: number;
  projectFileVersion: string;
}

export interface ImportedCluProject {
  model: IntentModel;
  settings: CluProjectSettings;
  report: LossItem[];
}

/**
 * Reads a CLU project export (file versions 2022-05-01, 2022-10-01-preview, 2023-04-01) or an
 * utterances file into an intent model. Throws a ParleyError naming the JSON path of the first
 * problem when the file is not one.
 *
 * @example
 * const { model, report } = importCluProject(JSON.parse(await readFile('EmailApp.json', 'utf8')));
 * await writeIntentFiles(model, 'intents');
 */
export function importCluProject(json: unknown): ImportedCluProject {
  const report: LossItem[] = [];
  const project = readInput(json, report);
  const projectLanguage = project.metadata.language.toLowerCase();
  const intentNames = nameIntents(project, report);
  const definitions = new Map(project.assets.entities.map((entity, index) => [entity.category, { entity, index }] as const));
  const slotNames = nameSlots([...definitions.keys(), ...project.assets.utterances.flatMap((item) => item.entities.map((label) => label.category))], report);
  const slotOf = (category: string) => slotNames.get(category)!;
  const utterances = readUtterances(project, { intentOf: (category) => intentNames.get(category), slotOf }, report);
  const languages = [...new Set([projectLanguage, ...utterances.map((item) => item.language)])];
  const types = readTypes(definitions, utterances, languages, slotOf, Array.isArray(json), report);

  const locales: Record<string, LocaleModel> = {};
  for (const language of languages) {
    const locale = localeOfCluLanguage(language);
    const here = utterances.filter((item) => item.language === language);
    const names = [...new Set([...(language === projectLanguage ? intentNames.values() : []), ...here.map((item) => item.intent)])].filter((name): name is string => name !== undefined);
    const slotTypes = new Map<string, SlotType>();
    const intents = names.map((name): Intent => {
      const own = utterances.filter((item) => item.intent === name);
      const slots = [...new Set(own.flatMap((item) => item.categories))].map((category): Slot => {
        const entityType = types.get(category)!;
        if (entityType.slotTypeFor && !slotTypes.has(entityType.type)) slotTypes.set(entityType.type, entityType.slotTypeFor(language));
        return { name: slotOf(category), type: entityType.type, required: false, aliases: [] };
      });
      const role = builtInIntents.find((builtIn) => builtIn.name === name)?.role;
      return { name, utterances: here.filter((item) => item.intent === name).map((item) => item.utterance), slots, ...(role ? { builtIn: role } : {}) };
    });
    locales[locale] = { locale, intents: dropRepeats(locale, intents, here, report), slotTypes: [...slotTypes.values()] };
  }
  const settings: CluProjectSettings = {
    projectName: project.metadata.projectName,
    language: localeOfCluLanguage(projectLanguage),
    multilingual: project.metadata.multilingual,
    description: project.metadata.description ?? '',
    confidenceThreshold: project.metadata.settings?.confidenceThreshold ?? 0,
    projectFileVersion: project.projectFileVersion,
  };
  return { model: { locales }, settings, report };
}

function readTypes(
  definitions: Map<string, { entity: CluEntityInput; index: number }>,
  utterances: ReadUtterance[],
  languages: string[],
  slotOf: (category: string) => string,
  utterancesFile: boolean,
  report: LossItem[],
): Map<string, EntityType> {
  const used = new Set(utterances.flatMap((item) => item.categories));
  const takenNames = new Set<string>();
  const types = new Map<string, EntityType>();
  for (const [category, { entity, index }] of definitions) {
    const path = `assets.entities[${index}]`;
    if (!used.has(category)) {
      report.push({ kind: 'entity', subject: category, path, message: 'is labelled in no utterance, so no intent has it as a slot: left out' });
      continue;
    }
    const examples = (language: string) => utterances.filter((item) => item.language === language).flatMap((item) => item.examples.get(category) ?? []);
    types.set(category, readEntityType(entity, slotOf(category), path, { report, takenNames, languages, examples }));
  }
  for (const category of used) {
    if (types.has(category)) continue;
    if (!utterancesFile) report.push({ kind: 'entity', subject: category, path: 'assets.entities', message: 'is labelled but not defined as an entity; it becomes a learned entity (a text slot)' });
    types.set(category, { type: 'text' });
  }
  return types;
}

function readInput(json: unknown, report: LossItem[]): CluProjectInput {
  if (Array.isArray(json)) {
    const parsed = cluUtteranceListSchema.safeParse(json);
    if (!parsed.success) throw notAProject(describeIssue(parsed.error.issues[0]));
    const counts = new Map<string, number>();
    for (const item of parsed.data) counts.set((item.language ?? 'en-us').toLowerCase(), (counts.get((item.language ?? 'en-us').toLowerCase()) ?? 0) + 1);
    const language = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'en-us';
    report.push({ kind: 'project', subject: 'utterances', path: '(the top level)', message: 'an utterances file, not a project: no name, settings or entity definitions; each labelled entity becomes a learned one (a text slot)' });
    return {
      projectFileVersion: '2023-04-01',
      stringIndexType: 'Utf16CodeUnit',
      metadata: { projectKind: 'Conversation', projectName: 'Imported', language, multilingual: counts.size > 1 },
      assets: { projectKind: 'Conversation', intents: [], entities: [], utterances: parsed.data },
    };
  }
  const parsed = cluProjectSchema.safeParse(json);
  if (!parsed.success) throw notAProject(describeIssue(parsed.error.issues[0]));
  return parsed.data;
}

function notAProject(problem: string): ParleyError {
  return new ParleyError('input-rejected', `not a CLU conversation project: ${problem}`);
}

/** CLU intent → intent-file name (`None` → undefined): names fixed to fit, built-ins spelt as Parley spells them. */
function nameIntents(project: CluProjectInput, report: LossItem[]): Map<string, string | undefined> {
  const categories = [...new Set([...project.assets.intents.map((intent) => intent.category), ...project.assets.utterances.map((item) => item.intent)])];
  const names = new Map<string, string | undefined>();
  const taken = new Set<string>();
  categories.forEach((category, index) => {
    if (category === 'None') return names.set(category, undefined);
    const builtIn = builtInIntents.find((item) => item.name.toLowerCase() === category.toLowerCase());
    const name = unused(builtIn?.name ?? intentFileName(category), taken);
    if (name !== category) report.push({ kind: 'intent', subject: category, path: `assets.intents[${index}]`, message: `is named ${name} in the intent files` });
    if (builtIn) report.push({ kind: 'intent', subject: category, path: `assets.intents[${index}]`, message: `takes the role of Parley's repair intent ${builtIn.name}: when the files are loaded, Parley's own utterances for it are added` });
    names.set(category, name);
  });
  return names;
}

function nameSlots(categories: string[], report: LossItem[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const category of new Set(categories)) {
    const name = unused(intentFileName(category), taken);
    if (name !== category) report.push({ kind: 'entity', subject: category, path: 'assets.entities', message: `is slot ${name} in the intent files` });
    names.set(category, name);
  }
  return names;
}

function unused(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let suffix = 2; taken.has(candidate.toLowerCase()); suffix++) candidate = `${name}${suffix}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
