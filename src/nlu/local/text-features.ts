import { tokenizeWords } from '../../slots/text-tokens.js';
import { englishStem } from './english-stem.js';
import { extendHash, hashText } from '../../core/seeded-random.js';
import type { ValueSpan } from './training-examples.js';

/** A text's words as written, and with its values read as their types' tokens. */
export interface ClassifierWords {
  plain: string[];
  typed: string[];
}

/** A sparse, L2-normalised feature vector; `indices` ascending. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/**
 * The features of a text, each named (`w:order`, `b:my order`, `m:charg`, `c: or`) and kept as the
 * 32-bit hash of its name: no strings are built per n-gram, and with a few hundred thousand distinct
 * names a collision is rare and harmless (two features share a weight). Word-level and char-level
 * features are kept apart, because they are normalised apart.
 */
export interface TextFeatures {
  words: Int32Array | number[];
  chars: Int32Array | number[];
}

/** The features a classifier was trained on: each name's hash, its position and inverse document frequency. */
export interface FeatureSpace {
  index: Map<number, number>;
  idf: Float64Array;
}

/**
 * Char n-grams, inside words padded with a space each side: " or", "ord", "der ". On CLINC150's val
 * split 3–4-grams did as well as 2–5 or 3–5 (93.0%) with a quarter fewer features per text.
 */
const shortestGram = 3;
const longestGram = 4;
/**
 * Char n-grams outnumber words several to one; each block is normalised on its own, then weighted.
 * Kept from the earlier classifier: 0.5 and 1.2 gave the same val accuracy.
 */
const charBlockWeight = 0.8;
const longestWord = 24;

/**
 * The words a classifier reads, lower-cased, twice: as written (`plain`), and with each value replaced
 * by its type's token (`typed`), so that "book a repair for friday" and "book an install for monday"
 * share `a __servicetype__ for __date__`. Both count: the words of a value still say something (a
 * "book" is rated, a "song" played) when its type is shared by several intents, or when a value the
 * finders do not know is only read as words.
 *
 * @example
 * classifierWords('repair on friday', [{ start: 10, end: 16, type: 'date' }])
 * // { plain: ['repair', 'on', 'friday'], typed: ['repair', 'on', '__date__'] }
 */
export function classifierWords(text: string, values: readonly ValueSpan[], maxWords = 200): ClassifierWords {
  const sorted = [...values].sort((a, b) => a.start - b.start || a.end - b.end);
  const tokens = tokenizeWords(text).slice(0, maxWords);
  const typed: string[] = [];
  let next = 0;
  let lastEnd = -1;
  for (const token of tokens) {
    while (next < sorted.length && sorted[next]!.start < token.end) {
      const value = sorted[next++]!;
      typed.push(typeToken(value.type));
      lastEnd = Math.max(lastEnd, value.end);
    }
    if (token.start >= lastEnd) typed.push(token.normal);
  }
  while (next < sorted.length && sorted[next]!.start < text.length && typed.length < maxWords) typed.push(typeToken(sorted[next++]!.type));
  return { plain: tokens.map((token) => token.normal), typed };
}

/** The word a value of a type is read as: `__date__`. No real word looks like it: words hold no underscores. */
export function typeToken(type: string): string {
  return `__${type.toLowerCase()}__`;
}

export function isTypeToken(word: string): boolean {
  return word.startsWith('__') && word.endsWith('__') && word.length > 4;
}

/** The hash a feature of that name is kept as: `featureHash('w:order')`. */
export function featureHash(name: string): number {
  return hashText(name) | 0;
}

const charPrefix = extendHash(hashText(''), 'c:');

/**
 * The features of a text: from its words as written, word unigrams (`w:`), bigrams with sentence ends
 * (`b:`), for English the words' stems (`m:`, so "charged" meets "charges"), and char 3–4-grams within
 * each word (`c:`), which carry typos and unseen inflections; from its typed words, each type token
 * and the bigrams it makes with its neighbours.
 *
 * @example
 * extractFeatures({ plain: ['my', 'order'], typed: ['my', 'order'] }, false).words.includes(featureHash('b:my order')) // true
 */
