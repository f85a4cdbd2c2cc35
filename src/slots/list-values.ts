import type { SlotType } from '../content/intent-model.js';
import { editDistance, typoAllowance } from '../core/edit-distance.js';
import type { EntityMatch, GuardedWords } from './entity-match.js';
import { tokenizeWords, type WordToken } from './text-tokens.js';

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
  /** The distinct first words, in the order the list gives them. */
  firstWords: string[];
  /** Each first word's length and typo allowance. */
  firstWordLengths: number[];
  firstWordAllowances: number[];
  /** The letters a–z each first word holds, a bit each: a cheap bound on its distance from a word said. */
  firstWordLetters: number[];
  longestPhrase: number;
}

/**
 * Several list types read together (a locale's, or one alone): each word of a text is looked up once
 * for all of them, rather than once per type, and only the types it could start a value of are read.
 */
interface ListGroup {
  types: readonly ListSlotType[];
  indexes: readonly ListIndex[];
  /** For a word as said, the types (positions in `types`) of which it begins a compact form. */
  startsOf: Map<string, number[]>;
  /**
   * For a word as said, the types with phrases whose first word it could be with typos, and those
   * phrases by number of words: found once by scanning the first words, then remembered, so a turn
   * compares a handful of phrases instead of every value of every list.
   */
  near: Map<string, readonly NearPhrases[]>;
}

interface NearPhrases {
  type: number;
  byCount: ReadonlyMap<number, Phrase[]>;
}

/** Words remembered per group before the memory of near phrases starts afresh. */
const mostRememberedWords = 20_000;
/**
 * What most words are near: nothing. Remembered as this one array, not an empty one each: training
 * reads every word of every utterance, and a bot's thousands of distinct words would each hold one.
 */
const nothingNear: readonly NearPhrases[] = [];

interface Candidate {
  start: number;
  end: number;
  value: string;
  typos: number;
}

const indexes = new WeakMap<ListSlotType, ListIndex>();
const groupsOfOne = new WeakMap<ListSlotType, ListGroup>();
const groupsOfLocale = new WeakMap<readonly SlotType[], ListGroup>();

/**
 * Finds the values of a list slot type (its values and synonyms), tolerant of case, punctuation,
 * spacing and small typos. Overlapping candidates keep the longest. A word `guardedWords` gives the
 * type is read only as itself, never as a typo of its phrases: "person" is a word of "talk to a
 * person", not a misspelt "personal".
 *
 * @example
 * findListValues('my wifi is not wroking', serviceType) // [{ text: 'not wroking', value: 'repair', … }]
 */
export function findListValues(
  text: string,
  slotType: ListSlotType,
  tokens: readonly WordToken[] = tokenizeWords(text),
  guardedWords?: GuardedWords,
): EntityMatch[] {
  let group = groupsOfOne.get(slotType);
  if (!group) {
    group = createGroup([slotType]);
    groupsOfOne.set(slotType, group);
  }
  return findInGroup(text, group, tokens, guardedWords);
}

/**
 * `findListValues` for every list type among `slotTypes`, in their order: each type's values as that
 * function finds them, read in one pass over the words. The index of the types is remembered for the
 * array: pass the locale's own (`localeModel.slotTypes`), not a copy made per call.
 *
 * @example
 * findAllListValues('a repair on the premium plan', localeModel.slotTypes) // ServiceType's repair, then Plan's premium
 */
export function findAllListValues(
  text: string,
  slotTypes: readonly SlotType[],
  tokens: readonly WordToken[] = tokenizeWords(text),
  guardedWords?: GuardedWords,
): EntityMatch[] {
  let group = groupsOfLocale.get(slotTypes);
  if (!group) {
    group = createGroup(slotTypes.filter((slotType): slotType is ListSlotType => slotType.kind === 'list'));
    groupsOfLocale.set(slotTypes, group);
  }
  return findInGroup(text, group, tokens, guardedWords);
}

function findInGroup(text: string, group: ListGroup, tokens: readonly WordToken[], guardedWords: GuardedWords | undefined): EntityMatch[] {
  if (group.types.length === 0) return [];
  const candidates: Candidate[][] = group.types.map(() => []);
  const normals = tokens.map((token) => token.normal);
  for (let first = 0; first < tokens.length; first++) {
    const said = normals[first]!;
    const starts = group.startsOf.get(said);
    const near = nearPhrases(group, said);
    if (!starts && near.length === 0) continue;
    const exactCounts = new Map<number, number[]>();
    for (const type of starts ?? []) {
      const index = group.indexes[type]!;
      const longest = Math.min(index.longestPhrase, tokens.length - first);
      const counts: number[] = [];
      let compact = '';
      for (let count = 1; count <= longest; count++) {
        compact += normals[first + count - 1]!;
        if (!index.compactPrefixes.has(compact)) break;
        const exact = index.byCompactForm.get(compact);
        if (exact === undefined) continue;
        candidates[type]!.push({ start: tokens[first]!.start, end: tokens[first + count - 1]!.end, value: exact, typos: 0 });
        counts.push(count);
      }
      exactCounts.set(type, counts);
    }
    for (const { type, byCount } of near) {
      const longest = Math.min(group.indexes[type]!.longestPhrase, tokens.length - first);
      for (const [count, phrases] of byCount) {
        if (count > longest || exactCounts.get(type)?.includes(count)) continue;
        const close = closestPhrase(normals.slice(first, first + count), phrases, guardedWords, group.types[type]!.name);
        if (close) candidates[type]!.push({ start: tokens[first]!.start, end: tokens[first + count - 1]!.end, value: close.value, typos: close.typos });
      }
    }
  }
  return group.types.flatMap((slotType, type) => (candidates[type]!.length === 0 ? [] : chooseLongest(text, slotType, candidates[type]!)));
}

