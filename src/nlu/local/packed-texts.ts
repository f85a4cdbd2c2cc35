import type { SparseVector, TextFeatures } from './text-features.js';

/**
 * Many texts' features packed end to end in a few typed arrays, rather than two small arrays per
 * text. Training holds tens of thousands of them at once: packed, they take the bytes of their
 * numbers and no more, and the garbage collector has nothing to trace or move.
 */
export interface FeatureTable {
  readonly count: number;
  add(features: TextFeatures): void;
  /** Text t's features: views into the table, not copies. */
  get(text: number): TextFeatures;
  all(): Iterable<TextFeatures>;
  /**
   * Turns every text's features into its vector, written over the text's own hashes (a vector has at
   * most as many entries as its text has hashes), with the values in a column of their own. The table
   * holds vectors from then on: its hashes are gone, and so is any copy of them to collect.
   */
  toVectors(vectorize: (features: TextFeatures) => SparseVector): SparseVector[];
}

/**
 * An empty table of texts' feature hashes.
 *
 * @example
 * const table = createFeatureTable();
 * table.add(extractFeatures(words, true));
 * const space = buildFeatureSpace(table.all(), 2);
 * const vectors = table.toVectors((features) => vectorize(space, features));
 */
export function createFeatureTable(): FeatureTable {
  // One row per text: its word hashes, then its char hashes.
  const hashes = createColumn((length) => new Int32Array(length));
  const wordCounts: number[] = [];
  let vectors: SparseVector[] | undefined;
  const table: FeatureTable = {
    get count() {
      return hashes.count;
    },
    add(features) {
      if (vectors) throw new Error('the table holds vectors now: no text can be added');
      hashes.push(features.words, features.chars);
      wordCounts.push(features.words.length);
    },
    get(text) {
      if (vectors) throw new Error('the table holds vectors now: its hashes are gone');
      const row = hashes.row(text);
      return { words: row.subarray(0, wordCounts[text]), chars: row.subarray(wordCounts[text]) };
    },
    *all() {
      for (let text = 0; text < hashes.count; text++) yield table.get(text);
    },
    toVectors(vectorize) {
      if (vectors) return vectors;
      const values = hashes.alignedColumn((length) => new Float32Array(length));
      const converted: SparseVector[] = [];
      for (let text = 0; text < hashes.count; text++) {
        const vector = vectorize(table.get(text));
        const row = hashes.row(text);
        if (vector.indices.length > row.length) throw new RangeError(`text ${text}: a vector of ${vector.indices.length} entries from ${row.length} hashes`);
        row.set(vector.indices);
        const valueRow = values.row(text);
        valueRow.set(vector.values);
        converted.push({ indices: row.subarray(0, vector.indices.length), values: valueRow.subarray(0, vector.values.length) });
      }
      vectors = converted;
      return vectors;
    },
  };
  return table;
}

interface Column<T> {
  readonly count: number;
  /** Adds a row made of the parts, end to end. */
  push(...parts: ArrayLike<number>[]): void;
  row(index: number): T;
  /** A column of another type with the same chunks and rows, filled with zeros. */
  alignedColumn<U extends Int32Array | Float32Array>(allocate: (length: number) => U): { row(index: number): U };
}

/**
 * Rows of numbers end to end in chunks of a quarter million (a row longer than that gets a chunk of its
 * own). Chunks are never copied or freed while the column grows: doubling one buffer instead left
 * up to half of it unused, and the buffers it outgrew lingered until a full garbage collection.
 */
function createColumn<T extends Int32Array | Float32Array>(allocate: (length: number) => T): Column<T> {
  const chunkLength = 1 << 18;
  const chunks: T[] = [];
  // Row r is chunks[rowChunks[r]] from rowStarts[r], rowLengths[r] long.
  const rowChunks: number[] = [];
  const rowStarts: number[] = [];
  const rows: T[] = [];
  let used = 0;
  return {
    get count() {
      return rows.length;
    },
    push(...parts) {
      const size = parts.reduce((sum, part) => sum + part.length, 0);
      let chunk = chunks.at(-1);
      if (!chunk || used + size > chunk.length) {
        chunk = allocate(Math.max(chunkLength, size));
        chunks.push(chunk);
        used = 0;
      }
      let at = used;
      for (const part of parts) {
        chunk.set(part, at);
        at += part.length;
      }
      rowChunks.push(chunks.length - 1);
      rowStarts.push(used);
      rows.push(chunk.subarray(used, used + size) as T);
      used += size;
    },
    row(index) {
      return rows[index]!;
    },
    alignedColumn(allocateAligned) {
      const alignedChunks = chunks.map((chunk) => allocateAligned(chunk.length));
      return {
        row: (index) => alignedChunks[rowChunks[index]!]!.subarray(rowStarts[index]!, rowStarts[index]! + rows[index]!.length) as typeof alignedChunks[number],
      };
    },
  };
}