export function extractFeatures(words: ClassifierWords, stems = false): { words: number[]; chars: number[] } {
  const wordHashes: number[] = [];
  const charHashes: number[] = [];
  let previous = '<s>';
  for (const word of words.plain) {
    wordHashes.push(featureHash(`w:${word}`), featureHash(`b:${previous} ${word}`));
    previous = word;
    if (stems) wordHashes.push(featureHash(`m:${englishStem(word)}`));
    const padded = ` ${word.slice(0, longestWord)} `;
    for (let start = 0; start + shortestGram <= padded.length; start++) {
      // Grams sharing a start extend one hash: "c: o", then "c: or", "c: ord"...
      let hash = extendHash(charPrefix, padded, start, start + shortestGram - 1);
      for (let end = start + shortestGram; end <= Math.min(start + longestGram, padded.length); end++) {
        hash = extendHash(hash, padded, end - 1, end);
        charHashes.push(hash | 0);
      }
    }
  }
  if (words.plain.length > 0) wordHashes.push(featureHash(`b:${previous} </s>`));
  previous = '<s>';
  for (const word of [...words.typed, '</s>']) {
    if (isTypeToken(word)) wordHashes.push(featureHash(`w:${word}`));
    if (isTypeToken(word) || isTypeToken(previous)) wordHashes.push(featureHash(`b:${previous} ${word}`));
    previous = word;
  }
  return { words: wordHashes, chars: charHashes };
}

/**
 * The feature space of a training set: the features seen in at least `fewestDocuments` texts (at most
 * `mostFeatures` of them, the most common first), with their smoothed IDF. Positions follow the
 * hashes' order, so they never depend on the order of the texts.
 *
 * @example
 * const space = buildFeatureSpace(texts.map((words) => extractFeatures(words)), 1);
 */
export function buildFeatureSpace(documents: Iterable<TextFeatures>, fewestDocuments = 1, mostFeatures = Infinity): FeatureSpace {
  const texts = Array.from(documents);
  const { hashes, frequencies } = countDocumentFrequencies(texts);
  const least = leastKeptFrequency(frequencies, fewestDocuments, mostFeatures);
  // At the least frequency kept, features are taken by hash, lowest first, until there are enough.
  let atLeast = frequencies.reduce((count, frequency) => count + (frequency > least ? 1 : 0), 0);
  const index = new Map<number, number>();
  const idf: number[] = [];
  hashes.forEach((hash, run) => {
    const frequency = frequencies[run]!;
    if (frequency < least || (frequency === least && atLeast++ >= mostFeatures)) return;
    index.set(hash, idf.length);
    idf.push(Math.log((1 + texts.length) / (1 + frequency)) + 1);
  });
  return { index, idf: Float64Array.from(idf) };
}

/**
 * Each hash the texts hold, ascending, and how many texts hold it. Each text's hashes are sorted in
 * place (their order means nothing to a vector), then all are merged through a heap holding one cursor
 * per text, which passes each text's repeats of a hash at once. No copy of the hashes is made: copying
 * them end to end into one array to sort costs a few megabytes more at the peak of training, and a
 * map of a few hundred thousand features more than the whole trained model.
 */
function countDocumentFrequencies(texts: readonly TextFeatures[]): { hashes: Int32Array; frequencies: Int32Array } {
  for (const text of texts) {
    sortHashes(text.words);
    sortHashes(text.chars);
  }
  const wordAt = new Int32Array(texts.length);
  const charAt = new Int32Array(texts.length);
  // The texts not yet read to the end, as a binary heap on the hash each is at.
  const heap = new Int32Array(texts.length);
  const at = new Int32Array(texts.length);
  let size = 0;
  const advance = (text: number): boolean => {
    const { words, chars } = texts[text]!;
    const word = wordAt[text]! < words.length ? words[wordAt[text]!]! : undefined;
    const char = charAt[text]! < chars.length ? chars[charAt[text]!]! : undefined;
    if (word === undefined && char === undefined) return false;
    at[text] = word === undefined ? char! : char === undefined ? word : Math.min(word, char);
    return true;
  };
  const siftDown = (from: number): void => {
    const text = heap[from]!;
    let parent = from;
    for (;;) {
      let child = 2 * parent + 1;
      if (child >= size) break;
      if (child + 1 < size && at[heap[child + 1]!]! < at[heap[child]!]!) child++;
      if (at[heap[child]!]! >= at[text]!) break;
      heap[parent] = heap[child]!;
      parent = child;
    }
    heap[parent] = text;
  };
  for (let text = 0; text < texts.length; text++) if (advance(text)) heap[size++] = text;
  for (let parent = (size >> 1) - 1; parent >= 0; parent--) siftDown(parent);
  const hashes: number[] = [];
  const frequencies: number[] = [];
  while (size > 0) {
    const text = heap[0]!;
    const hash = at[text]!;
    if (hashes.length > 0 && hashes[hashes.length - 1] === hash) frequencies[frequencies.length - 1]!++;
    else {
      hashes.push(hash);
      frequencies.push(1);
    }
    const { words, chars } = texts[text]!;
    while (wordAt[text]! < words.length && words[wordAt[text]!] === hash) wordAt[text]!++;
    while (charAt[text]! < chars.length && chars[charAt[text]!] === hash) charAt[text]!++;
    if (!advance(text)) heap[0] = heap[--size]!;
    if (size > 0) siftDown(0);
  }
  return { hashes: Int32Array.from(hashes), frequencies: Int32Array.from(frequencies) };
}

