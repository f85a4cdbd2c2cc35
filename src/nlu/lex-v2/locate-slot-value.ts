/**
 * Lex reports what a slot's words were (`originalValue`) but not where they are. Parley's entities carry
 * offsets, so the words are looked for in the text.
 */

/** A span of the text, `end` exclusive; `{ start: -1, end: -1 }` when the words are not in it. */
export interface Span {
  start: number;
  end: number;
}

/** The span of words that are not in the text. */
export const notLocated: Span = { start: -1, end: -1 };

/**
 * Where `words` occur in `text`, ignoring case and differences in spacing: whole words first, then
 * anywhere; never inside a span already `taken` (two slots said as "2" each get their own "2").
 * Lex may report words that are not in the text (a value carried from an earlier turn, a spelling it
 * corrected); those get `{ start: -1, end: -1 }`.
 *
 * @example
 * locateSlotValue('Book a LARGE pizza', 'large') // { start: 7, end: 12 }
 */
export function locateSlotValue(text: string, words: string, taken: readonly Span[] = []): Span {
  for (const search of slotValueSearches(words)) {
    for (let match = search.exec(text); match; match = search.exec(text)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (!taken.some((other) => span.start < other.end && other.start < span.end)) return span;
      search.lastIndex = match.index + 1;
    }
  }
  return notLocated;
}

/**
 * The searches for `words` in a customer's text: whole words, then anywhere. The words are escaped,
 * so each is literal text joined by `\s+`, which cannot backtrack more than the spaces it crosses.
 *
 * @example
 * slotValueSearches('large pizza')[1]!.source // 'large\\s+pizza'
 */
export function slotValueSearches(words: string): RegExp[] {
  const pattern = words.trim().split(/\s+/u).map(escapeRegExp).join('\\s+');
  if (pattern === '') return [];
  return [`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, pattern].map((source) => new RegExp(source, 'giu'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
