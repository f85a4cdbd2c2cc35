/**
 * Checks of one locale's content that need no training: intents with too few or too alike sample
 * utterances, slot types no slot uses, list values two slot types of one intent share (a value
 * repeated inside one type is the loader's error), and list values that repair and handoff requests
 * would be read as.
 */
import type { Intent, LocaleModel, SlotType } from '../content/intent-model.js';
import { normaliseUtterance } from '../content/utterance-overlap.js';
import { formatUtteranceMarkup } from '../content/utterance-markup.js';
import { finding, placeOf, type LintFinding } from './finding.js';
import { checkValuesNearRequests } from './value-near-request-check.js';

export interface ContentCheckOptions {
  /** An intent with fewer sample utterances is reported (default 10). */
  minUtterances: number;
  /** Two utterances of an intent sharing at least this share of their words are reported (default 0.8). */
  similarity: number;
  /** Shown for content without a file. */
  folder: string;
}

export function checkLocaleContent(model: LocaleModel, options: ContentCheckOptions): LintFinding[] {
  const authored = model.intents.filter((intent) => !intent.builtIn);
  return [
    ...authored.flatMap((intent) => checkUtteranceCount(model.locale, intent, options)),
    ...authored.flatMap((intent) => checkSimilarUtterances(intent, options)),
    ...checkUnusedSlotTypes(model, options.folder),
    ...checkValuesSharedAcrossTypes(model, options.folder),
    ...checkValuesNearRequests(model, options.folder),
  ];
}

function checkUtteranceCount(locale: string, intent: Intent, options: ContentCheckOptions): LintFinding[] {
  const count = intent.utterances.length;
  if (count >= options.minUtterances) return [];
  return [
    finding(
      'warning',
      'few-utterances',
      placeOf(intent.source, options.folder),
      `intent ${intent.name} (${locale}) has ${count} sample utterance${count === 1 ? '' : 's'}; at least ${options.minUtterances} are recommended`,
      'add varied wordings a customer would really use: short and long, with and without slot values',
    ),
  ];
}

/** Word sets of each utterance, slot parts standing for their slot: "book {date}" is one word set. */
function wordSet(intent: Intent, index: number): Set<string> {
  const types = new Map(intent.slots.map((slot) => [slot.name, slot.name]));
  return new Set(normaliseUtterance(intent.utterances[index]!, types).split(/\s+/u).filter(Boolean));
}

function checkSimilarUtterances(intent: Intent, options: ContentCheckOptions): LintFinding[] {
  const sets = intent.utterances.map((_, index) => wordSet(intent, index));
  const found: LintFinding[] = [];
  for (let later = 1; later < sets.length; later++) {
    if (sets[later]!.size < 3) continue;
    for (let earlier = 0; earlier < later; earlier++) {
      const share = jaccard(sets[earlier]!, sets[later]!);
      if (share < options.similarity) continue;
      const utterance = intent.utterances[later]!;
      const first = intent.utterances[earlier]!;
      const firstAt = first.source ? `line ${first.source.line}` : 'an earlier utterance';
      found.push(
        finding(
          'warning',
          'similar-utterances',
          placeOf(utterance.source, options.folder),
          `"${formatUtteranceMarkup(utterance)}" is nearly the same as "${formatUtteranceMarkup(first)}" (${firstAt}) in intent ${intent.name}`,
          'near-copies teach the recognizer little; reword it or replace it with a different way of asking',
        ),
      );
      break;
    }
  }
  return found;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

function checkUnusedSlotTypes(model: LocaleModel, folder: string): LintFinding[] {
  const used = new Set(model.intents.flatMap((intent) => intent.slots.map((slot) => slot.type)));
  return model.slotTypes
    .filter((slotType) => !used.has(slotType.name))
    .map((slotType) =>
      finding('warning', 'unused-slot-type', placeOf(slotType.source, folder), `slot type ${slotType.name} (${model.locale}) is used by no slot`, 'give it to a slot, or delete it'),
    );
}

/** Values and synonyms as compared: case, accents' composition, punctuation and spacing ignored. */
export function phraseKey(phrase: string): string {
  return phrase.normalize('NFC').toLowerCase().replace(/[\p{P}\s]+/gu, ' ').trim();
}

/** A phrase in two slot types that one intent uses: the recognizer cannot tell which slot it fills. */
function checkValuesSharedAcrossTypes(model: LocaleModel, folder: string): LintFinding[] {
  const lists = model.slotTypes.filter((slotType): slotType is Extract<SlotType, { kind: 'list' }> => slotType.kind === 'list');
  const phrasesOf = new Map(lists.map((list) => [list.name, new Set(list.values.flatMap(({ value, synonyms }) => [value, ...synonyms].map(phraseKey)))]));
  const found: LintFinding[] = [];
  const reported = new Set<string>();
  for (const intent of model.intents) {
    const types = [...new Set(intent.slots.map((slot) => slot.type))].filter((type) => phrasesOf.has(type)).sort();
    for (let i = 0; i < types.length; i++) {
      for (let j = i + 1; j < types.length; j++) {
        const pair = `${types[i]}\u0000${types[j]}`;
        if (reported.has(pair)) continue;
        const shared = [...phrasesOf.get(types[i]!)!].filter((phrase) => phrasesOf.get(types[j]!)!.has(phrase));
        if (shared.length === 0) continue;
        reported.add(pair);
        const slotType = lists.find((list) => list.name === types[j])!;
        found.push(
          finding(
            'warning',
            'colliding-values',
            placeOf(slotType.source, folder),
            `slot types ${types[i]} and ${types[j]}, both used by intent ${intent.name}, share ${shared.slice(0, 5).map((phrase) => `"${phrase}"`).join(', ')}${shared.length > 5 ? ` and ${shared.length - 5} more` : ''}`,
            'a customer saying one of these fills whichever slot is asked first; keep each phrase in one type',
          ),
        );
      }
    }
  }
  return found;
}
