/**
 * A CLU project in a canonical form, for comparing what is deployed with what the files say: order
 * does not matter (intents, entities, utterances, list keys, synonyms, labels are sorted), defaults
 * are filled in (an utterance's language is the project's, its dataset Train), languages are lower case.
 */
import { createHash } from 'node:crypto';
import type { CluProject, CluProjectInput } from './clu-project.js';

export interface NormalProject {
  settings: { language: string; multilingual: boolean; description: string; confidenceThreshold: number };
  intents: string[];
  /** Entity name → its canonical JSON. */
  entities: Map<string, string>;
  /** `language text` → the utterance's canonical JSON (intent, dataset, labels). */
  utterances: Map<string, string>;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * @example
 * normalizeCluProject(exported).entities.get('service') // '{"compositionSetting":"combineComponents","list":[…]}'
 */
export function normalizeCluProject(project: CluProject | CluProjectInput): NormalProject {
  const language = project.metadata.language.toLowerCase();
  const entities = new Map<string, string>();
  for (const entity of project.assets.entities) {
    const sublists = (entity.list?.sublists ?? [])
      .map((sublist) => ({
        listKey: sublist.listKey,
        synonyms: sublist.synonyms
          .map((item) => ({ language: item.language.toLowerCase(), values: [...new Set(item.values)].sort(byText) }))
          .filter((item) => item.values.length > 0)
          .sort((a, b) => byText(a.language, b.language)),
      }))
      .sort((a, b) => byText(a.listKey, b.listKey));
    const expressions = (entity.regex?.expressions ?? [])
      .map((item) => ({ language: item.language.toLowerCase(), regexKey: item.regexKey, regexPattern: item.regexPattern }))
      .sort((a, b) => byText(a.language, b.language) || byText(a.regexKey, b.regexKey));
    entities.set(entity.category, JSON.stringify({
      compositionSetting: entity.compositionSetting ?? 'combineComponents',
      list: sublists,
      prebuilts: [...new Set((entity.prebuilts ?? []).map((item) => item.category))].sort(byText),
      regex: expressions,
      requiredComponents: [...new Set(entity.requiredComponents ?? [])].sort(byText),
    }));
  }
  const utterances = new Map<string, string>();
  for (const item of project.assets.utterances) {
    const labels = item.entities.map((label) => [label.category, label.offset, label.length] as const).sort((a, b) => a[1] - b[1] || a[2] - b[2] || byText(a[0], b[0]));
    utterances.set(`${(item.language ?? language).toLowerCase()} ${item.text}`, JSON.stringify({ intent: item.intent, dataset: item.dataset ?? 'Train', labels }));
  }
  return {
    settings: {
      language,
      multilingual: project.metadata.multilingual,
      description: project.metadata.description ?? '',
      confidenceThreshold: project.metadata.settings?.confidenceThreshold ?? 0,
    },
    intents: [...new Set([...project.assets.intents.map((intent) => intent.category), 'None'])].sort(byText),
    entities,
    utterances,
  };
}

/**
 * What a model trained from the project depends on, as 16 hex digits: the same for the same content
 * in any order. The description is left out (a new one is imported, not trained). Parley names the
 * models it trains after it (`parley-<hash>`).
 *
 * @example
 * cluContentHash(compileCluProject(model, { projectName: 'Parley' })) // '3f9a0c1d2e4b5a69'
 */
export function cluContentHash(project: CluProject | CluProjectInput): string {
  const normal = normalizeCluProject(project);
  const { description, ...trained } = normal.settings;
  void description;
  const canonical = JSON.stringify([
    trained,
    normal.intents,
    [...normal.entities].sort((a, b) => byText(a[0], b[0])),
    [...normal.utterances].sort((a, b) => byText(a[0], b[0])),
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
