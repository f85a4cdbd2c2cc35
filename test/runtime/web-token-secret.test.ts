// The key that signs web chat tokens outlives a restart with the file store, so tokens do too.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuntimeConfig } from 'parley-sdk/runtime';
import { webTokenSecret } from '../../src/runtime/web-token-secret.js';

const directories: string[] = [];
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

async function fileStoreConfig(env: Record<string, string> = {}) {
  const directory = await mkdtemp(join(tmpdir(), 'parley-token-key-'));
  directories.push(directory);
  return loadRuntimeConfig({ env, overrides: { store: { kind: 'file', directory } } });
}

describe('the web token key', () => {
  it('is generated once beside the file store, readable by its owner only, and read back by every later start', async () => {
    const config = await fileStoreConfig();
    const starts = await Promise.all([webTokenSecret(config), webTokenSecret(config), webTokenSecret(config)]);
    expect(new Set(starts).size).toBe(1);
    expect(starts[0]!.length).toBeGreaterThanOrEqual(32);
    const file = join(config.store.kind === 'file' ? config.store.directory : '', '.web-token.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(starts[0]);
    expect(await webTokenSecret(config)).toBe(starts[0]);
  });

  it('is the configured one when set, and a fresh one per process with the memory store', async () => {
    const secret = 'configured-secret-for-every-instance-0001';
    expect(await webTokenSecret(await fileStoreConfig({ PARLEY_WEB_TOKEN_SECRET: secret }))).toBe(secret);
    const memory = loadRuntimeConfig({ env: {}, overrides: { store: { kind: 'memory' } } });
    expect(await webTokenSecret(memory)).not.toBe(await webTokenSecret(memory));
  });

  it('refuses a configured key shorter than 32 characters, without printing it', () => {
    expect(() => loadRuntimeConfig({ env: { PARLEY_WEB_TOKEN_SECRET: 'short-key-1234' } })).toThrow(/webChat\.tokenSecret.*32 characters/);
    expect(() => loadRuntimeConfig({ env: { PARLEY_WEB_TOKEN_SECRET: 'short-key-1234' } })).not.toThrow(/short-key/);
  });
});
