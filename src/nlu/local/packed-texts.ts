import type { SparseVector, TextFeatures } from './text-features.js';

/**
 * Many texts' features or vectors packed end to end in a few typed arrays, rather than two small
 * arrays per text. Training holds tens of thousands of them at once: packed, they take the bytes
 * of their numbers and no more, and the garbage collector has nothing to trace or move.
 */
export interface FeatureTable {
  readonly count: number;
  add(features: TextFeatures): void;
  /** Text t's features: views into the table, not copies. */
  get(text: number): TextFeatures;
  all(): Iterable<TextFeatures>;
}

/**
 * An empty table of texts' feature hashes.
 *
 * @example
 * const table = createFeatureTable();
 * table.add(extractFeatures(words, true));
 * const space = buildFeatureSpace(table.all(), 2);
 */
export function createFeatureTable(): FeatureTable {
  const words = createInt32Column();
  const chars = createInt32Column();
  const table: FeatureTable = {
    get count() {
      return words.count;
    },
    add(features) {
      words.push(features.words);
      chars.push(features.chars);
    },
    get(text) {
      return { words: words.row(text), chars: chars.row(text) };
    },
    *all() {
      for (let text = 0; text < words.count; text++) yield table.get(text);
    },
  };
  return table;
}

/**
 * Copies sparse vectors into one pair of arrays and returns views of it, one per vector.
 *
 * @example
 * const inputs = packVectors(texts.map((features) => vectorize(space, features)));
 */
export function packVectors(vectors: Iterable<SparseVector>): SparseVector[] {
  const indices = createInt32Column();
  const values = createFloat32Column();
  for (const vector of vectors) {
    indices.push(vector.indices);
    values.push(vector.values);
  }
  return Array.from({ length: indices.count }, (_, row) => ({ indices: indices.row(row), values: values.row(row) }));
}

interface Column<T> {
  readonly count: number;
  push(row: ArrayLike<number>): void;
  row(index: number): T;
}

/**
 * Rows of numbers end to end in chunks of a quarter million (a row longer than that gets a chunk of its
 * own). Chunks are never copied or freed while the column grows: doubling one buffer instead left
 * up to half of it unused, and the buffers it outgrew lingered until a full garbage collection.
 */
function createColumn<T extends Int32Array | Float32Array>(allocate: (length: number) => T): Column<T> {
  const chunkLength = 1 << 18;
  const rows: T[] = [];
  let chunk = allocate(0);
  let used = 0;
  return {
    get count() {
      return rows.length;
    },
    push(row) {
      if (used + row.length > chunk.length) {
        chunk = allocate(Math.max(chunkLength, row.length));
        used = 0;
      }
      chunk.set(row, used);
      rows.push(chunk.subarray(used, used + row.length) as T);
      used += row.length;
    },
    row(index) {
      return rows[index]!;
    },
  };
}

const createInt32Column = () => createColumn((length) => new Int32Array(length));
const createFloat32Column = () => createColumn((length) => new Float32Array(length));
