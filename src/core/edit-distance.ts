let rows = new Int32Array(64 * 3);

/**
 * Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and
 * swaps of neighbours), giving up as soon as it must exceed `limit`.
 *
 * @example
 * editDistance('reapir', 'repair', 2) // 1
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  const width = b.length + 1;
  // Three reused rows: this runs for every word against every list phrase, and must not allocate.
  if (rows.length < width * 3) rows = new Int32Array(width * 6);
  let twoBack = 0;
  let previous = width;
  let current = width * 2;
  for (let j = 0; j < width; j++) rows[previous + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[current] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(rows[previous + j]! + 1, rows[current + j - 1]! + 1, rows[previous + j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, rows[twoBack + j - 2]! + 1);
      }
      rows[current + j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    [twoBack, previous, current] = [previous, current, twoBack];
  }
  return Math.min(rows[previous + b.length]!, limit + 1);
}

/** How many typos a word of this length may carry: none under 4 letters, 1 up to 7, 2 from 8. */
export function typoAllowance(word: string): number {
  if (word.length < 4) return 0;
  return word.length < 8 ? 1 : 2;
}
