import { tokenizeWords } from '../../slots/text-tokens.js';
import { englishStem } from './english-stem.js';
import type { ValueSpan } from './training-examples.js';

/** A sparse, L2-normalised feature vector. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/** The features a classifier was trained on, with their inverse document frequencies. */
export interface FeatureSpace {
  index: Map<string, number>;
  idf: Float64Array;
}

const shortestGram = 3;
const longestGram = 5;
/** Char n-grams outnumber words about ten to one; each block is normalised on its own, then weighted. */
const charBlockWeight = 0.8;
const longestWord = 24;

/**
 * The words a classifier reads: lower-cased, with each value replaced by its type's token, so that
 * "book a repair for friday" and "book an install for monday" read alike.
 *
 * @example
 * classifierWords('repair on friday', [{ start: 0, end: 6, type: 'ServiceType' }, { start: 10, end: 16, type: 'date' }])
 * // ['__servicetype__', 'on', '__date__']
 */
export function classifierWords(text: string, values: readonly ValueSpan[], maxWords = 200): string[] {
  const sorted = [...values].sort((a, b) => a.start - b.start || a.end - b.end);
  const words: string[] = [];
  let next = 0;
  let lastEnd = -1;
  for (const token of tokenizeWords(text)) {
    while (next < sorted.length && sorted[next]!.start < token.end) {
      const value = sorted[next++]!;
      words.push(typeToken(value.type));
      lastEnd = Math.max(lastEnd, value.end);
    }
    if (token.start < lastEnd) continue;
    words.push(token.normal);
    if (words.length >= maxWords) break;
  }
  while (next < sorted.length && words.length < maxWords) words.push(typeToken(sorted[next++]!.type));
  return words;
}

/** The word a value of a type is read as: `__date__`. No real word looks like it: words hold no underscores. */
export function typeToken(type: string): string {
  return `__${type.toLowerCase()}__`;
}

export function isTypeToken(word: string): boolean {
  return word.startsWith('__') && word.endsWith('__') && word.length > 4;
}

/**
 * Raw counts of word unigrams (`w:`), bigrams (`b:`), char 3–5-grams inside words (`c:`) and, for
 * English, word stems (`m:`, so "charged" meets "charges").
 */
export function countFeatures(words: readonly string[], stems = false): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (feature: string): void => {
    counts.set(feature, (counts.get(feature) ?? 0) + 1);
  };
  let previous = '<s>';
  for (const word of words) {
    add(`w:${word}`);
    add(`b:${previous} ${word}`);
    previous = word;
    if (isTypeToken(word)) continue;
    if (stems) add(`m:${englishStem(word)}`);
    const padded = ` ${word.slice(0, longestWord)} `;
    for (let size = shortestGram; size <= longestGram; size++) {
      for (let start = 0; start + size <= padded.length; start++) add(`c:${padded.slice(start, start + size)}`);
    }
  }
  if (words.length > 0) add(`b:${previous} </s>`);
  return counts;
}

/**
 * Builds the feature space of a training set: every feature seen (or, on large sets, seen at least
 * twice) and its smoothed IDF.
 *
 * @example
 * const space = buildFeatureSpace(examples.map((example) => countFeatures(classifierWords(example.text, example.values))));
 */
export function buildFeatureSpace(documents: readonly Map<string, number>[]): FeatureSpace {
  const documentFrequency = new Map<string, number>();
  for (const counts of documents) {
    for (const feature of counts.keys()) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
  }
  // On large sets, features seen once are mostly noise and cost memory in every class's weights.
  const fewest = documents.length > 2000 ? 2 : 1;
  const kept = Array.from(documentFrequency).filter(([, frequency]) => frequency >= fewest);
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map<string, number>();
  const idf = new Float64Array(kept.length);
  kept.forEach(([feature, frequency], position) => {
    index.set(feature, position);
    idf[position] = Math.log((1 + documents.length) / (1 + frequency)) + 1;
  });
  return { index, idf };
}

/** Sublinear TF × IDF over the known features; word and char blocks normalised apart, then together. */
export function vectorize(space: FeatureSpace, counts: ReadonlyMap<string, number>): SparseVector {
  const entries: { position: number; weight: number; char: boolean }[] = [];
  let wordNorm = 0;
  let charNorm = 0;
  for (const [feature, count] of counts) {
    const position = space.index.get(feature);
    if (position === undefined) continue;
    const weight = (1 + Math.log(count)) * space.idf[position]!;
    const char = feature.charCodeAt(0) === 99; // 'c'
    if (char) charNorm += weight * weight;
    else wordNorm += weight * weight;
    entries.push({ position, weight, char });
  }
  const wordScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
  const charScale = charNorm > 0 ? charBlockWeight / Math.sqrt(charNorm) : 0;
  entries.sort((a, b) => a.position - b.position);
  const indices = new Int32Array(entries.length);
  const values = new Float64Array(entries.length);
  let norm = 0;
  entries.forEach((entry, position) => {
    const value = entry.weight * (entry.char ? charScale : wordScale);
    indices[position] = entry.position;
    values[position] = value;
    norm += value * value;
  });
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let position = 0; position < values.length; position++) values[position]! *= scale;
  }
  return { indices, values };
}
