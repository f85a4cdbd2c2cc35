import { describe, expect, it } from 'vitest';
import { createSeededRandom, hashText, shuffleInPlace } from '../../../src/nlu/local/seeded-random.js';
import { predictProbabilities, trainSoftmaxRegression } from '../../../src/nlu/local/softmax-regression.js';
import { fitTemperature, sharpen } from '../../../src/nlu/local/temperature-scaling.js';
import type { SparseVector } from '../../../src/nlu/local/text-features.js';

function vector(entries: [number, number][]): SparseVector {
  return { indices: Int32Array.from(entries.map(([index]) => index)), values: Float64Array.from(entries.map(([, value]) => value)) };
}

// Three classes, each marked by its own feature, plus a shared noise feature.
const inputs = [0, 1, 2].flatMap((label) => [0.6, 0.8, 1].map((noise) => vector([[label, 1], [3, noise]])));
const labels = [0, 0, 0, 1, 1, 1, 2, 2, 2];
const options = { epochs: 60, l2: 1e-3, learningRate: 0.5, seed: 7 };

describe('trainSoftmaxRegression', () => {
  it('learns separable classes with probabilities that sum to one', () => {
    const model = trainSoftmaxRegression(inputs, labels, 3, 4, options);
    for (const [position, input] of inputs.entries()) {
      const probabilities = predictProbabilities(model, input);
      expect(probabilities.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
      expect(probabilities.indexOf(Math.max(...probabilities))).toBe(labels[position]);
      expect(probabilities[labels[position]!]).toBeGreaterThan(0.7);
    }
    const unknown = predictProbabilities(model, vector([[3, 1]]));
    expect(Math.max(...unknown)).toBeLessThan(0.5);
  });

  it('is deterministic for a seed', () => {
    const first = trainSoftmaxRegression(inputs, labels, 3, 4, options);
    const second = trainSoftmaxRegression(inputs, labels, 3, 4, options);
    expect(Array.from(first.weights)).toEqual(Array.from(second.weights));
  });

  it('lets weighted examples count more', () => {
    const weighted = trainSoftmaxRegression([vector([[0, 1]]), vector([[0, 1]])], [0, 1], 2, 1, { ...options, exampleWeights: [1, 3] });
    const [first = 0, second = 0] = predictProbabilities(weighted, vector([[0, 1]]));
    expect(second).toBeGreaterThan(first);
  });
});

describe('temperature scaling', () => {
  it('sharpens an under-confident model and softens an over-confident one', () => {
    const timid = Array.from({ length: 20 }, () => Float64Array.of(0.5, 0.3, 0.2));
    expect(fitTemperature(timid, Array(20).fill(0))).toBeGreaterThan(1);
    const rash = Array.from({ length: 20 }, () => Float64Array.of(0.98, 0.01, 0.01));
    expect(fitTemperature(rash, [...Array(10).fill(0), ...Array(10).fill(1)])).toBeLessThan(1);
    expect(fitTemperature([], [])).toBe(1);
  });

  it('keeps the order of classes and sums to one', () => {
    const probabilities = sharpen(Float64Array.of(0.5, 0.3, 0.2), 2);
    expect(probabilities[0]).toBeGreaterThan(0.5);
    expect(probabilities.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
  });
});

describe('seeded randomness', () => {
  it('repeats for a seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createSeededRandom(seed));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42)[0]).toBe(0.6011037519201636);
    expect(shuffleInPlace([1, 2, 3, 4, 5], createSeededRandom(1)).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(hashText('abc')).toBe(hashText('abc'));
    expect(hashText('abc')).not.toBe(hashText('abd'));
  });
});
