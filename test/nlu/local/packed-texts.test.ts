import { describe, expect, it } from 'vitest';
import { createFeatureTable } from '../../../src/nlu/local/packed-texts.js';
import { buildFeatureSpace, createVectorBuffer, extractFeatures, vectorize } from '../../../src/nlu/local/text-features.js';

const plain = (...words: string[]) => ({ plain: words, typed: words });
const texts = [plain('where', 'is', 'my', 'order'), plain('reset', 'my', 'password'), plain('my', 'order', 'is', 'late'), plain()];

describe('the feature table', () => {
  it('keeps each text\'s word and char hashes apart', () => {
    const table = createFeatureTable();
    const features = texts.map((words) => extractFeatures(words, true));
    for (const each of features) table.add(each);
    expect(table.count).toBe(4);
    features.forEach((each, text) => {
      expect(Array.from(table.get(text).words)).toEqual(each.words);
      expect(Array.from(table.get(text).chars)).toEqual(each.chars);
    });
    expect(Array.from(table.all(), (each) => each.words.length)).toEqual(features.map((each) => each.words.length));
  });

  it('turns its texts into the vectors vectorize gives, over their own hashes', () => {
    const table = createFeatureTable();
    for (const words of texts) table.add(extractFeatures(words, true));
    const space = buildFeatureSpace(table.all(), 1);
    const expected = texts.map((words) => vectorize(space, extractFeatures(words, true)));
    const buffer = createVectorBuffer();
    const vectors = table.toVectors((features) => vectorize(space, features, buffer));
    vectors.forEach((vector, text) => {
      expect(Array.from(vector.indices)).toEqual(Array.from(expected[text]!.indices));
      expect(Array.from(vector.values)).toEqual(Array.from(expected[text]!.values));
    });
    // The hashes are gone: the table holds vectors, and says so rather than answering with them.
    expect(() => table.get(0)).toThrow(/vectors/);
    expect(() => table.add(extractFeatures(plain('hello'), true))).toThrow(/vectors/);
    expect(table.toVectors(() => expected[0]!)).toBe(vectors);
  });

  it('gives a text longer than a chunk a chunk of its own, and keeps the others whole', () => {
    const table = createFeatureTable();
    const long = { words: Array.from({ length: 300_000 }, (_, at) => at), chars: [7, 8] };
    table.add({ words: [1, 2], chars: [3] });
    table.add(long);
    table.add({ words: [4], chars: [5, 6] });
    expect(table.get(1).words).toHaveLength(300_000);
    expect(Array.from(table.get(1).chars)).toEqual([7, 8]);
    expect(Array.from(table.get(2).words)).toEqual([4]);
    expect(Array.from(table.get(0).chars)).toEqual([3]);
    const vectors = table.toVectors((features) => ({ indices: Int32Array.from(features.chars), values: Float32Array.from(features.chars, (value) => value / 10) }));
    expect(Array.from(vectors[1]!.indices)).toEqual([7, 8]);
    expect(Array.from(vectors[2]!.values)).toEqual([0.5, 0.6].map(Math.fround));
  });
});
