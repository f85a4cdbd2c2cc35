/** Spelling help for problem hints: the closest known name to what a content designer typed. */

/** Edits (insert, delete, replace, swap two neighbours) between two strings, ignoring case. */
function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++) {
    const row: number[] = [];
    for (let j = 0; j <= t.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const previous = rows[i - 1]!;
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[s.length]![t.length]!;
}

/** The candidate nearest to `typed`, if it is near enough to be a likely typo. */
export function closest(typed: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === typed) continue;
    const distance = editDistance(typed, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor(Math.max(typed.length, 3) / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** `a, b or c` */
export function listWords(words: readonly string[], format: (word: string) => string = (word) => word): string {
  const shown = words.map(format);
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`;
}
