import { createSvmSolver, scoreClasses, type LinearModel, type SvmSolver, type SvmTrainingOptions } from './linear-svm.js';
import { createSeededRandom, shuffleInPlace } from '../../core/seeded-random.js';
import { fitTemperature } from './temperature-scaling.js';
import type { SparseVector } from './text-features.js';

/** A training set: the samples of one utterance share a group, and are held out together. */
export interface LabelledExamples {
  inputs: readonly SparseVector[];
  labels: readonly number[];
  weights: readonly number[];
  groups: readonly number[];
}

export interface CalibrationOptions {
  /** Folds the groups are dealt into, each intent's evenly. */
  folds: number;
  /** Folds are held out one after the other until this many examples have been scored; 0: no calibration. */
  heldOutExamples: number;
}

export interface CalibratedSvm {
  model: LinearModel;
  /** Multiplies the scores before their softmax (1 when not calibrated). */
  temperature: number;
}

/**
 * Trains the SVMs and the temperature that turns their scores into probabilities. The temperature is
 * fitted on examples the SVMs have not seen: folds are held out in turn, each predicted by SVMs trained
 * on the others, until enough examples are scored (all folds for a bot's few hundred utterances, one
 * fold for thousands). The final training resumes the last of those trainings (a warm start) with its
 * fold added back: it needs fewer passes than starting over, and no second set of weights.
 *
 * @example
 * const { model, temperature } = trainCalibratedSvm(examples, intents.length + 1, space.idf.length, svmOptions, { folds: 5, heldOutExamples: 2000 });
 */
export function trainCalibratedSvm(
  examples: LabelledExamples,
  classCount: number,
  featureCount: number,
  options: SvmTrainingOptions,
  calibration: CalibrationOptions,
): CalibratedSvm {
  const { inputs, labels, weights } = examples;
  const folds = assignFolds(examples, calibration.folds, options.seed);
  const heldOutScores: Float64Array[] = [];
  const heldOutLabels: number[] = [];
  const heldOutWeights: number[] = [];
  let solver: SvmSolver | undefined;
  for (let fold = 0; fold < calibration.folds && heldOutScores.length < calibration.heldOutExamples; fold++) {
    const kept = Array.from(inputs.keys()).filter((example) => folds[example] !== fold);
    const heldOut = Array.from(inputs.keys()).filter((example) => folds[example] === fold);
    if (kept.length === 0 || heldOut.length === 0) continue;
    // The held-out fold goes last: the solver trains on the others, then can resume with it added.
    solver = createSolver(examples, [...kept, ...heldOut], classCount, featureCount, options);
    solver.train(kept.length);
    // One array for the fold's scores, rather than one per example.
    const scores = new Float64Array(heldOut.length * classCount);
    for (const [position, example] of heldOut.entries()) {
      heldOutScores.push(scoreClasses(solver.model, inputs[example]!, scores.subarray(position * classCount, (position + 1) * classCount)));
      heldOutLabels.push(labels[example]!);
      heldOutWeights.push(weights[example]!);
    }
  }
  const temperature = heldOutScores.length > 0 ? fitTemperature(heldOutScores, heldOutLabels, heldOutWeights) : 1;
  solver ??= createSolver(examples, Array.from(inputs.keys()), classCount, featureCount, options);
  solver.train(inputs.length);
  return { model: solver.model, temperature };
}

function createSolver(examples: LabelledExamples, order: readonly number[], classCount: number, featureCount: number, options: SvmTrainingOptions): SvmSolver {
  return createSvmSolver(
    order.map((example) => examples.inputs[example]!),
    order.map((example) => examples.labels[example]!),
    classCount,
    featureCount,
    { ...options, exampleWeights: order.map((example) => examples.weights[example]!) },
  );
}

/**
 * Deals the groups into folds in a seeded order, each label's groups in turn, so that every fold
 * holds about the same share of every intent. Depends only on the examples, not on their order.
 */
function assignFolds(examples: LabelledExamples, foldCount: number, seed: number): Int32Array {
  const folds = new Int32Array(examples.labels.length);
  if (foldCount < 2) return folds.fill(-1);
  const foldOfGroup = new Map<number, number>();
  const nextFold = new Map<number, number>();
  const order = shuffleInPlace(Array.from(examples.labels.keys()), createSeededRandom(seed));
  for (const example of order) {
    const group = examples.groups[example]!;
    const label = examples.labels[example]!;
    if (!foldOfGroup.has(group)) {
      const fold = nextFold.get(label) ?? label % foldCount;
      foldOfGroup.set(group, fold);
      nextFold.set(label, (fold + 1) % foldCount);
    }
    folds[example] = foldOfGroup.get(group)!;
  }
  return folds;
}
