// `parley serve` as a process (the CLI built to dist/ by `npm test`) on a store folder that another
// process holds: it stops at start with the reason, rather than serving every turn a 500.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileStore } from '../../src/state/index.js';
import { runParley as parley, processTestTimeoutMs } from '../support/run-parley.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-serve-store-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('parley serve on a store folder another process holds', { timeout: processTestTimeoutMs }, () => {
  it('exits 1 at start, naming the folder, the process that owns it and the fix', async () => {
    const directory = join(scratch, 'owned');
    const owner = createFileStore({ directory }); // this test's process owns the folder
    await owner.open();
    try {
      const serve = parley(['serve', '--port', '0'], { PARLEY_STORE_DIR: directory });
      expect(await serve.exited).toBe(1);
      const { stdout, stderr } = serve.output();
      expect(stderr).toMatch(new RegExp(`^parley: shared: ${directory.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is owned by process ${process.pid} on .*Close the other store first, or set shared: true in every process that uses the directory\\n$`, 'm'));
      expect(stdout).not.toMatch(/"serving"/);
    } finally {
      await owner.close();
    }
  });

  it('exits 1 at start when set to share a folder that one process owns', async () => {
    const directory = join(scratch, 'owned-not-shared');
    const owner = createFileStore({ directory });
    await owner.open();
    try {
      const config = join(scratch, 'shared.yaml');
      await writeFile(config, `store: { kind: file, directory: ${JSON.stringify(directory)}, shared: true }\n`);
      const serve = parley(['serve', '--port', '0', '--config', config]);
      expect(await serve.exited).toBe(1);
      expect(serve.output().stderr).toMatch(new RegExp(`^parley: shared: .* is owned by process ${process.pid} on .*, which opened it without shared: true`, 'm'));
    } finally {
      await owner.close();
    }
  });
});
