import { createSeededRandom, shuffleInPlace } from './seeded-random.js';
import type { SparseVector } from './text-features.js';

/** A multinomial logistic regression over sparse features. */
export interface SoftmaxModel {
  classCount: number;
  /** Feature-major: the weights of feature f are `weights[f * classCount … f * classCount + classCount)`. */
  weights: Float32Array;
  bias: Float64Array;
}

export interface SoftmaxTrainingOptions {
  /** Passes over the data. */
  epochs: number;
  /** L2 penalty per example. */
  l2: number;
  /** Initial step size; it decays as 1 / (1 + rate × l2 × step). */
  learningRate: number;
  seed: number;
  /** How much each example counts (default 1 each). */
  exampleWeights?: readonly number[];
}

/**
 * Trains by stochastic gradient descent on the cross-entropy, visiting examples in a seeded order.
 * The L2 shrinkage is kept as one scale factor, so each step only touches the example's features.
 *
 * @example
 * const model = trainSoftmaxRegression(vectors, labels, 3, space.idf.length, { epochs: 30, l2: 1e-4, learningRate: 0.5, seed: 1 });
 */
export function trainSoftmaxRegression(
  inputs: readonly SparseVector[],
  labels: readonly number[],
  classCount: number,
  featureCount: number,
  options: SoftmaxTrainingOptions,
): SoftmaxModel {
  const weights = new Float32Array(featureCount * classCount);
  const bias = new Float64Array(classCount);
  const model: SoftmaxModel = { classCount, weights, bias };
  const random = createSeededRandom(options.seed);
  const order = Array.from(inputs.keys());
  const probabilities = new Float64Array(classCount);
  const changes = new Float64Array(classCount);
  let scale = 1;
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const example of order) {
      const input = inputs[example]!;
      const label = labels[example]!;
      const rate = options.learningRate / (1 + options.learningRate * options.l2 * step++);
      const weight = options.exampleWeights?.[example] ?? 1;
      scores(model, input, scale, probabilities);
      softmaxInPlace(probabilities);
      scale *= 1 - rate * options.l2;
      let touched = false;
      for (let target = 0; target < classCount; target++) {
        const gradient = probabilities[target]! - (target === label ? 1 : 0);
        // Classes the example says almost nothing about are skipped: most of them, once training is under way.
        if (Math.abs(gradient) < 1e-5) {
          changes[target] = 0;
          continue;
        }
        changes[target] = (rate * weight * gradient) / scale;
        bias[target]! -= rate * weight * gradient;
        touched = true;
      }
      if (touched) {
        for (let position = 0; position < input.indices.length; position++) {
          const offset = input.indices[position]! * classCount;
          const value = input.values[position]!;
          for (let target = 0; target < classCount; target++) weights[offset + target]! -= changes[target]! * value;
        }
      }
      if (scale < 1e-4) {
        for (let index = 0; index < weights.length; index++) weights[index]! *= scale;
        scale = 1;
      }
    }
  }
  if (scale !== 1) for (let index = 0; index < weights.length; index++) weights[index]! *= scale;
  return model;
}

/**
 * The probability of each class for one input.
 *
 * @example
 * const [first, second] = predictProbabilities(model, vectorize(space, counts));
 */
export function predictProbabilities(model: SoftmaxModel, input: SparseVector): Float64Array {
  const probabilities = new Float64Array(model.classCount);
  scores(model, input, 1, probabilities);
  return softmaxInPlace(probabilities);
}

function scores(model: SoftmaxModel, input: SparseVector, scale: number, into: Float64Array): void {
  const { classCount, weights, bias } = model;
  into.fill(0);
  for (let position = 0; position < input.indices.length; position++) {
    const offset = input.indices[position]! * classCount;
    const value = input.values[position]! * scale;
    for (let target = 0; target < classCount; target++) into[target]! += weights[offset + target]! * value;
  }
  for (let target = 0; target < classCount; target++) into[target]! += bias[target]!;
}

function softmaxInPlace(values: Float64Array): Float64Array {
  let highest = -Infinity;
  for (const value of values) if (value > highest) highest = value;
  let sum = 0;
  for (let index = 0; index < values.length; index++) {
    values[index] = Math.exp(values[index]! - highest);
    sum += values[index]!;
  }
  for (let index = 0; index < values.length; index++) values[index]! /= sum;
  return values;
}
