// Where the shared corpus of real vendor files lives, and how a test that replays it skips when it is
// absent. In CI the corpus is always checked out, so nothing is skipped there.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The folder holding `corpus/` and `research/`, beside this repository. */
export const sharedDirectory = fileURLToPath(new URL('../../../shared/', import.meta.url));

/** An absolute path inside the shared corpus: `corpusPath('lex-exports')`. */
export function corpusPath(relative: string): string {
  return sharedPath(`corpus/${relative}`);
}

/** An absolute path inside the shared folder: `sharedPath('datasets/clinc150.json')`. */
export function sharedPath(relative: string): string {
  return `${sharedDirectory}${relative}`;
}

/**
 * Whether tests that need these shared files (`datasets/…`, `research/…`, `corpus/…`) should run.
 * When they are absent outside CI, a warning says which tests are skipped and why; in CI a missing
 * file fails the tests instead of skipping them.
 *
 * @example
 * const run = sharedAvailable('datasets/clinc150.json', 'the dataset checks');
 */
export function sharedAvailable(relative: string, whatIsSkipped: string): boolean {
  if (existsSync(sharedPath(relative)) || process.env.CI) return true;
  console.warn(`Skipping ${whatIsSkipped}: ${sharedPath(relative)} is absent (check out the shared folder next to this repository to run them).`);
  return false;
}

/**
 * Whether tests that need these corpus files should run. When they are absent outside CI, a warning
 * says which tests are skipped and why; in CI a missing corpus fails the tests instead of skipping them.
 *
 * @example
 * const run = corpusAvailable('lex-exports', 'the Lex export round trips');
 * describe.runIf(run)('round trip', () => { … });
 */
export function corpusAvailable(relative: string, whatIsSkipped: string): boolean {
  return sharedAvailable(`corpus/${relative}`, whatIsSkipped);
}
