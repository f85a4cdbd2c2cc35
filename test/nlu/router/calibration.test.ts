import { describe, expect, it } from 'vitest';
import { calibrate, fitCalibration } from '../../../src/nlu/router/index.js';
import { createSeededRandom } from '../../../src/core/seeded-random.js';

describe('score calibration', () => {
  it('fits Platt scaling so a score means the chance of being right', () => {
    // A provider whose raw scores are overconfident: right with probability score², not score.
    const random = createSeededRandom(11);
    const points = Array.from({ length: 4000 }, () => {
      const confidence = random();
      return { confidence, correct: random() < confidence * confidence };
    });
    const calibration = fitCalibration(points);
    for (const [low, high] of [[0.2, 0.4], [0.5, 0.7], [0.8, 1]] as const) {
      const inBin = points.filter((point) => point.confidence >= low && point.confidence < high);
      const observed = inBin.filter((point) => point.correct).length / inBin.length;
      const predicted = inBin.reduce((sum, point) => sum + calibrate(calibration, point.confidence), 0) / inBin.length;
      expect(Math.abs(predicted - observed)).toBeLessThan(0.08);
    }
    // Monotone: the ranking of intents never changes.
    expect(calibrate(calibration, 0.3)).toBeLessThan(calibrate(calibration, 0.6));
  });

  it('refuses data without both right and wrong answers', () => {
    expect(() => fitCalibration([{ confidence: 0.9, correct: true }])).toThrow(/right and wrong/);
  });
});
