import { isAllowedTransition, startState } from './bio-labels.js';
import { createSeededRandom, shuffleInPlace } from '../../../core/seeded-random.js';

/** A labelled word sequence: the feature ids of word i are `features[offsets[i]]` to `features[offsets[i + 1]]`. */
export interface FeatureSequence {
  features: Int32Array;
  offsets: Int32Array;
  labels: Int32Array;
}

/** A linear-chain scorer over BIO labels: word-feature weights, label-pair weights, end weights. */
export interface SequenceModel {
  labelCount: number;
  /** Row `feature × labelCount`. */
  emission: Float32Array;
  /** `next × (labelCount + 1) + previous + 1`: the weights of what came before each label; the start first. */
  transition: Float32Array;
  final: Float32Array;
}

/** Which labels may follow which. */
export interface LabelConstraints {
  /** 1 when a sequence may begin with the label. */
  initial: Uint8Array;
  /** The labels allowed before each label are `firstBefore[label]` to `lastBefore[label]`: BIO's numbering keeps them contiguous. */
  firstBefore: Int32Array;
  lastBefore: Int32Array;
}

export interface PerceptronSettings {
  epochs: number;
  seed: number;
}

const forbidden = -1e30;

/**
 * Trains an averaged structured perceptron (Collins 2002): decode each sequence with the current
 * weights under the BIO constraints and move the weights from the predicted labels to the true ones.
 * The average of the weights over all steps is returned: it generalises like a regularised model.
 *
 * @example
 * const model = trainStructuredPerceptron(sequences, labelCount(2), featureCount, { epochs: 10, seed: 7 });
 */
export function trainStructuredPerceptron(
  sequences: readonly FeatureSequence[],
  labelCount: number,
  featureCount: number,
  settings: PerceptronSettings,
): SequenceModel {
  const width = labelCount;
  const sizes = { emission: featureCount * width, transition: (width + 1) * width, final: width };
  const weights = { emission: new Float64Array(sizes.emission), transition: new Float64Array(sizes.transition), final: new Float64Array(sizes.final) };
  // Σ step × change: the averaged weights are `weights - sums / steps` (Daumé's trick: no copy per step).
  const sums = { emission: new Float64Array(sizes.emission), transition: new Float64Array(sizes.transition), final: new Float64Array(sizes.final) };
  const random = createSeededRandom(settings.seed);
  const order = Array.from(sequences.keys());
  const constraints = bioConstraints(width);
  let step = 1;
  let scores = new Float64Array(64 * width);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const index of order) {
      const sequence = sequences[index]!;
      const length = sequence.labels.length;
      if (length === 0) continue;
      if (scores.length < length * width) scores = new Float64Array(length * width * 2);
      emissionScores(sequence, weights.emission, width, scores);
      const predicted = viterbi(scores, length, width, weights.transition, weights.final, constraints);
      update(sequence, predicted, width, weights, sums, step);
      step++;
    }
  }
  const average = (current: Float64Array, sum: Float64Array): Float32Array => {
    const result = new Float32Array(current.length);
    for (let index = 0; index < current.length; index++) result[index] = current[index]! - sum[index]! / step;
    return result;
  };
  return {
    labelCount: width,
    emission: average(weights.emission, sums.emission),
    transition: average(weights.transition, sums.transition),
    final: average(weights.final, sums.final),
  };
}

/** The BIO constraints over `width` labels. */
export function bioConstraints(width: number): LabelConstraints {
  const initial = new Uint8Array(width);
  const firstBefore = new Int32Array(width);
  const lastBefore = new Int32Array(width);
  for (let next = 0; next < width; next++) {
    initial[next] = isAllowedTransition(startState, next) ? 1 : 0;
    const before = Array.from({ length: width }, (_, previous) => previous).filter((previous) => isAllowedTransition(previous, next));
    firstBefore[next] = before[0]!;
    lastBefore[next] = before[before.length - 1]!;
    if (before.length !== lastBefore[next]! - firstBefore[next]! + 1) throw new Error('the labels allowed before a label must be contiguous');
  }
  return { initial, firstBefore, lastBefore };
}

