import { createSeededRandom, shuffleInPlace } from '../../core/seeded-random.js';
import type { SparseVector } from './text-features.js';

/** A linear classifier: each class scores `weights · x + bias`. */
export interface LinearModel {
  classCount: number;
  /**
   * Feature-major: the weights of feature f are `weights[f × classCount … f × classCount + classCount)`,
   * so that scoring a sparse vector reads one short contiguous row per feature. Floats: the weights are
   * most of the model's memory.
   */
  weights: Float32Array;
  bias: Float64Array;
}

export interface SvmTrainingOptions {
  /** C: what a margin violation costs against the L2 penalty on the weights (LIBLINEAR's -c). */
  cost: number;
  /** Stop once every class's optimality conditions hold within this (LIBLINEAR's -e for the dual solvers). */
  tolerance: number;
  /** Passes over the data at most, converged or not. */
  maxEpochs: number;
  seed: number;
  /** Scales each example's cost (default 1 each). */
  exampleWeights?: readonly number[];
}

export interface SvmSolver {
  model: LinearModel;
  /**
   * Trains on the first `count` examples, from where the last call stopped: examples not seen before
   * start with α = 0, which keeps the solution consistent (a warm start). Returns the passes made.
   */
  train(count: number): number;
}

/**
 * One-vs-rest linear SVMs (L2-regularised, squared hinge loss, a bias feature of value 1), trained by
 * dual coordinate descent, the LIBLINEAR solver (Hsieh et al., ICML 2008): it needs no learning rate,
 * converges in a few passes on text and has a clear stopping rule.
 *
 * All the classes learn from an example in one visit: its scores are read in one pass over the
 * feature-major weights, then each class's dual variable takes its exact coordinate step. Pairs of
 * example and class that are far on the right side of the margin are left out of later passes
 * ("shrinking"), and are all checked again before the solver stops.
 *
 * @example
 * const solver = createSvmSolver(vectors, labels, 3, space.idf.length, { cost: 1, tolerance: 0.1, maxEpochs: 10, seed: 1 });
 * solver.train(vectors.length);
 * scoreClasses(solver.model, vector);
 */
