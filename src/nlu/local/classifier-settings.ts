/** Knobs of the intent classifier's training; the defaults suit a bot's few hundred utterances. */
export interface ClassifierSettings {
  /** Slot samples per utterance with placeholders. */
  variants: number;
  /** Background sentences closer than this (cosine) to an intent's own example are dropped: the intent owns them. */
  backgroundSimilarity: number;
  /** The background class weighs as much as this many intents of average size (each sentence at most 1). */
  backgroundShare: number;
  /** Total L2 penalty, spread over the examples: larger sets are held back less per example. */
  regularization: number;
  learningRate: number;
  /** Passes over the data: about this many steps in all, within [minEpochs, maxEpochs]. */
  steps: number;
  minEpochs: number;
  maxEpochs: number;
  /** Whether words also count by their English stem; default: for English locales. */
  stems?: boolean;
  /**
   * Folds of the cross-validation that fits a probability temperature; 0 skips it. Off by default:
   * it costs one training per fold, and only rescales the probabilities (rankings do not change).
   */
  calibrationFolds: number;
}

/** The settings used unless overridden: tuned on the test fixture, CLINC150 and SNIPS. */
export const defaultClassifierSettings: ClassifierSettings = {
  variants: 3,
  backgroundSimilarity: 0.5,
  backgroundShare: 2,
  regularization: 0.02,
  learningRate: 0.5,
  steps: 30_000,
  minEpochs: 8,
  maxEpochs: 40,
  calibrationFolds: 0,
};

/** Passes over a training set of this size: small sets get more, large ones converge in fewer. */
export function epochsFor(settings: ClassifierSettings, examples: number): number {
  return Math.min(settings.maxEpochs, Math.max(settings.minEpochs, Math.round(settings.steps / Math.max(examples, 1))));
}
