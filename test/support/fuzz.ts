// Settings for the property-based fuzz tests (fast-check). By default each property runs a fixed
// number of cases from a fixed seed, so CI explores the same inputs every time and a red run means a
// change broke something. To explore further: FUZZ_RUNS=20000 FUZZ_SEED=random npx vitest run <file>
// (a failure prints its seed and path, which replay it exactly).
import type { Parameters } from 'fast-check';

const seed = process.env.FUZZ_SEED;
const runs = Number(process.env.FUZZ_RUNS);

/** fast-check parameters for a property: `defaultRuns` cases unless FUZZ_RUNS says otherwise. */
export function fuzzParameters<T>(defaultRuns: number): Parameters<T> {
  return {
    numRuns: Number.isSafeInteger(runs) && runs > 0 ? runs : defaultRuns,
    ...(seed === 'random' ? {} : { seed: Number.isSafeInteger(Number(seed)) && seed !== undefined ? Number(seed) : 20_261_207 }),
    endOnFailure: true,
  };
}

/** A generous vitest timeout for a property of `defaultRuns` cases on a loaded machine. */
export function fuzzTimeout(defaultRuns: number, msPerCase: number): number {
  const cases = Number.isSafeInteger(runs) && runs > 0 ? runs : defaultRuns;
  return Math.max(60_000, cases * msPerCase * 4);
}
