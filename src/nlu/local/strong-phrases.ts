/**
 * Strong phrases, and the words of them that list values must not take as typos.
 *
 * A **strong phrase** is a sample utterance of a repair intent (Help, Cancel, StartOver, Repeat) or
 * of the handoff intent (TalkToAgent): requests a customer may make at any question, in place of an
 * answer. Typo tolerance would read some of their words as list values ("person" as the synonym
 * "personal", two edits away), and so fill a slot with what was a request for a person. Such a word
 * (of the phrase's own words, not its slots' values; within typo distance of a list phrase without
 * being a word of any) is guarded against the list types its intent has no slot of: training and
 * recognition alike read it only as itself. The words are found once per locale, when the recognizer
 * is created; a turn then pays one map lookup per typo candidate, nothing per word.
 *
 * Only those intents: guarding the words of every utterance the classifier is sure of was measured
 * on SNIPS, whose large lists resemble many ordinary words, at 0.57 points of intent accuracy
 * (98.00% to 97.43%). A task's own request that resembles a value is the engine's to weigh: a
 * confident request beats a value read with typos (turn-run.ts).
 */
import { isRepairOrHandoff } from '../../content/builtin-intents.js';
import { ownWordsOf, type Intent, type LocaleModel, type Utterance } from '../../content/intent-model.js';
import type { GuardedWords } from '../../slots/entity-match.js';
import { findAllListValues } from '../../slots/list-values.js';
import { tokenizeWords } from '../../slots/text-tokens.js';

/** A sample utterance with words that typo tolerance reads as values of lists its intent has no slot of. */
export interface NearValueWords {
  intent: Intent;
  utterance: Utterance;
  /** `normalizeWord` forms, and the list types each was read as. */
  words: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The utterances of a locale (of `intents`, by default all) whose own words (not their slot values)
 * typo tolerance reads as values of list types their intent has no slot of, with those words. Few or
 * none in most content.
 *
 * @example
 * findNearValueWords(pizzaLocale) // [{ intent: TalkToAgent, utterance: 'get me a person', words: { person: {PizzaSize} } }]
 */
export function findNearValueWords(localeModel: LocaleModel, intents: readonly Intent[] = localeModel.intents): NearValueWords[] {
  const listWords = new Set<string>();
  for (const slotType of localeModel.slotTypes) {
    if (slotType.kind !== 'list') continue;
    for (const entry of slotType.values) {
      for (const phrase of [entry.value, ...entry.synonyms]) for (const token of tokenizeWords(phrase)) listWords.add(token.normal);
    }
  }
  if (listWords.size === 0) return [];
  const found: NearValueWords[] = [];
  for (const intent of intents) {
    const ownTypes = new Set(intent.slots.map((slot) => slot.type));
    for (const utterance of intent.utterances) {
      const text = ownWordsOf(utterance);
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
 * The words of the strong phrases among them, guarded: what training and recognition read.
 *
 * @example
 * guardStrongPhrases(findNearValueWords(pizzaLocale)).get('person') // Set { 'PizzaSize' }: "get me a person" is TalkToAgent's
 */
export function guardStrongPhrases(nearValue: readonly NearValueWords[]): GuardedWords {
  return merge(nearValue.filter((entry) => isRepairOrHandoff(entry.intent)));
}

/**
 * The guarded words of a locale, found from its repair and handoff utterances only: the rest of its
 * content (thousands of utterances in a large bot) is not read at start for them.
 */
export function guardedWordsOf(localeModel: LocaleModel): GuardedWords {
  return guardStrongPhrases(findNearValueWords(localeModel, localeModel.intents.filter(isRepairOrHandoff)));
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
