const suffixes: readonly (readonly [string, string])[] = [
  ['ies', 'y'],
  ['ment', ''],
  ['ing', ''],
  ['ed', ''],
  ['es', ''],
  ['er', ''],
  ['ly', ''],
  ['s', ''],
];

/**
 * A light English stemmer: strips one common suffix, a doubled final consonant and a final "e", so
 * that inflections of a word share a feature. Cruder than Porter's, and enough for that.
 *
 * @example
 * [englishStem('charged'), englishStem('charges'), englishStem('charge')] // ['charg', 'charg', 'charg']
 */
export function englishStem(word: string): string {
  if (word.length <= 4) return word;
  let stem = word;
  for (const [suffix, replacement] of suffixes) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 3) {
      stem = stem.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  const last = stem[stem.length - 1];
  if (stem.length > 3 && last === stem[stem.length - 2] && last !== undefined && !'lsz'.includes(last)) stem = stem.slice(0, -1);
  if (stem.endsWith('e') && stem.length > 4) stem = stem.slice(0, -1);
  return stem;
}
