/**
 * The Platt curve of a provider's confidence, fitted on evaluated utterances: for a policy's
 * `calibrationFile`, so the router compares this provider's scores with the others' on one scale.
 */
import { fitCalibration, type Calibration, type CalibrationPoint } from '../router/calibration.js';
import type { Prediction } from './prediction.js';

export interface CalibrationReport {
  curve: Calibration;
  /** `val` (validation, in and out of scope) when the dataset has it; else the test predictions. */
  fittedOn: 'val' | 'test';
  points: number;
}

/**
 * One point per utterance the provider ranked an intent for: its top confidence, and whether that
 * intent was the labelled one (an out-of-scope utterance makes every intent wrong).
 *
 * @example
 * calibrationPoints([{ ranked: 'balance', expected: 'balance', confidence: 0.8, ... }]) // [{ confidence: 0.8, correct: true }]
 */
export function calibrationPoints(predictions: readonly Prediction[]): CalibrationPoint[] {
  return predictions.filter((each) => each.ranked !== null).map((each) => ({ confidence: each.confidence, correct: each.ranked === each.expected }));
}

/**
 * Fits the curve; throws a RangeError when the points are all right or all wrong.
 *
 * @example
 * const { curve } = fitCalibrationReport(valPredictions, 'val'); // { kind: 'platt', a: -6.1, b: 2.9 }
 */
export function fitCalibrationReport(predictions: readonly Prediction[], fittedOn: CalibrationReport['fittedOn']): CalibrationReport {
  const points = calibrationPoints(predictions);
  return { curve: fitCalibration(points), fittedOn, points: points.length };
}
