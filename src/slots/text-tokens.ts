/** A word of the original text with its exact UTF-16 offsets and a form for comparing. */
export interface WordToken {
  /** As written. */
  text: string;
  /** Lower-cased, accents and apostrophes removed: what matching and features compare. */
  normal: string;
  start: number;
  /** Exclusive. */
  end: number;
}

const wordPattern = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;
const combiningMarks = /\p{M}/gu;
const apostrophes = /['’]/g;

/**
 * Splits text into words (letters, digits and inner apostrophes), keeping offsets into the original.
 *
 * @example
 * tokenizeWords("It's NOT working!").map((token) => token.normal) // ['its', 'not', 'working']
 */
export function tokenizeWords(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  for (const match of text.matchAll(wordPattern)) {
    const start = match.index;
    tokens.push({ text: match[0], normal: normalizeWord(match[0]), start, end: start + match[0].length });
  }
  return tokens;
}

/** The comparable form of a word: lower case, no accents, no apostrophes. */
export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  // Only decompose when needed: most input is plain ASCII and NFD is the costly step.
  const folded = /[^\u0000-\u007f]/.test(lower) ? lower.normalize('NFD').replace(combiningMarks, '') : lower;
  return folded.replace(apostrophes, '');
}
