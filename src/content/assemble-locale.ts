/** Locale-wide checks over intents from every file, and the merge with Parley's repair intents. */
import type { IntentFileProblem } from '../core/errors.js';
import { builtInIntents, builtInUtterances } from './builtin-intents.js';
import type { IntentEntry } from './intent-entry.js';
import type { Intent, LocaleModel, SlotType } from './intent-model.js';
import { builtInSlotTypes, isBuiltInSlotType } from './intent-model.js';
import { formatPosition, problemAt } from './locate.js';
import type { SlotTypeEntry } from './slot-type-entry.js';
import { closest, listWords } from './suggest.js';
import { checkUtteranceOverlap } from './utterance-overlap.js';

export function assembleLocale(
  locale: string,
  intentEntries: IntentEntry[],
  slotTypeEntries: SlotTypeEntry[],
  problems: IntentFileProblem[],
): LocaleModel {
  const slotTypes = uniqueSlotTypes(slotTypeEntries, problems);
  const intents = uniqueIntents(intentEntries, problems);
  checkSlotTypeRefs(locale, intents, slotTypeEntries, problems);
  const checked = checkUtteranceOverlap(locale, intents.map((entry) => entry.intent), problems);
  return { locale, intents: mergeBuiltIns(locale, checked), slotTypes };
}

function uniqueSlotTypes(entries: SlotTypeEntry[], problems: IntentFileProblem[]): SlotType[] {
  const kept: SlotTypeEntry[] = [];
  for (const entry of entries) {
    const name = entry.slotType.name;
    if (isBuiltInSlotType(name.toLowerCase())) {
      problems.push(problemAt(entry.nameAt, `slot type ${name} has the name of a built-in type`, `choose another name; ${listWords([...builtInSlotTypes])} are built in`));
      continue;
    }
    const first = kept.find((other) => other.slotType.name.toLowerCase() === name.toLowerCase());
    if (first) {
      problems.push(problemAt(entry.nameAt, `slot type ${name} is defined twice`, `first at ${formatPosition(first.nameAt)}; names must be unique in a locale`));
      continue;
    }
    kept.push(entry);
  }
  return kept.map((entry) => entry.slotType);
}

function uniqueIntents(entries: IntentEntry[], problems: IntentFileProblem[]): IntentEntry[] {
  const kept: IntentEntry[] = [];
  for (const entry of entries) {
    const name = entry.intent.name;
    const builtIn = builtInIntents.find((other) => other.name.toLowerCase() === name.toLowerCase());
    if (builtIn && builtIn.name !== name) {
      problems.push(problemAt(entry.nameAt, `intent ${name} differs only in case from the built-in intent ${builtIn.name}`, `name it ${builtIn.name} to add to the built-in intent, or choose another name`));
      continue;
    }
    const first = kept.find((other) => other.intent.name.toLowerCase() === name.toLowerCase());
    if (first) {
      problems.push(problemAt(entry.nameAt, `intent ${name} is defined twice`, `first at ${formatPosition(first.nameAt)}; names must be unique in a locale`));
      continue;
    }
    kept.push(entry);
  }
  return kept;
}

function checkSlotTypeRefs(locale: string, intents: IntentEntry[], slotTypes: SlotTypeEntry[], problems: IntentFileProblem[]): void {
  // Every defined name counts, even one with problems of its own, so a slot using it is not reported too.
  const defined = slotTypes.map((entry) => entry.slotType.name);
  const known = [...builtInSlotTypes, ...defined];
  for (const { slot, at } of intents.flatMap((entry) => entry.slotTypeRefs)) {
    if (known.includes(slot.type)) continue;
    const near = closest(slot.type, known);
    const hint = near
      ? `did you mean ${near}?`
      : `use a built-in type (${listWords([...builtInSlotTypes])}) or define ${slot.type} under slotTypes: in a file of ${locale}`;
    problems.push(problemAt(at, `slot ${slot.name} has type ${slot.type}, which is not a slot type of ${locale}`, hint));
  }
}

/** Repair intents go last, in a fixed order; a file's intent of the same name is merged in. */
function mergeBuiltIns(locale: string, intents: Intent[]): Intent[] {
  const names = new Set(builtInIntents.map((builtIn) => builtIn.name));
  const merged = intents.filter((intent) => !names.has(intent.name));
  for (const { name, role } of builtInIntents) {
    const defined = intents.find((intent) => intent.name === name);
    const utterances = builtInUtterances(locale, name).map((text) => ({ parts: [{ kind: 'text' as const, text }] }));
    if (!defined && utterances.length === 0) continue;
    const base: Intent = defined ?? { name, utterances: [], slots: [] };
    merged.push({ ...base, utterances: [...utterances, ...base.utterances], builtIn: role });
  }
  return merged;
}