/** Reused between calls: decoding allocates nothing but its result for messages of ordinary length. */
let best = new Float64Array(1024);
let back = new Int32Array(1024);

/**
 * The best label sequence (Viterbi) given per-word label scores `scores[word × width + label]`, the
 * transition and end weights, and the allowed transitions.
 *
 * @example
 * viterbi(scores, words, model.labelCount, model.transition, model.final, bioConstraints(model.labelCount)) // Int32Array [0, 1, 2]
 */
export function viterbi(
  scores: Float64Array,
  length: number,
  width: number,
  transition: ArrayLike<number>,
  final: ArrayLike<number>,
  constraints: LabelConstraints,
): Int32Array {
  if (best.length < length * width) {
    best = new Float64Array(length * width * 2);
    back = new Int32Array(length * width * 2);
  }
  const stride = width + 1;
  for (let label = 0; label < width; label++) {
    best[label] = constraints.initial[label] ? transition[label * stride]! + scores[label]! : forbidden;
  }
  for (let word = 1; word < length; word++) {
    const row = word * width;
    const previousRow = row - width;
    for (let label = 0; label < width; label++) {
      // The weights of the labels before this one sit side by side: one tight loop.
      const weightsBefore = label * stride + 1;
      let top = forbidden;
      let from = 0;
      for (let previous = constraints.firstBefore[label]!, last = constraints.lastBefore[label]!; previous <= last; previous++) {
        const candidate = best[previousRow + previous]! + transition[weightsBefore + previous]!;
        if (candidate > top) {
          top = candidate;
          from = previous;
        }
      }
      best[row + label] = top + scores[row + label]!;
      back[row + label] = from;
    }
  }
  const labels = new Int32Array(length);
  let top = forbidden;
  const lastRow = (length - 1) * width;
  for (let label = 0; label < width; label++) {
    const candidate = best[lastRow + label]! + final[label]!;
    if (candidate > top) {
      top = candidate;
      labels[length - 1] = label;
    }
  }
  for (let word = length - 1; word > 0; word--) labels[word - 1] = back[word * width + labels[word]!]!;
  return labels;
}

/** Fills `scores[word × width + label]` with the summed weights of each word's features. */
export function emissionScores(sequence: Pick<FeatureSequence, 'features' | 'offsets'>, emission: ArrayLike<number>, width: number, scores: Float64Array): void {
  const length = sequence.offsets.length - 1;
  scores.fill(0, 0, length * width);
  for (let word = 0; word < length; word++) {
    const row = word * width;
    for (let position = sequence.offsets[word]!; position < sequence.offsets[word + 1]!; position++) {
      const base = sequence.features[position]! * width;
      for (let label = 0; label < width; label++) scores[row + label]! += emission[base + label]!;
    }
  }
}

type Weights = { emission: Float64Array; transition: Float64Array; final: Float64Array };

/** Moves the weights from the predicted labels to the true ones wherever they differ. */
function update(sequence: FeatureSequence, predicted: Int32Array, width: number, weights: Weights, sums: Weights, step: number): void {
  const add = (part: keyof Weights, index: number, amount: number): void => {
    weights[part][index]! += amount;
    sums[part][index]! += amount * step;
  };
  const gold = sequence.labels;
  const length = gold.length;
  const stride = width + 1;
  for (let word = 0; word < length; word++) {
    const right = gold[word]!;
    const wrong = predicted[word]!;
    const rightBefore = word === 0 ? startState : gold[word - 1]!;
    const wrongBefore = word === 0 ? startState : predicted[word - 1]!;
    if (right === wrong && rightBefore === wrongBefore) continue;
    add('transition', right * stride + rightBefore + 1, 1);
    add('transition', wrong * stride + wrongBefore + 1, -1);
    if (right === wrong) continue;
    for (let position = sequence.offsets[word]!; position < sequence.offsets[word + 1]!; position++) {
      const base = sequence.features[position]! * width;
      add('emission', base + right, 1);
      add('emission', base + wrong, -1);
    }
  }
  const lastRight = gold[length - 1]!;
  const lastWrong = predicted[length - 1]!;
  if (lastRight !== lastWrong) {
    add('final', lastRight, 1);
    add('final', lastWrong, -1);
  }
}