export function createSvmSolver(
  inputs: readonly SparseVector[],
  labels: readonly number[],
  classCount: number,
  featureCount: number,
  options: SvmTrainingOptions,
): SvmSolver {
  const weights = new Float32Array(featureCount * classCount);
  const bias = new Float64Array(classCount);
  // α of each example for each class: how much the example holds up that class's boundary. The
  // weights are always `Σ α × ±1 × x` over the examples. An example's are read into `dual` for its visit.
  const duals = createSparseDuals(inputs.length, classCount);
  const dual = new Float32Array(classCount);
  // The squared hinge loss adds 1 / 2C to the diagonal of the dual's Hessian; the bias feature adds 1.
  const diagonal = Float64Array.from(inputs, (_, example) => 0.5 / (options.cost * (options.exampleWeights?.[example] ?? 1)));
  const curvature = Float64Array.from(inputs, (input, example) => squaredNorm(input) + 1 + diagonal[example]!);
  const shrunk = new Uint32Array(Math.ceil((inputs.length * classCount) / 32));
  const activeClasses = new Int32Array(inputs.length);
  const previousHighest = new Float64Array(classCount);
  const highest = new Float64Array(classCount);
  const lowest = new Float64Array(classCount);
  const scores = new Float64Array(classCount);
  const steps = new Float64Array(classCount);
  const stepped = new Int32Array(classCount);
  const random = createSeededRandom(options.seed);

  const train = (count: number): number => {
    shrunk.fill(0);
    activeClasses.fill(classCount);
    previousHighest.fill(Infinity);
    const order = Array.from({ length: count }, (_, example) => example);
    let everyPairActive = true;
    let epochs = 0;
    while (epochs < options.maxEpochs) {
      epochs++;
      shuffleInPlace(order, random);
      highest.fill(-Infinity);
      lowest.fill(Infinity);
      for (const example of order) {
        if (activeClasses[example] === 0) continue;
        const input = inputs[example]!;
        const label = labels[example]!;
        const row = example * classCount;
        scoreActive(weights, bias, input, shrunk, row, activeClasses[example]! * 4 > classCount, scores);
        duals.read(example, dual);
        let stepCount = 0;
        for (let target = 0; target < classCount; target++) {
          if (isSet(shrunk, row + target)) continue;
          const sign = target === label ? 1 : -1;
          const before = dual[target]!;
          const gradient = sign * scores[target]! - 1 + diagonal[example]! * before;
          let projected = gradient;
          if (before === 0) {
            if (gradient > previousHighest[target]!) {
              set(shrunk, row + target);
              activeClasses[example]!--;
              continue;
            }
            projected = Math.min(gradient, 0);
          }
          highest[target] = Math.max(highest[target]!, projected);
          lowest[target] = Math.min(lowest[target]!, projected);
          if (projected === 0) continue;
          dual[target] = Math.max(before - gradient / curvature[example]!, 0);
          // The step is taken from the dual as stored (a float), so that the weights stay its sum.
          steps[stepCount] = (dual[target]! - before) * sign;
          stepped[stepCount++] = target;
        }
        if (stepCount > 0) duals.write(example, dual);
        for (let position = 0; position < input.indices.length; position++) {
          const offset = input.indices[position]! * classCount;
          const value = input.values[position]!;
          for (let step = 0; step < stepCount; step++) weights[offset + stepped[step]!]! += steps[step]! * value;
        }
        for (let step = 0; step < stepCount; step++) bias[stepped[step]!]! += steps[step]!;
      }
      let converged = true;
      for (let target = 0; target < classCount; target++) {
        if (highest[target]! - lowest[target]! > options.tolerance) converged = false;
        previousHighest[target] = highest[target]! > 0 ? highest[target]! : Infinity;
      }
      if (converged) {
        if (everyPairActive) break;
        // Converged on the pairs still active: check every pair once more before stopping.
        shrunk.fill(0);
        activeClasses.fill(classCount);
        previousHighest.fill(Infinity);
        everyPairActive = true;
      } else {
        everyPairActive = false;
      }
    }
    return epochs;
  };
  return { model: { classCount, weights, bias }, train };
}

/**
 * Trains on all the examples at once.
 *
 * @example
 * const { model } = trainLinearSvm(vectors, labels, 3, space.idf.length, { cost: 1, tolerance: 0.1, maxEpochs: 10, seed: 1 });
 */
export function trainLinearSvm(
  inputs: readonly SparseVector[],
  labels: readonly number[],
  classCount: number,
  featureCount: number,
  options: SvmTrainingOptions,
): { model: LinearModel; epochs: number } {
  const solver = createSvmSolver(inputs, labels, classCount, featureCount, options);
  const epochs = solver.train(inputs.length);
  return { model: solver.model, epochs };
}

/**
 * The score of every class for one input, written into `scores` when given (a caller scoring many
 * inputs one after the other reuses one array).
 *
 * @example
 * const scores = scoreClasses(model, vectorize(space, features));
 */
export function scoreClasses(model: LinearModel, input: SparseVector, scores = new Float64Array(model.classCount)): Float64Array {
  scoreActive(model.weights, model.bias, input, undefined, 0, true, scores);
  return scores;
}

/** Scores the classes not shrunk for this example: all at once row by row, or, when few are left, each alone. */
function scoreActive(
  weights: Float32Array,
  bias: Float64Array,
  input: SparseVector,
  shrunk: Uint32Array | undefined,
  row: number,
  allAtOnce: boolean,
  scores: Float64Array,
): void {
  const classCount = bias.length;
  const { indices, values } = input;
  scores.set(bias);
  if (!allAtOnce) {
    for (let target = 0; target < classCount; target++) {
      if (shrunk && isSet(shrunk, row + target)) continue;
      let score = scores[target]!;
      for (let position = 0; position < indices.length; position++) score += weights[indices[position]! * classCount + target]! * values[position]!;
      scores[target] = score;
    }
    return;
  }
  let position = 0;
  for (; position + 8 <= indices.length; position += 8) addEightRows(weights, classCount, indices, values, position, scores);
  for (; position < indices.length; position++) {
    const offset = indices[position]! * classCount;
    const value = values[position]!;
    for (let target = 0; target < classCount; target++) scores[target]! += weights[offset + target]! * value;
  }
}

