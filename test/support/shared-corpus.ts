// Where the shared corpus of real vendor files lives, and how a test that replays it skips when it is
// absent. In CI the corpus is always checked out, so nothing is skipped there.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The folder holding `corpus/` and `research/`, beside this repository. */
export const sharedDirectory = fileURLToPath(new URL('../../../shared/', import.meta.url));

/** An absolute path inside the shared corpus: `corpusPath('lex-exports')`. */
export function corpusPath(relative: string): string {
  return `${sharedDirectory}corpus/${relative}`;
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
  if (existsSync(corpusPath(relative)) || process.env.CI) return true;
  console.warn(`Skipping ${whatIsSkipped}: ${corpusPath(relative)} is absent (check out the shared corpus next to this repository to run them).`);
  return false;
}
