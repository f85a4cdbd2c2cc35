import type { WordToken } from '../../../slots/text-tokens.js';

/**
 * The features of each word, as names: the word, its shape, prefixes and suffixes, the words around
 * it (±2) and the bigrams it is part of, plus the `hints` other readers gave it (gazetteer phrases,
 * values the finders resolved).
 *
 * @example
 * wordFeatures(tokenizeWords('play Adele'), [[], ['g:B:artist']])[1]
 * // ['b', 'w=adele', 's=Xx', …, 'w-1=play', …, 'g:B:artist']
 */
export function wordFeatures(tokens: readonly WordToken[], hints: readonly (readonly string[])[]): string[][] {
  const words = tokens.map((token) => token.normal);
  const at = (index: number): string => (index < 0 ? '<s>' : index >= words.length ? '</s>' : words[index]!);
  return tokens.map((token, index) => {
    const word = words[index]!;
    const previous = at(index - 1);
    const next = at(index + 1);
    const features = [
      'b',
      `w=${word}`,
      `s=${shapeOf(token.text)}`,
      `p=${word.slice(0, 3)}`,
      `x=${word.slice(-3)}`,
      `w-1=${previous}`,
      `w-2=${at(index - 2)}`,
      `w+1=${next}`,
      `w+2=${at(index + 2)}`,
      `w-1w=${previous} ${word}`,
      `ww+1=${word} ${next}`,
    ];
    for (const hint of hints[index] ?? []) features.push(hint);
    return features;
  });
}

/**
 * A word's shape: upper `X`, lower `x`, digit `d`, other characters kept, runs collapsed, so that
 * names ("Xx"), acronyms ("X") and numbers ("d") look alike whatever they say.
 */
export function shapeOf(text: string): string {
  let shape = '';
  let last = '';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const kind =
      code >= 97 && code <= 122 ? 'x' : code >= 65 && code <= 90 ? 'X' : code >= 48 && code <= 57 ? 'd' : code < 128 ? text[index]! : shapeOfOther(text[index]!);
    if (kind !== last) shape += kind;
    last = kind;
  }
  return shape;
}

function shapeOfOther(char: string): string {
  return /\p{Lu}/u.test(char) ? 'X' : /\p{L}|\p{M}/u.test(char) ? 'x' : /\p{N}/u.test(char) ? 'd' : char;
}
