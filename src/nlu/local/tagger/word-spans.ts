import { tokenizeWords, type WordToken } from '../../../slots/text-tokens.js';
import { beginLabel, insideLabel, outsideLabel } from './bio-labels.js';
import type { TaggedText } from './tagged-texts.js';

/** Longer messages are cut: the tagger reads the first words only, and stays fast. */
export const mostWords = 100;

/** A slot's value as a run of words: words `first` to `end` (exclusive). */
export interface WordSpan {
  slot: string;
  type: string;
  first: number;
  end: number;
}

/** A training text as words, with its slots' values as word runs. */
export interface WordText {
  tokens: WordToken[];
  /** The tokens' normal forms. */
  words: string[];
  spans: WordSpan[];
  text: string;
}

/** The words the tagger reads in a text: its first `mostWords` words. */
export function taggerTokens(text: string): WordToken[] {
  return tokenizeWords(text).slice(0, mostWords);
}

/**
 * A tagged text as words: a word belongs to the value it starts in ("adele's" to `adele`). Values
 * with no word of their own (beyond the words read) are left out.
 *
 * @example
 * toWordText({ text: 'play adele', spans: [{ slot: 'artist', type: 'artist', start: 5, end: 10 }] }).spans
 * // [{ slot: 'artist', type: 'artist', first: 1, end: 2 }]
 */
export function toWordText(tagged: TaggedText): WordText {
  const tokens = taggerTokens(tagged.text);
  const spans: WordSpan[] = [];
  for (const span of tagged.spans) {
    let first = -1;
    let end = -1;
    tokens.forEach((token, word) => {
      if (token.start < span.start || token.start >= span.end) return;
      if (first === -1) first = word;
      end = word + 1;
    });
    if (first !== -1) spans.push({ slot: span.slot, type: span.type, first, end });
  }
  return { tokens, words: tokens.map((token) => token.normal), spans, text: tagged.text };
}

/** The BIO labels of a text's words, given the order of the intent's slots. */
export function wordLabels(text: WordText, slots: readonly string[]): Int32Array {
  const labels = new Int32Array(text.tokens.length).fill(outsideLabel);
  for (const span of text.spans) {
    const slot = slots.indexOf(span.slot);
    labels[span.first] = beginLabel(slot);
    for (let word = span.first + 1; word < span.end; word++) labels[word] = insideLabel(slot);
  }
  return labels;
}
