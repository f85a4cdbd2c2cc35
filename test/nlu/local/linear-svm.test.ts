import { describe, expect, it } from 'vitest';
import { trainCalibratedSvm } from '../../../src/nlu/local/calibrated-svm.js';
import { createSvmSolver, scoreClasses, trainLinearSvm } from '../../../src/nlu/local/linear-svm.js';
import { createSeededRandom, extendHash, hashText, shuffleInPlace } from '../../../src/core/seeded-random.js';
import { fitTemperature, softmaxWithTemperature } from '../../../src/nlu/local/temperature-scaling.js';
import type { SparseVector } from '../../../src/nlu/local/text-features.js';

function vector(entries: [number, number][]): SparseVector {
  const norm = Math.hypot(...entries.map(([, value]) => value));
  return { indices: Int32Array.from(entries.map(([index]) => index)), values: Float32Array.from(entries.map(([, value]) => value / norm)) };
}

// Three classes, each marked by its own feature, plus a shared noise feature.
const inputs = [0, 1, 2].flatMap((label) => [0.6, 0.8, 1].map((noise) => vector([[label, 1], [3, noise]])));
const labels = [0, 0, 0, 1, 1, 1, 2, 2, 2];
const options = { cost: 1, tolerance: 0.01, maxEpochs: 100, seed: 7 };
const argmax = (scores: Float64Array) => scores.indexOf(Math.max(...scores));

describe('trainLinearSvm', () => {
  it('separates classes with margins and converges', () => {
    const { model, epochs } = trainLinearSvm(inputs, labels, 3, 4, options);
    expect(epochs).toBeLessThan(100);
    inputs.forEach((input, position) => {
      const scores = scoreClasses(model, input);
      expect(argmax(scores)).toBe(labels[position]);
      expect(scores[labels[position]!]).toBeGreaterThan(0);
    });
    // Only the shared feature: no class stands out.
    const unknown = scoreClasses(model, vector([[3, 1]]));
    expect(Math.max(...unknown) - Math.min(...unknown)).toBeLessThan(0.2);
  });

  it('is deterministic for a seed, and the order of the examples hardly matters', () => {
    const first = trainLinearSvm(inputs, labels, 3, 4, options);
    expect(Array.from(trainLinearSvm(inputs, labels, 3, 4, options).model.weights)).toEqual(Array.from(first.model.weights));
    const order = shuffleInPlace(Array.from(inputs.keys()), createSeededRandom(3));
    const shuffled = trainLinearSvm(order.map((index) => inputs[index]!), order.map((index) => labels[index]!), 3, 4, options);
    // Converged to the same optimum, whatever the order of the coordinate steps.
    shuffled.model.weights.forEach((weight, index) => expect(weight).toBeCloseTo(first.model.weights[index]!, 1));
  });

  it('lets weighted examples count more', () => {
    const same = vector([[0, 1]]);
    const { model } = trainLinearSvm([same, same], [0, 1], 2, 1, { ...options, exampleWeights: [1, 3] });
    const [first = 0, second = 0] = scoreClasses(model, same);
    expect(second).toBeGreaterThan(first);
  });

  it('resumes an earlier training with more examples, to the same solution', () => {
    const fromScratch = trainLinearSvm(inputs, labels, 3, 4, options);
    const solver = createSvmSolver(inputs, labels, 3, 4, options);
    solver.train(6);
    expect(argmax(scoreClasses(solver.model, inputs[8]!))).not.toBe(2);
    solver.train(inputs.length);
    solver.model.weights.forEach((weight, index) => expect(weight).toBeCloseTo(fromScratch.model.weights[index]!, 1));
    // Already at the optimum: one pass confirms it.
    expect(solver.train(inputs.length)).toBe(1);
  });
});

describe('the dual variables', () => {
  // 24 classes, each marked by its own feature and sharing feature 24; then one example of class 0 made
  // of the shared feature alone, which leans on the boundary of nearly every class: more non-zero dual
  // variables than an example keeps inline, so it needs a full row of its own.
  const classCount = 24;
  const many = Array.from({ length: classCount * 2 }, (_, position) => vector([[position % classCount, 1], [classCount, position < classCount ? 0.5 : 0.7]]));
  const manyLabels = many.map((_, position) => position % classCount);
  many.push(vector([[classCount, 1]]));
  manyLabels.push(0);

  it('keep the weights their sum when an example leans on many boundaries, in any order', () => {
    const first = trainLinearSvm(many, manyLabels, classCount, classCount + 1, options);
    expect(first.epochs).toBeLessThan(options.maxEpochs);
    many.slice(0, -1).forEach((input, position) => expect(argmax(scoreClasses(first.model, input))).toBe(manyLabels[position]));
    const order = shuffleInPlace(Array.from(many.keys()), createSeededRandom(5));
    const shuffled = trainLinearSvm(order.map((index) => many[index]!), order.map((index) => manyLabels[index]!), classCount, classCount + 1, options);
    shuffled.model.weights.forEach((weight, index) => expect(weight).toBeCloseTo(first.model.weights[index]!, 1));
  });
});

describe('trainCalibratedSvm', () => {
  const examples = { inputs, labels, weights: labels.map(() => 1), groups: labels.map((_, index) => index) };

  it('fits a temperature on held-out folds without changing what the SVM ranks first', () => {
    const plain = trainLinearSvm(inputs, labels, 3, 4, options);
    const calibrated = trainCalibratedSvm(examples, 3, 4, options, { folds: 3, heldOutExamples: 100 });
    expect(calibrated.temperature).not.toBe(1);
    for (const input of inputs) expect(argmax(scoreClasses(calibrated.model, input))).toBe(argmax(scoreClasses(plain.model, input)));
  });

  it('leaves the scores alone when calibration is off', () => {
    expect(trainCalibratedSvm(examples, 3, 4, options, { folds: 0, heldOutExamples: 100 }).temperature).toBe(1);
  });
});

describe('temperature scaling', () => {
  it('sharpens margins that are right and softens margins that are often wrong', () => {
    const right = Array.from({ length: 20 }, () => Float64Array.of(1, -1, -1));
    expect(fitTemperature(right, Array(20).fill(0))).toBeGreaterThan(5);
    const rash = Array.from({ length: 20 }, () => Float64Array.of(1, -1, -1));
    const halfWrong = fitTemperature(rash, [...Array(10).fill(0), ...Array(10).fill(1)]);
    expect(halfWrong).toBeLessThan(1);
    // Calibrated: the probability of the first class comes out at the share it is right.
    expect(softmaxWithTemperature(Float64Array.of(1, -1, -1), halfWrong)[0]).toBeCloseTo(0.5, 2);
    expect(fitTemperature([], [])).toBe(1);
  });

  it('keeps the order of classes and sums to one', () => {
    const probabilities = softmaxWithTemperature(Float64Array.of(0.5, 0.3, -0.2), 3);
    expect(Array.from(probabilities)).toEqual([...probabilities].sort((a, b) => b - a));
    expect(probabilities.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
  });
});

describe('seeded randomness and hashing', () => {
  it('repeats for a seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createSeededRandom(seed));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42)[0]).toBe(0.6011037519201636);
    expect(shuffleInPlace([1, 2, 3, 4, 5], createSeededRandom(1)).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('hashes texts stably, and extends a hash as if the texts were joined', () => {
    expect(hashText('abc')).toBe(hashText('abc'));
    expect(hashText('abc')).not.toBe(hashText('abd'));
    expect(extendHash(hashText('ab'), 'xcx', 1, 2) | 0).toBe(hashText('abc') | 0);
  });
});
