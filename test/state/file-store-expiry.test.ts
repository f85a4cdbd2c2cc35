import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { createFileStore } from '../../src/state/index.js';

const hour = 3_600_000;
const damagedCopy = (id: string) => `${id}.corrupt-2030-01-01T00-00-00-000Z~0a1b.json`;

for (const shared of [false, true]) {
  describe(`file store expiry${shared ? ', shared between processes' : ''}`, () => {
    let root: string;
    let directory: string;
    beforeEach(async () => {
      root = await mkdtemp(join(tmpdir(), 'parley-file-expiry-'));
      directory = join(root, 'conversations');
    });
    afterEach(async () => {
      await rm(root, { recursive: true, force: true });
    });

    /** Writes conversations and closes the store, so that each has its file on disk. */
    async function written(...ids: string[]): Promise<void> {
      const store = createFileStore({ directory, shared });
      for (const id of ids) await store.write(id, { id }, undefined);
      await store.close();
    }

    /** Makes a file look last written `hours` ago. */
    async function age(name: string, hours: number): Promise<void> {
      const then = new Date(Date.now() - hours * hour);
      await utimes(join(directory, name), then, then);
    }

    it('deletes conversations not written for the TTL, and damaged copies as old, and keeps the rest', async () => {
      await written('old', 'recent');
      await age('old.json', 25);
      await writeFile(join(directory, damagedCopy('gone')), '{');
      await age(damagedCopy('gone'), 30);
      await writeFile(join(directory, damagedCopy('kept')), '{');
      const store = createFileStore({ directory, shared, ttlSeconds: 24 * 3600 });
      expect(await store.sweep()).toBe(1);
      expect(await store.read('old')).toBeUndefined();
      expect(await store.read('recent')).toMatchObject({ version: 1 });
      await store.close();
      const names = await readdir(directory);
      expect(names).not.toContain('old.json');
      expect(names).not.toContain(damagedCopy('gone'));
      expect(names).toEqual(expect.arrayContaining(['recent.json', damagedCopy('kept')]));
      // The deletion lasts: the next store does not bring the conversation back.
      const next = createFileStore({ directory, shared });
      expect(await next.read('old')).toBeUndefined();
      await next.close();
    });

    it('keeps a conversation written again since its file aged', async () => {
      await written('busy');
      await age('busy.json', 48);
      const store = createFileStore({ directory, shared, ttlSeconds: 3600, checkpointMs: 60_000 });
      await store.write('busy', { again: true }, 1);
      expect(await store.sweep()).toBe(0);
      expect(await store.read('busy')).toMatchObject({ version: 2, state: { again: true } });
      await store.close();
    });

    it('sweeps on its own when opened, for what expired while no process had it', async () => {
      await written('stale', 'fresh');
      await age('stale.json', 2);
      const store = createFileStore({ directory, shared, ttlSeconds: 3600 });
      await store.open();
      await expect.poll(() => store.read('stale')).toBeUndefined();
      expect(await store.read('fresh')).toBeDefined();
      await store.close();
    });

    it('takes a conversation\'s damaged copies with it when it is deleted', async () => {
      await written('erased', 'other');
      await writeFile(join(directory, damagedCopy('erased')), '{');
      await writeFile(join(directory, damagedCopy('other')), '{');
      const store = createFileStore({ directory, shared });
      await store.delete('erased');
      await store.close();
      const names = await readdir(directory);
      expect(names).not.toContain(damagedCopy('erased'));
      expect(names).not.toContain('erased.json');
      expect(names).toContain(damagedCopy('other'));
    });

    it('refuses a TTL that is not a positive number of seconds', () => {
      expect(() => createFileStore({ directory, shared, ttlSeconds: 0 })).toThrow(ConfigurationError);
      expect(() => createFileStore({ directory, shared, ttlSeconds: Number.NaN })).toThrow(/ttlSeconds/);
    });
  });
}
