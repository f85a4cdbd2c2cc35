// bin/parley.js turns on Node's compile cache: a run leaves the compiled code of the modules it loaded
// in the OS temp folder, and the next start reads it instead of compiling them again.
import nodeModule from 'node:module';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processTestTimeoutMs, runParley } from '../support/run-parley.js';

// Node 22.8 added module.enableCompileCache; the package's engines floor (22.14) has it.
const hasCompileCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';
// Set, it would turn the cache on by itself, and this test could not tell whether the CLI did.
const cacheFromEnvironment = process.env.NODE_COMPILE_CACHE !== undefined || process.env.NODE_DISABLE_COMPILE_CACHE !== undefined;
if (!hasCompileCache) console.warn(`compile cache test skipped: Node ${process.version} has no module.enableCompileCache (22.8 and later do)`);
if (cacheFromEnvironment) console.warn('compile cache test skipped: NODE_COMPILE_CACHE or NODE_DISABLE_COMPILE_CACHE is set in the environment');

describe.skipIf(!hasCompileCache || cacheFromEnvironment)('the compile cache', () => {
  // Made here, not at the top: a skipped suite runs no hook, and would leave the folder behind.
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'parley-compile-cache-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('is written in the OS temp folder by a run of the CLI', async () => {
    const run = runParley(['--version'], { TMPDIR: scratch });
    expect(await run.exited).toBe(0);
    const cache = join(scratch, 'node-compile-cache');
    const entries = await readdir(cache, { recursive: true, withFileTypes: true });
    expect(entries.filter((entry) => entry.isFile()).length).toBeGreaterThan(0);
  }, processTestTimeoutMs);
});
