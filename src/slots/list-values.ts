import type { SlotType } from '../content/intent-model.js';
import { editDistance, typoAllowance } from './edit-distance.js';
import type { EntityMatch } from './entity-match.js';
import { tokenizeWords } from './text-tokens.js';

type ListSlotType = Extract<SlotType, { kind: 'list' }>;

interface Phrase {
  words: string[];
  value: string;
}

interface ListIndex {
  /** Phrases written without spaces ("wi-fi", "wi fi", "wifi" all give "wifi"), for exact lookups. */
  byCompactForm: Map<string, string>;
  /** Every leading part of a compact form ("w", "wi", "wif", "wifi"): words are joined only while they could still make one. */
  compactPrefixes: Set<string>;
  /** Phrases by their first word, for the typo-tolerant comparison. */
  byFirstWord: Map<string, Phrase[]>;
  /** The first words by length: a word can only be a typo of one at most two letters longer or shorter. */
  firstWordsByLength: Map<number, string[]>;
  /** Each first word's place in the list as written. */
  firstWordOrder: Map<string, number>;
  /**
   * For a word as said, the phrases whose first word it could be with typos, by number of words:
   * found once by scanning the first words, then remembered, so a turn compares a handful of
   * phrases instead of every value of every list.
   */
  near: Map<string, Map<number, Phrase[]>>;
  longestPhrase: number;
}

/** Words remembered per list type before the memory of near phrases starts afresh. */
const mostRememberedWords = 20_000;

interface Candidate {
  start: number;
  end: number;
  value: string;
  typos: number;
}

const indexes = new WeakMap<ListSlotType, ListIndex>();

/**
 * Finds the values of a list slot type (its values and synonyms), tolerant of case, punctuation,
 * spacing and small typos. Overlapping candidates keep the longest.
 *
 * @example
 * findListValues('my wifi is not wroking', serviceType) // [{ text: 'not wroking', value: 'repair', … }]
 */
export function findListValues(text: string, slotType: ListSlotType): EntityMatch[] {
  const index = indexOf(slotType);
  const tokens = tokenizeWords(text);
  const candidates: Candidate[] = [];
  for (let first = 0; first < tokens.length; first++) {
    const longest = Math.min(index.longestPhrase, tokens.length - first);
    const words = tokens.slice(first, first + longest).map((token) => token.normal);
    const start = tokens[first]!.start;
    const exactCounts = new Set<number>();
    let compact = '';
    for (let count = 1; count <= longest; count++) {
      compact += words[count - 1]!;
      if (!index.compactPrefixes.has(compact)) break;
      const exact = index.byCompactForm.get(compact);
      if (exact === undefined) continue;
      candidates.push({ start, end: tokens[first + count - 1]!.end, value: exact, typos: 0 });
      exactCounts.add(count);
    }
    for (const [count, phrases] of nearPhrases(index, words[0]!)) {
      if (count > longest || exactCounts.has(count)) continue;
      const close = closestPhrase(count === longest ? words : words.slice(0, count), phrases);
      if (close) candidates.push({ start, end: tokens[first + count - 1]!.end, value: close.value, typos: close.typos });
    }
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.typos - b.typos || a.start - b.start);
  const chosen: Candidate[] = [];
  for (const candidate of candidates) {
    if (chosen.every((other) => candidate.end <= other.start || other.end <= candidate.start)) chosen.push(candidate);
  }
  return chosen
    .sort((a, b) => a.start - b.start)
    .map(({ start, end, value, typos }) => ({
      type: slotType.name,
      text: text.slice(start, end),
      start,
      end,
      value,
      confidence: typos === 0 ? 1 : Math.max(0.5, 0.9 - 0.1 * typos),
    }));
}

function closestPhrase(words: string[], phrases: Phrase[]): { value: string; typos: number } | undefined {
  let best: { value: string; typos: number } | undefined;
  for (const phrase of phrases) {
    let typos = 0;
    for (let position = 0; position < words.length && typos <= (best?.typos ?? Infinity); position++) {
      const expected = phrase.words[position]!;
      const allowance = typoAllowance(expected);
      const distance = allowance === 0 ? (expected === words[position] ? 0 : 1) : editDistance(words[position]!, expected, allowance);
      if (distance > allowance) {
        typos = Infinity;
        break;
      }
      typos += distance;
    }
    if (typos !== Infinity && (!best || typos < best.typos)) best = { value: phrase.value, typos };
  }
  return best;
}

function indexOf(slotType: ListSlotType): ListIndex {
  let index = indexes.get(slotType);
  if (index) return index;
  index = { byCompactForm: new Map(), compactPrefixes: new Set(), byFirstWord: new Map(), firstWordsByLength: new Map(), firstWordOrder: new Map(), near: new Map(), longestPhrase: 1 };
  for (const entry of slotType.values) {
    for (const said of [entry.value, ...entry.synonyms]) {
      const words = tokenizeWords(said).map((token) => token.normal);
      if (words.length === 0) continue;
      const compact = words.join('');
      // The first definition of a phrase wins, so a synonym shared by two values resolves predictably.
      if (!index.byCompactForm.has(compact)) index.byCompactForm.set(compact, entry.value);
      for (let length = 1; length <= compact.length; length++) index.compactPrefixes.add(compact.slice(0, length));
      const sameStart = index.byFirstWord.get(words[0]!);
      if (sameStart) sameStart.push({ words, value: entry.value });
      else {
        index.byFirstWord.set(words[0]!, [{ words, value: entry.value }]);
        index.firstWordOrder.set(words[0]!, index.firstWordOrder.size);
        const sameLength = index.firstWordsByLength.get(words[0]!.length) ?? [];
        sameLength.push(words[0]!);
        index.firstWordsByLength.set(words[0]!.length, sameLength);
      }
      index.longestPhrase = Math.max(index.longestPhrase, words.length);
    }
  }
  indexes.set(slotType, index);
  return index;
}

function nearPhrases(index: ListIndex, said: string): Map<number, Phrase[]> {
  let near = index.near.get(said);
  if (near) return near;
  near = new Map();
  // At most two typos, and an edit changes the length by one at most.
  const firsts: string[] = [];
  for (let length = said.length - 2; length <= said.length + 2; length++) firsts.push(...(index.firstWordsByLength.get(length) ?? []));
  // In the order the values are listed (a Map keeps it), so equally close phrases resolve as written.
  const order = index.firstWordOrder;
  firsts.sort((a, b) => order.get(a)! - order.get(b)!);
  for (const first of firsts) {
    const allowance = typoAllowance(first);
    const distance = allowance === 0 ? (first === said ? 0 : 1) : editDistance(said, first, allowance);
    if (distance > allowance) continue;
    for (const phrase of index.byFirstWord.get(first)!) {
      const sameCount = near.get(phrase.words.length) ?? [];
      sameCount.push(phrase);
      near.set(phrase.words.length, sameCount);
    }
  }
  if (index.near.size >= mostRememberedWords) index.near.clear();
  index.near.set(said, near);
  return near;
}
