/**
 * List values against the phrases of requests a customer may make at any question (the repair
 * intents' and the handoff intent's): a value or synonym that is a word of one ("connect" in "connect
 * me to customer service") takes that request as the slot's answer, since an exact value wins; one
 * within typo distance of a word of one ("personal" and "person") makes a misspelt request, or a
 * recognizer that reads typos its own way, fill the slot instead.
 */
import { isRepairOrHandoff } from '../content/builtin-intents.js';
import { ownWordsOf, type Intent, type LocaleModel, type SlotType } from '../content/intent-model.js';
import { editDistance } from '../core/edit-distance.js';
import type { EntityMatch } from '../slots/entity-match.js';
import { findListValues } from '../slots/list-values.js';
import { tokenizeWords } from '../slots/text-tokens.js';
import { finding, placeOf, type LintFinding } from './finding.js';

type ListSlotType = Extract<SlotType, { kind: 'list' }>;

export function checkValuesNearRequests(model: LocaleModel, folder: string): LintFinding[] {
  const lists = model.slotTypes.filter((slotType): slotType is ListSlotType => slotType.kind === 'list');
  const found: LintFinding[] = [];
  const reported = new Set<string>();
  for (const intent of model.intents.filter(isRepairOrHandoff)) {
    const ownTypes = new Set(intent.slots.map((slot) => slot.type));
    for (const utterance of intent.utterances) {
      const text = ownWordsOf(utterance);
      for (const slotType of lists) {
        if (ownTypes.has(slotType.name)) continue;
        for (const match of findListValues(text, slotType)) {
          const phrase = phraseOf(slotType, match);
          const key = `${slotType.name}\u0000${phrase}\u0000${intent.name}`;
          if (reported.has(key)) continue;
          reported.add(key);
          found.push(report(model.locale, slotType, match, phrase, intent, text.trim(), folder));
        }
      }
    }
  }
  return found;
}

function report(locale: string, slotType: ListSlotType, match: EntityMatch, phrase: string, intent: Intent, utterance: string, folder: string): LintFinding {
  const isValue = phrase === match.value;
  const what = isValue ? `value "${phrase}" of ${slotType.name}` : `synonym "${phrase}" of ${slotType.name} value ${match.value}`;
  const exact = match.confidence === 1;
  const relation = exact ? `is a word of ${intent.name}'s "${utterance}"` : `is within typo distance of "${match.text}" in ${intent.name}'s "${utterance}"`;
  const effect = exact
    ? `said while a ${slotType.name} slot is asked for, that request fills the slot instead`
    : `a misspelt request, or a recognizer that reads typos its own way, may fill a ${slotType.name} slot instead`;
  // Customers will say the request whatever its samples say: the fix is in the list.
  const fix = isValue
    ? `rename the value to a wording further from "${match.text}"`
    : exact
      ? `remove the synonym "${phrase}" from ${match.value}, or make it a phrase no request says`
      : `remove the synonym "${phrase}", or replace it with a wording further from "${match.text}"`;
  return finding('warning', 'value-near-request', placeOf(slotType.source, folder), `${what} ${relation} (${locale}): ${effect}`, fix);
}

/** The value or synonym the words matched: the one spelt nearest them. */
function phraseOf(slotType: ListSlotType, match: EntityMatch): string {
  const entry = slotType.values.find((candidate) => candidate.value === match.value)!;
  const said = normalForm(match.text);
  let best = entry.value;
  let bestDistance = Infinity;
  for (const phrase of [entry.value, ...entry.synonyms]) {
    const distance = editDistance(said, normalForm(phrase), said.length + phrase.length);
    if (distance < bestDistance) [best, bestDistance] = [phrase, distance];
  }
  return best;
}

function normalForm(phrase: string): string {
  return tokenizeWords(phrase).map((token) => token.normal).join('');
}
