// Time limits for tests that start processes, sized for a loaded 2-core CI machine: a `parley` that
// starts in a second on an idle machine may take twenty when the machine is busy. Only a test that
// is failing waits this long.

/** One process: a `spawnSync` timeout, or waiting for a line a running process prints. */
export const processTimeoutMs = 60_000;

/** A test that starts processes, one after another (its own vitest timeout). */
export const processTestTimeoutMs = 180_000;
