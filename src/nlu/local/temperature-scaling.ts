import { predictProbabilities, type SoftmaxModel } from './softmax-regression.js';
import type { SparseVector } from './text-features.js';

/** A labelled training set split into folds. */
export interface FoldedExamples {
  inputs: readonly SparseVector[];
  labels: readonly number[];
  weights: readonly number[];
  /** The fold of each example. */
  folds: readonly number[];
}

/**
 * The temperature that calibrates a model's probabilities: each fold is predicted by a model trained
 * on the others, and T is fitted to those held-out predictions.
 *
 * @example
 * const temperature = crossValidatedTemperature({ inputs, labels, weights, folds }, (chosen) => train(chosen));
 */
export function crossValidatedTemperature(examples: FoldedExamples, train: (chosen: readonly number[]) => SoftmaxModel): number {
  const foldCount = Math.max(0, ...examples.folds) + 1;
  const predictions: Float64Array[] = [];
  const labels: number[] = [];
  const weights: number[] = [];
  for (let fold = 0; fold < foldCount; fold++) {
    const kept = Array.from(examples.inputs.keys()).filter((index) => examples.folds[index] !== fold);
    const heldOut = Array.from(examples.inputs.keys()).filter((index) => examples.folds[index] === fold);
    if (heldOut.length === 0 || kept.length === 0) continue;
    const model = train(kept);
    for (const index of heldOut) {
      predictions.push(predictProbabilities(model, examples.inputs[index]!));
      labels.push(examples.labels[index]!);
      weights.push(examples.weights[index] ?? 1);
    }
  }
  return fitTemperature(predictions, labels, weights);
}

/**
 * Finds the temperature T that makes `p_i^T / Σ p_j^T` best predict the labels of held-out
 * predictions (least weighted log loss), by golden-section search: the loss is convex in T.
 * T > 1 sharpens an under-confident model, T < 1 softens an over-confident one.
 *
 * @example
 * fitTemperature([Float64Array.of(0.5, 0.3, 0.2)], [0]) // > 1: the right class should have had more
 */
export function fitTemperature(
  predictions: readonly Float64Array[],
  labels: readonly number[],
  weights: readonly number[] = [],
  range: readonly [number, number] = [0.25, 8],
): number {
  if (predictions.length === 0) return 1;
  const loss = (temperature: number): number => {
    let total = 0;
    predictions.forEach((probabilities, row) => {
      let sum = 0;
      for (const probability of probabilities) sum += Math.pow(Math.max(probability, 1e-12), temperature);
      const right = Math.pow(Math.max(probabilities[labels[row]!] ?? 0, 1e-12), temperature);
      total -= (weights[row] ?? 1) * Math.log(right / sum);
    });
    return total;
  };
  const ratio = (Math.sqrt(5) - 1) / 2;
  let [low, high] = range;
  let left = high - ratio * (high - low);
  let right = low + ratio * (high - low);
  let leftLoss = loss(left);
  let rightLoss = loss(right);
  for (let round = 0; round < 40; round++) {
    if (leftLoss < rightLoss) {
      high = right;
      right = left;
      rightLoss = leftLoss;
      left = high - ratio * (high - low);
      leftLoss = loss(left);
    } else {
      low = left;
      left = right;
      leftLoss = rightLoss;
      right = low + ratio * (high - low);
      rightLoss = loss(right);
    }
  }
  return (low + high) / 2;
}

/** Applies a temperature to probabilities, in place. */
export function sharpen(probabilities: Float64Array, temperature: number): Float64Array {
  if (temperature === 1) return probabilities;
  let sum = 0;
  for (let index = 0; index < probabilities.length; index++) {
    probabilities[index] = Math.pow(Math.max(probabilities[index]!, 1e-300), temperature);
    sum += probabilities[index]!;
  }
  for (let index = 0; index < probabilities.length; index++) probabilities[index]! /= sum;
  return probabilities;
}