/**
 * Adds eight features' rows, times their values, to the scores in one pass. Loading and storing each
 * score, not the arithmetic, is what bounds this loop, so doing it once per eight features instead of
 * once per feature makes scoring (most of the training time) about twice as fast.
 */
function addEightRows(weights: Float32Array, classCount: number, indices: Int32Array, values: Float32Array, at: number, scores: Float64Array): void {
  const r0 = indices[at]! * classCount;
  const r1 = indices[at + 1]! * classCount;
  const r2 = indices[at + 2]! * classCount;
  const r3 = indices[at + 3]! * classCount;
  const r4 = indices[at + 4]! * classCount;
  const r5 = indices[at + 5]! * classCount;
  const r6 = indices[at + 6]! * classCount;
  const r7 = indices[at + 7]! * classCount;
  const v0 = values[at]!;
  const v1 = values[at + 1]!;
  const v2 = values[at + 2]!;
  const v3 = values[at + 3]!;
  const v4 = values[at + 4]!;
  const v5 = values[at + 5]!;
  const v6 = values[at + 6]!;
  const v7 = values[at + 7]!;
  for (let target = 0; target < classCount; target++) {
    scores[target]! +=
      weights[r0 + target]! * v0 +
      weights[r1 + target]! * v1 +
      weights[r2 + target]! * v2 +
      weights[r3 + target]! * v3 +
      weights[r4 + target]! * v4 +
      weights[r5 + target]! * v5 +
      weights[r6 + target]! * v6 +
      weights[r7 + target]! * v7;
  }
}

function squaredNorm(input: SparseVector): number {
  let sum = 0;
  for (const value of input.values) sum += value * value;
  return sum;
}

/** One bit per pair of example and class. */
function isSet(bits: Uint32Array, at: number): boolean {
  return (bits[at >>> 5]! & (1 << (at & 31))) !== 0;
}

function set(bits: Uint32Array, at: number): void {
  bits[at >>> 5]! |= 1 << (at & 31);
}

/** The dual variables of many examples, each example's read and written as a whole row. */
interface SparseDuals {
  /** Copies the example's duals into `row` (zeros included). */
  read(example: number, row: Float32Array): void;
  write(example: number, row: Float32Array): void;
}

/** Non-zero duals an example keeps inline; an example with more keeps a full row of its own. */
const inlineDuals = 16;

/**
 * Duals kept sparse. An example holds up the boundaries of its own class and of the few classes it
 * could be mistaken for: all its other duals are 0. A full table (examples × classes) would be 9 MB of
 * CLINC150's training, almost all zeros; this keeps up to 16 class-value pairs per example, and a
 * full row only for the rare example with more, the same floats in either case.
 */
function createSparseDuals(exampleCount: number, classCount: number): SparseDuals {
  if (classCount > 1 << 16) throw new RangeError(`${classCount} classes: the solver keeps a class in 16 bits`);
  const counts = new Uint8Array(exampleCount);
  const classes = new Uint16Array(exampleCount * inlineDuals);
  const values = new Float32Array(exampleCount * inlineDuals);
  const fullRows = new Map<number, Float32Array>();
  return {
    read(example, row) {
      const full = fullRows.get(example);
      if (full) {
        row.set(full);
        return;
      }
      row.fill(0);
      const start = example * inlineDuals;
      for (let slot = start; slot < start + counts[example]!; slot++) row[classes[slot]!] = values[slot]!;
    },
    write(example, row) {
      let count = 0;
      for (let target = 0; target < classCount; target++) if (row[target] !== 0) count++;
      if (count > inlineDuals) {
        const full = fullRows.get(example);
        if (full) full.set(row);
        else fullRows.set(example, Float32Array.from(row));
        return;
      }
      fullRows.delete(example);
      const start = example * inlineDuals;
      let slot = start;
      for (let target = 0; target < classCount && slot < start + count; target++) {
        if (row[target] === 0) continue;
        classes[slot] = target;
        values[slot++] = row[target]!;
      }
      counts[example] = count;
    },
  };
}
