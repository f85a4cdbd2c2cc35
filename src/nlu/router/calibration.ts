/**
 * Score calibration: each provider's confidence mapped to the probability that its top intent is
 * right, so one threshold means the same for Lex, CLU and the local recognizer (Lex itself warns its
 * scores are only comparative). Platt scaling, fitted on `parley nlu eval` results: a logistic curve
 * `p = 1 / (1 + exp(a·s + b))` over the raw score `s`, monotone, so rankings never change.
 */
export type Calibration = { kind: 'identity' } | { kind: 'platt'; a: number; b: number };

/** One evaluated utterance: the provider's confidence in its top intent, and whether it was right. */
export interface CalibrationPoint {
  confidence: number;
  correct: boolean;
}

export const identity: Calibration = { kind: 'identity' };

export function calibrate(calibration: Calibration, confidence: number): number {
  if (calibration.kind === 'identity') return confidence;
  return 1 / (1 + Math.exp(calibration.a * confidence + calibration.b));
}

/**
 * Fits Platt scaling by Newton's method on the log loss, with Platt's smoothed targets so a handful
 * of points cannot push probabilities to 0 or 1.
 *
 * @example
 * const calibration = fitCalibration(report.points); // { kind: 'platt', a: -6.1, b: 2.9 }
 */
export function fitCalibration(points: readonly CalibrationPoint[]): Calibration {
  const positives = points.filter((point) => point.correct).length;
  const negatives = points.length - positives;
  if (positives === 0 || negatives === 0) {
    throw new RangeError(`calibration needs right and wrong answers (got ${positives} right, ${negatives} wrong)`);
  }
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  let a = 0;
  let b = Math.log((negatives + 1) / (positives + 1));
  for (let iteration = 0; iteration < 100; iteration++) {
    let gA = 0, gB = 0, hAA = 0, hAB = 0, hBB = 0;
    for (const { confidence: s, correct } of points) {
      const p = 1 / (1 + Math.exp(a * s + b));
      const t = correct ? high : low;
      // d(loss)/d(a·s+b) = t - p for this parameterisation; the curvature is p(1-p).
      const d = t - p;
      const w = Math.max(p * (1 - p), 1e-12);
      gA += d * s;
      gB += d;
      hAA += w * s * s;
      hAB += w * s;
      hBB += w;
    }
    // A small ridge keeps the step defined when every score is the same.
    const det = (hAA + 1e-9) * (hBB + 1e-9) - hAB * hAB;
    const stepA = ((hBB + 1e-9) * gA - hAB * gB) / det;
    const stepB = ((hAA + 1e-9) * gB - hAB * gA) / det;
    a -= stepA;
    b -= stepB;
    if (Math.abs(stepA) < 1e-9 && Math.abs(stepB) < 1e-9) break;
  }
  return { kind: 'platt', a, b };
}
