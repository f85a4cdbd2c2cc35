/**
 * The temperature T that makes `softmax(T × scores)` best predict the labels (least weighted log
 * loss). The loss is convex in T, and its slope is the mean, over the rows, of the expected score less
 * the right class's score (its curvature their variance): the slope's root is found by Newton's method,
 * kept within a shrinking bracket by bisection. SVM scores are margins, about +1 for the right class
 * and -1 for the others, so T is what turns them into probabilities.
 *
 * @example
 * fitTemperature([Float64Array.of(1, -1, -1), Float64Array.of(1, -1, -1)], [0, 1]) // < 1: the first class is often wrong
 */
export function fitTemperature(rows: readonly Float64Array[], labels: readonly number[], weights: readonly number[] = [], range: readonly [number, number] = [0.1, 100]): number {
  if (rows.length === 0) return 1;
  let [low, high] = range;
  if (lossSlope(rows, labels, weights, low).slope >= 0) return low;
  if (lossSlope(rows, labels, weights, high).slope <= 0) return high;
  let temperature = Math.min(Math.max(1, low), high);
  for (let round = 0; round < 100; round++) {
    const { slope, curvature } = lossSlope(rows, labels, weights, temperature);
    if (slope > 0) high = temperature;
    else low = temperature;
    let next = temperature - slope / curvature;
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - temperature) < 1e-6 * temperature) return next;
    temperature = next;
  }
  return temperature;
}

/** The first and second derivatives of the weighted log loss of `softmax(temperature × scores)` in the temperature. */
function lossSlope(rows: readonly Float64Array[], labels: readonly number[], weights: readonly number[], temperature: number): { slope: number; curvature: number } {
  let slope = 0;
  let curvature = 0;
  rows.forEach((scores, row) => {
    let highest = -Infinity;
    for (const score of scores) highest = Math.max(highest, score);
    let sum = 0;
    let mean = 0;
    let square = 0;
    for (const score of scores) {
      const weight = Math.exp(temperature * (score - highest));
      sum += weight;
      mean += weight * score;
      square += weight * score * score;
    }
    mean /= sum;
    const weight = weights[row] ?? 1;
    slope += weight * (mean - scores[labels[row]!]!);
    curvature += weight * Math.max(square / sum - mean * mean, 0);
  });
  return { slope, curvature };
}

/**
 * `softmax(temperature × scores)`: probabilities that sum to one, in the order of the scores, written
 * into `into` (which may be `scores` itself).
 *
 * @example
 * softmaxWithTemperature(Float64Array.of(1, -1), 2) // [0.982, 0.018]
 */
export function softmaxWithTemperature(scores: Float64Array, temperature: number, into = new Float64Array(scores.length)): Float64Array {
  let highest = -Infinity;
  for (const score of scores) highest = Math.max(highest, score);
  let sum = 0;
  for (let at = 0; at < scores.length; at++) sum += into[at] = Math.exp(temperature * (scores[at]! - highest));
  for (let at = 0; at < scores.length; at++) into[at]! /= sum;
  return into;
}
