import { isBuiltInSlotType, type LocaleModel } from '../../../content/intent-model.js';
import type { ExamplePhrase, PhraseMatch } from './phrase-gazetteer.js';
import type { WordText } from './word-spans.js';

/**
 * The slot types known by their phrases: list types, and the types of slots that have no slot type
 * of their own. Dates, numbers, phones, e-mails and patterns are known by their finders instead.
 */
export function phraseTypesOf(localeModel: LocaleModel, texts: readonly WordText[]): Set<string> {
  const defined = new Set(localeModel.slotTypes.map((slotType) => slotType.name));
  const types = new Set(localeModel.slotTypes.filter((slotType) => slotType.kind === 'list').map((slotType) => slotType.name));
  for (const text of texts) {
    for (const span of text.spans) if (!defined.has(span.type) && !isBuiltInSlotType(span.type)) types.add(span.type);
  }
  return types;
}

/** The values the sample utterances give to slots of phrase types, for the gazetteer. */
export function examplePhrases(texts: readonly WordText[], phraseTypes: ReadonlySet<string>): ExamplePhrase[] {
  return texts.flatMap((text) =>
    text.spans
      .filter((span) => phraseTypes.has(span.type))
      .map((span) => ({ type: span.type, said: text.text.slice(text.tokens[span.first]!.start, text.tokens[span.end - 1]!.end) })),
  );
}

/**
 * Drops, from a training text's gazetteer matches, its own values that no other text gives (leave
 * one out). Otherwise every training value would be in the gazetteer and the tagger would learn to
 * trust it more than it deserves: at recognition, many values are ones it has never seen.
 *
 * @example
 * const ownValuesOnly = createOwnValueFilter(allTexts, phraseTypes);
 * ownValuesOnly(text, gazetteer.find(text.words)) // the matches, minus the text's values seen nowhere else
 */
export function createOwnValueFilter(
  texts: readonly WordText[],
  phraseTypes: ReadonlySet<string>,
): (text: WordText, matches: readonly PhraseMatch[], valuesUnseen?: boolean) => PhraseMatch[] {
  const keyOf = (text: WordText, type: string, first: number, end: number): string => `${type}\u0000${text.words.slice(first, end).join(' ')}`;
  const support = new Map<string, number>();
  for (const text of texts) {
    const keys = new Set(text.spans.filter((span) => phraseTypes.has(span.type)).map((span) => keyOf(text, span.type, span.first, span.end)));
    for (const key of keys) support.set(key, (support.get(key) ?? 0) + 1);
  }
  return (text, matches, valuesUnseen = false) =>
    matches.filter((match) => {
      const own = text.spans.some((span) => span.type === match.type && span.first === match.first && span.end === match.end);
      return !own || (!valuesUnseen && (support.get(keyOf(text, match.type, match.first, match.end)) ?? 0) > 1);
    });
}

/**
 * Which words the sample utterances use outside slot values ("play", "to", "my"): a word never seen
 * there is likely part of a value, even one the tagger has never seen. While training, a text's own
 * words do not count (leave one out), as at recognition, where the message is not among the samples.
 */
export function createTemplateWords(texts: readonly WordText[]): {
  /** The words used outside values: what recognition asks about. */
  words: ReadonlySet<string>;
  /** For a training text: whether other texts use the word outside values. */
  isTemplateWordElsewhere(text: WordText, word: string): boolean;
} {
  const outsideWords = (text: WordText): Set<string> => {
    const inside = new Set<number>();
    for (const span of text.spans) for (let word = span.first; word < span.end; word++) inside.add(word);
    return new Set(text.words.filter((_, word) => !inside.has(word)));
  };
  const counts = new Map<string, number>();
  const ownWords = new Map<WordText, Set<string>>();
  for (const text of texts) {
    const words = outsideWords(text);
    ownWords.set(text, words);
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return {
    words: new Set(counts.keys()),
    isTemplateWordElsewhere: (text, word) => (counts.get(word) ?? 0) - (ownWords.get(text)?.has(word) ? 1 : 0) > 0,
  };
}