/** A type's candidates that keep their words: the longest first, then the fewest typos, then the earliest. */
function chooseLongest(text: string, slotType: ListSlotType, candidates: Candidate[]): EntityMatch[] {
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

function createGroup(types: readonly ListSlotType[]): ListGroup {
  const indexes = types.map(indexOf);
  const startsOf = new Map<string, number[]>();
  indexes.forEach((index, type) => {
    for (const prefix of index.compactPrefixes) {
      const known = startsOf.get(prefix);
      if (known) known.push(type);
      else startsOf.set(prefix, [type]);
    }
  });
  return { types, indexes, startsOf, near: new Map() };
}

function closestPhrase(words: string[], phrases: Phrase[], guardedWords: GuardedWords | undefined, type: string): { value: string; typos: number } | undefined {
  let best: { value: string; typos: number } | undefined;
  for (const phrase of phrases) {
    let typos = 0;
    for (let position = 0; position < words.length && typos <= (best?.typos ?? Infinity); position++) {
      const expected = phrase.words[position]!;
      const allowance = typoAllowance(expected);
      const distance = allowance === 0 ? (expected === words[position] ? 0 : 1) : editDistance(words[position]!, expected, allowance);
      // Looked up only for a word that differs: the rare case, so a turn pays nothing for the guard.
      if (distance > allowance || (distance > 0 && guardedWords?.get(words[position]!)?.has(type))) {
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
  index = { byCompactForm: new Map(), compactPrefixes: new Set(), byFirstWord: new Map(), firstWords: [], firstWordLengths: [], firstWordAllowances: [], firstWordLetters: [], longestPhrase: 1 };
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
        index.firstWords.push(words[0]!);
        index.firstWordLengths.push(words[0]!.length);
        index.firstWordAllowances.push(typoAllowance(words[0]!));
        index.firstWordLetters.push(lettersOf(words[0]!));
      }
      index.longestPhrase = Math.max(index.longestPhrase, words.length);
    }
  }
  indexes.set(slotType, index);
  return index;
}

function nearPhrases(group: ListGroup, said: string): readonly NearPhrases[] {
  const remembered = group.near.get(said);
  if (remembered) return remembered;
  const found: NearPhrases[] = [];
  const saidLetters = lettersOf(said);
  group.indexes.forEach((index, type) => {
    const byCount = nearPhrasesOfType(index, said, saidLetters);
    if (byCount.size > 0) found.push({ type, byCount });
  });
  if (group.near.size >= mostRememberedWords) group.near.clear();
  const kept = found.length === 0 ? nothingNear : found;
  group.near.set(said, kept);
  return kept;
}

/** The phrases of one type whose first word `said` (with those letters) could be with typos, by number of words. */
function nearPhrasesOfType(index: ListIndex, said: string, saidLetters: number): Map<number, Phrase[]> {
  const near = new Map<number, Phrase[]>();
  // In the order the values are listed, so equally close phrases resolve as written.
  const { firstWords, firstWordLengths, firstWordAllowances, firstWordLetters } = index;
  for (let position = 0; position < firstWords.length; position++) {
    // At most two typos, and an edit changes the length by one at most.
    if (Math.abs(firstWordLengths[position]! - said.length) > 2) continue;
    const first = firstWords[position]!;
    const allowance = firstWordAllowances[position]!;
    // An edit adds or removes at most one letter of each word's set, a swap none: words whose letters
    // differ by more than twice the allowance cannot be close, and most of a list is ruled out so.
    if (allowance > 0 && bitCount(saidLetters ^ firstWordLetters[position]!) > 2 * allowance) continue;
    const distance = allowance === 0 ? (first === said ? 0 : 1) : editDistance(said, first, allowance);
    if (distance > allowance) continue;
    for (const phrase of index.byFirstWord.get(first)!) {
      const sameCount = near.get(phrase.words.length) ?? [];
      sameCount.push(phrase);
      near.set(phrase.words.length, sameCount);
    }
  }
  return near;
}

/** A bit for each letter a–z the word holds (other characters count as none). */
function lettersOf(word: string): number {
  let letters = 0;
  for (let at = 0; at < word.length; at++) {
    const letter = word.charCodeAt(at) - 97;
    if (letter >= 0 && letter < 26) letters |= 1 << letter;
  }
  return letters;
}

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}
