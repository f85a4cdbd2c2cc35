/**
 * Strong phrases, and the words of them that list values must not take as typos.
 *
 * A **strong phrase** of an intent is one of its sample utterances that names the request on its own:
 * every utterance of a repair intent (Help, Cancel, StartOver, Repeat) and of the handoff intent
 * (TalkToAgent), which a customer may say at any question; and any other utterance that the locale's
 * trained classifier gives back to its own intent with probability `confident` or more.
 *
 * Typo tolerance would read some of their words as list values ("person" as the synonym "personal",
 * two edits away), and so fill a slot with what was a request for a person. Such a word (of the
 * phrase's own words, not its slots' values; within typo distance of a list phrase without being a
 * word of any) is guarded against the list types its intent has no slot of: a customer says it on
 * purpose. The words are found once per locale, when the recognizer is created; a turn then pays one
 * map lookup per typo candidate, nothing per word.
 */
import { isRepairOrHandoff } from '../../content/builtin-intents.js';
import type { Intent, LocaleModel, Utterance } from '../../content/intent-model.js';
import type { GuardedWords } from '../../slots/entity-match.js';
import { findAllListValues } from '../../slots/list-values.js';
import { tokenizeWords } from '../../slots/text-tokens.js';

/**
 * How sure the classifier must be of an utterance's own intent for it to be a strong phrase: as sure
 * as the engine must be of an intent to take a free-text answer from the dialog asking for it.
 */
const confident = 0.8;

/** A sample utterance with words that typo tolerance reads as values of lists its intent has no slot of. */
export interface NearValueWords {
  intent: Intent;
  utterance: Utterance;
  /** `normalizeWord` forms, and the list types each was read as. */
  words: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The utterances of a locale whose own words (not their slot values) typo tolerance reads as values
 * of list types their intent has no slot of, with those words. Few or none in most content.
 *
 * @example
 * findNearValueWords(pizzaLocale) // [{ intent: TalkToAgent, utterance: 'get me a person', words: { person: {PizzaSize} } }]
 */
export function findNearValueWords(localeModel: LocaleModel): NearValueWords[] {
  const listWords = new Set<string>();
  for (const slotType of localeModel.slotTypes) {
    if (slotType.kind !== 'list') continue;
    for (const entry of slotType.values) {
      for (const phrase of [entry.value, ...entry.synonyms]) for (const token of tokenizeWords(phrase)) listWords.add(token.normal);
    }
  }
  if (listWords.size === 0) return [];
  const found: NearValueWords[] = [];
  for (const intent of localeModel.intents) {
    const ownTypes = new Set(intent.slots.map((slot) => slot.type));
    for (const utterance of intent.utterances) {
      // Slot parts blanked out, offsets kept: their values are meant to be read as values.
      const text = utterance.parts.map((part) => (part.kind === 'text' ? part.text : ' ')).join('');
      const tokens = tokenizeWords(text);
      const words = new Map<string, Set<string>>();
      for (const match of findAllListValues(text, localeModel.slotTypes, tokens)) {
        if (match.confidence === 1 || ownTypes.has(match.type)) continue;
        for (const token of tokens) {
          if (token.start >= match.start && token.end <= match.end && !listWords.has(token.normal)) addTo(words, token.normal, match.type);
        }
      }
      if (words.size > 0) found.push({ intent, utterance, words });
    }
  }
  return found;
}

/**
 * The words of all those utterances, guarded: what training reads, since the content's own wording
 * of one request is no misspelt value of another's lists.
 */
export function guardAll(nearValue: readonly NearValueWords[]): GuardedWords {
  return merge(nearValue);
}

/**
 * The words of the strong phrases among them, guarded: what recognition reads.
 * `bestIntentOf(text)` is the trained classifier's best intent for an utterance as spoken.
 *
 * @example
 * const guarded = guardStrongPhrases(nearValue, (entry) => spokenText(entry.intent, entry.utterance, localeModel), (text) => classifier.classify(text, findValues(text)).ranked[0]);
 * guarded.get('person') // Set { 'PizzaSize' }: "get me a person" is TalkToAgent's
 */
export function guardStrongPhrases(
  nearValue: readonly NearValueWords[],
  spokenTextOf: (entry: NearValueWords) => string,
  bestIntentOf: (text: string) => { name: string; confidence: number } | undefined,
): GuardedWords {
  const guarded = merge(nearValue.filter((entry) => isRepairOrHandoff(entry.intent)));
  // One strong phrase guards a word: the classifier is asked only about phrases that add one (few,
  // though thousands of utterances may hold such words).
  for (const entry of nearValue) {
    if (isRepairOrHandoff(entry.intent) || [...entry.words].every(([word, types]) => [...types].every((type) => guarded.get(word)?.has(type)))) continue;
    const best = bestIntentOf(spokenTextOf(entry));
    if (best?.name === entry.intent.name && best.confidence >= confident) merge([entry], guarded);
  }
  return guarded;
}

function merge(entries: readonly NearValueWords[], guarded = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const { words } of entries) for (const [word, types] of words) for (const type of types) addTo(guarded, word, type);
  return guarded;
}

function addTo(map: Map<string, Set<string>>, word: string, type: string): void {
  const types = map.get(word);
  if (types) types.add(type);
  else map.set(word, new Set([type]));
}
