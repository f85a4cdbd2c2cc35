import type { WordToken } from '../../../slots/text-tokens.js';
import type { PhraseMatch } from './phrase-gazetteer.js';

/** Words of a text another reader found to be a value of a type (a date, a number, an order number…). */
export interface FoundValue {
  type: string;
  start: number;
  end: number;
}

/** What is known of a text's words besides the words themselves. */
export interface WordKnowledge {
  /** Known phrases of slot types among the words. */
  matches: readonly PhraseMatch[];
  /** The finders' values; those of `ignored` types (list types, which the gazetteer reads) are left out. */
  found: readonly FoundValue[];
  ignored: ReadonlySet<string>;
  /** Whether the sample utterances use a word outside slot values. */
  isTemplateWord: (word: string) => boolean;
}

/**
 * What the gazetteer, the finders and the samples say of each word, as features: `g:B:artist`
 * (begins a known artist), `g:I:artist` (inside one), `f:B:date`, `f:I:date`, and `v` for a word the
 * samples only use in values. Sorted: the features do not depend on the order of the model.
 *
 * @example
 * wordHints(tokenizeWords('play adele tomorrow'), { matches: [{ type: 'artist', first: 1, end: 2 }], found: [{ type: 'date', start: 11, end: 19 }], ignored: new Set(), isTemplateWord: (word) => word === 'play' })
 * // [[], ['g:B:artist', 'v'], ['f:B:date', 'v']]
 */
export function wordHints(tokens: readonly WordToken[], { matches, found, ignored, isTemplateWord }: WordKnowledge): string[][] {
  const hints: string[][] = tokens.map((token) => (isTemplateWord(token.normal) ? [] : ['v']));
  const add = (word: number, hint: string): void => {
    if (!hints[word]!.includes(hint)) hints[word]!.push(hint);
  };
  for (const match of matches) {
    for (let word = match.first; word < match.end; word++) add(word, `${word === match.first ? 'g:B' : 'g:I'}:${match.type}`);
  }
  for (const value of found) {
    if (ignored.has(value.type)) continue;
    let first = true;
    tokens.forEach((token, word) => {
      if (token.end <= value.start || value.end <= token.start) return;
      add(word, `${first ? 'f:B' : 'f:I'}:${value.type}`);
      first = false;
    });
  }
  return hints.map((wordHints) => wordHints.sort());
}