/** Sorts hashes ascending, in place. */
function sortHashes(hashes: Int32Array | number[]): void {
  if (hashes instanceof Int32Array) hashes.sort();
  else hashes.sort((a, b) => a - b);
}

/** The lowest document frequency a feature may have and be kept, when at most `mostFeatures` are. */
function leastKeptFrequency(frequencies: Int32Array, fewestDocuments: number, mostFeatures: number): number {
  const eligible = frequencies.filter((frequency) => frequency >= fewestDocuments);
  if (eligible.length <= mostFeatures) return fewestDocuments;
  return eligible.sort().reverse()[mostFeatures - 1]!;
}

/**
 * Arrays a caller turning many texts into vectors, one after the other, lends `vectorize` to write
 * them in: each text's vector is then a view of them, valid until the next, and no text leaves a pair
 * of arrays behind for the garbage collector.
 */
export interface VectorBuffer {
  indices: Int32Array;
  values: Float32Array;
}

export function createVectorBuffer(): VectorBuffer {
  return { indices: new Int32Array(256), values: new Float32Array(256) };
}

/**
 * Sublinear TF × IDF over the known features: the word block and the char block are each scaled to
 * unit length (the char block to `charBlockWeight`), then the whole vector is. With a buffer, the
 * vector is written into it (grown when too small) and views of it are returned.
 *
 * @example
 * const vector = vectorize(space, extractFeatures(['where', 'is', 'my', 'order'], true));
 */
export function vectorize(space: FeatureSpace, features: TextFeatures, buffer?: VectorBuffer): SparseVector {
  const words = weighBlock(space, features.words, 1);
  const chars = weighBlock(space, features.chars, charBlockWeight);
  const length = words.indices.length + chars.indices.length;
  if (buffer && buffer.indices.length < length) {
    buffer.indices = new Int32Array(length * 2);
    buffer.values = new Float32Array(length * 2);
  }
  const indices = buffer ? buffer.indices.subarray(0, length) : new Int32Array(length);
  const values = buffer ? buffer.values.subarray(0, length) : new Float32Array(length);
  let norm = 0;
  // Both blocks are ascending: merge them.
  for (let at = 0, word = 0, char = 0; at < length; at++) {
    const fromWords = char >= chars.indices.length || (word < words.indices.length && words.indices[word]! < chars.indices[char]!);
    indices[at] = fromWords ? words.indices[word]! : chars.indices[char]!;
    const value = fromWords ? words.values[word++]! : chars.values[char++]!;
    values[at] = value;
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let at = 0; at < length; at++) values[at]! *= scale;
  return { indices, values };
}

/** One block's known features, each once, ascending, weighted `(1 + ln count) × idf`, scaled to `blockWeight` in length. */
function weighBlock(space: FeatureSpace, hashes: ArrayLike<number>, blockWeight: number): { indices: number[]; values: number[] } {
  const positions: number[] = [];
  for (let at = 0; at < hashes.length; at++) {
    const position = space.index.get(hashes[at]!);
    if (position !== undefined) positions.push(position);
  }
  positions.sort((a, b) => a - b);
  const indices: number[] = [];
  const values: number[] = [];
  let norm = 0;
  for (let start = 0; start < positions.length; ) {
    let end = start + 1;
    while (end < positions.length && positions[end] === positions[start]) end++;
    const weight = (1 + Math.log(end - start)) * space.idf[positions[start]!]!;
    indices.push(positions[start]!);
    values.push(weight);
    norm += weight * weight;
    start = end;
  }
  const scale = norm > 0 ? blockWeight / Math.sqrt(norm) : 0;
  return { indices, values: values.map((value) => value * scale) };
}

/**
 * 0–1: the share of the words seen in training. A word not seen counts for the share of its char
 * trigrams that were (a typo keeps most of them); type tokens count as seen.
 *
 * @example
 * coverageOf(['where', 'is', 'my', 'ordr'], space) // ≈ 0.9
 */
export function coverageOf(words: readonly string[], space: FeatureSpace): number {
  let known = 0;
  for (const word of words) {
    if (isTypeToken(word) || space.index.has(featureHash(`w:${word}`))) {
      known++;
      continue;
    }
    const padded = ` ${word.slice(0, longestWord)} `;
    let grams = 0;
    let seen = 0;
    for (let start = 0; start + 3 <= padded.length; start++) {
      grams++;
      if (space.index.has(featureHash(`c:${padded.slice(start, start + 3)}`))) seen++;
    }
    known += grams > 0 ? seen / grams : 0;
  }
  return words.length > 0 ? known / words.length : 0;
}
