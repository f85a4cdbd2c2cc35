/**
 * Chooses an out-of-scope confidence threshold on validation data only (`val` and `oos_val`), never
 * on the test set. Rule: the threshold that rejects the most out-of-scope validation examples while
 * in-scope validation accuracy drops by at most `maxAccuracyDrop` from the recognizer's own decision;
 * of equal ones, the lowest range, and within it the midpoint between validation confidences (any
 * value in that range scores the same on validation; the middle is the least tuned to its edges).
 */
import { predictedWithThreshold, type Prediction } from './prediction.js';

export interface ThresholdChoice {
  /** An utterance is in scope when the recognizer answers it with at least this confidence. */
  value: number;
  /** The accuracy the rule may give up, as a share (0.01: one percentage point). */
  maxAccuracyDrop: number;
  validation: {
    examples: number;
    outOfScopeExamples: number;
    accuracyWithout: number;
    accuracyWith: number;
    outOfScopeRecallWithout: number;
    outOfScopeRecallWith: number;
  };
}

export const defaultMaxAccuracyDrop = 0.01;
// Accuracies are ratios of counts; this keeps a drop of exactly the margin within it.
const tolerance = 1e-9;

/**
 * Picks the threshold from validation predictions: `inScope` (labelled with an intent) and
 * `outOfScope`. Undefined when either set is empty.
 *
 * @example
 * const choice = chooseThreshold(valPredictions, outOfScopeValPredictions)
 * choice?.value // 0.41
 */
export function chooseThreshold(
  inScope: readonly Prediction[],
  outOfScope: readonly Prediction[],
  maxAccuracyDrop = defaultMaxAccuracyDrop,
): ThresholdChoice | undefined {
  if (inScope.length === 0 || outOfScope.length === 0) return undefined;
  const candidates = [0, ...new Set([...inScope, ...outOfScope].filter((each) => each.predicted !== null).map((each) => each.confidence))].sort((a, b) => a - b);
  const accuracyAt = (threshold: number) => inScope.filter((each) => predictedWithThreshold(each, threshold) === each.expected).length / inScope.length;
  const recallAt = (threshold: number) => outOfScope.filter((each) => predictedWithThreshold(each, threshold) === null).length / outOfScope.length;

  // Accuracy only falls and recall only rises as the threshold rises: the highest threshold within
  // the margin gives the best recall, and the lowest with that recall keeps the most accuracy.
  const floor = accuracyAt(0) - maxAccuracyDrop - tolerance;
  let highest = 0;
  let low = 0;
  let high = candidates.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (accuracyAt(candidates[middle]!) >= floor) {
      highest = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  const best = recallAt(candidates[highest]!);
  let chosen = highest;
  low = 0;
  high = highest;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (recallAt(candidates[middle]!) >= best) {
      chosen = middle;
      high = middle - 1;
    } else {
      low = middle + 1;
    }
  }
  const value = chosen === 0 ? 0 : (candidates[chosen - 1]! + candidates[chosen]!) / 2;
  return {
    value,
    maxAccuracyDrop,
    validation: {
      examples: inScope.length,
      outOfScopeExamples: outOfScope.length,
      accuracyWithout: accuracyAt(0),
      accuracyWith: accuracyAt(value),
      outOfScopeRecallWithout: recallAt(0),
      outOfScopeRecallWith: recallAt(value),
    },
  };
}
