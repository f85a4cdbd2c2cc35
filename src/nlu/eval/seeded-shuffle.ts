/** Deterministic shuffling, so folds and training orders are the same on every run and platform. */
import { createSeededRandom, hashText, shuffleInPlace } from '../../core/seeded-random.js';

export { hashText };

/**
 * A shuffled copy (Fisher–Yates) driven by a seeded generator.
 *
 * @example
 * shuffleSeeded([1, 2, 3, 4], 7) // the same order every time for seed 7
 */
export function shuffleSeeded<Item>(items: readonly Item[], seed: number): Item[] {
  return shuffleInPlace([...items], createSeededRandom(seed));
}
