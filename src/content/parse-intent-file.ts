/** One intent file (or the same content from code) -> checked entries, before locale-wide checks. */
import type { IntentFileProblem } from '../core/errors.js';
import { readIntentEntry } from './intent-entry.js';
import type { EntryContext, IntentEntry } from './intent-entry.js';
import type { Intent, SlotType } from './intent-model.js';
import { intentFileSchema } from './intent-schema.js';
import type { Locate } from './locate.js';
import { problemAt, sortProblems } from './locate.js';
import { parseAt } from './schema-problems.js';
import { readSlotTypeEntry } from './slot-type-entry.js';
import type { SlotTypeEntry } from './slot-type-entry.js';
import { readYaml } from './yaml-source.js';

export interface ContentEntries {
  intents: IntentEntry[];
  slotTypes: SlotTypeEntry[];
  problems: IntentFileProblem[];
}

/** Reads file-shaped content (`{ intents, slotTypes }`) whatever it came from. */
export function readContentEntries(root: unknown, locate: Locate, locale: string): ContentEntries {
  const problems: IntentFileProblem[] = [];
  const entries: ContentEntries = { intents: [], slotTypes: [], problems };
  if (root === undefined || root === null) return entries;
  if (typeof root !== 'object' || Array.isArray(root)) {
    const message = 'an intent file must be a mapping with `intents:` and/or `slotTypes:` at the top';
    problems.push(problemAt(locate([]), message, 'start the file with a line `intents:` and list intents under it'));
    return entries;
  }
  const context: EntryContext = { root, locate, locale, problems };
  const file = parseAt(intentFileSchema, [], context, problems);
  (file?.intents ?? []).forEach((_, index) => {
    const entry = readIntentEntry(['intents', index], context);
    if (entry) entries.intents.push(entry);
  });
  (file?.slotTypes ?? []).forEach((_, index) => {
    const entry = readSlotTypeEntry(['slotTypes', index], context);
    if (entry) entries.slotTypes.push(entry);
  });
  return entries;
}

export function readIntentFileEntries(text: string, file: string, locale: string): ContentEntries {
  const yaml = readYaml(text, file);
  if (yaml.problems.length > 0) return { intents: [], slotTypes: [], problems: yaml.problems };
  return readContentEntries(yaml.value, yaml.locate, locale);
}

/**
 * Reads one intent file. Checks what one file can show on its own; checks across a locale (unknown
 * slot types, duplicate names and utterances, built-in intents) happen in `readIntents`.
 *
 * @example
 * const { intents, problems } = parseIntentFile(text, 'intents/en-US/orders.yaml', 'en-US')
 */
export function parseIntentFile(
  text: string,
  file: string,
  locale: string,
): { intents: Intent[]; slotTypes: SlotType[]; problems: IntentFileProblem[] } {
  const entries = readIntentFileEntries(text, file, locale);
  return {
    intents: entries.intents.map((entry) => entry.intent),
    slotTypes: entries.slotTypes.map((entry) => entry.slotType),
    problems: sortProblems(entries.problems),
  };
}
