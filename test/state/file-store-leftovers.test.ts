import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { createFileStore, type FileStore } from '../../src/state/index.js';

describe('file store: what dead processes left', () => {
  let directory: string;
  const stores: FileStore[] = [];
  const stamp = '0123456789ab';
  const minuteAgo = new Date(Date.now() - 60_000);
  const holderText = (pid: number, host = hostname(), started = 0) => JSON.stringify({ pid, hostname: host, started, nonce: 'aaaaaaaaaaaa' });
  // A process that has exited: its pid names no process (the chance that it was given out again in the meantime is negligible).
  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid;

  beforeEach(async () => {
    directory = join(await mkdtemp(join(tmpdir(), 'parley-leftovers-')), 'conversations');
    await mkdir(directory);
  });
  afterEach(async () => {
    for (const created of stores.splice(0)) await created.close().catch(() => undefined);
    await rm(join(directory, '..'), { recursive: true, force: true });
  });

  async function leave(files: Record<string, string>, old: string[] = []): Promise<void> {
    for (const [name, text] of Object.entries(files)) await writeFile(join(directory, name), text);
    for (const name of old) await utimes(join(directory, name), minuteAgo, minuteAgo);
  }

  it('an owner removes every temp and write lock file when it opens, and keeps the conversations', async () => {
    await leave({
      'c-1.json': '{"version":1,"state":"one"}\n',
      [`c-1.${stamp}.tmp`]: '{"version":2,"st',
      'c-2.lock': holderText(deadPid()),
      'c-3.lock': 'an older version of Parley',
      [`c-4.lock.${stamp}.stale`]: 'moved aside',
      'c-5.corrupt-2030-01-01T00-00-00-000Z~abcd.json': 'damaged, kept aside',
    });
    const owner = createFileStore({ directory });
    stores.push(owner);
    await owner.open();
    expect((await readdir(directory)).sort()).toEqual(['.owner.lock', 'c-1.json', 'c-5.corrupt-2030-01-01T00-00-00-000Z~abcd.json']);
    expect(await owner.read('c-1')).toEqual({ state: 'one', version: 1 });
  });

  it('an opening gate or a registration left by a dead process holds up no one', async () => {
    await mkdir(join(directory, '.sharers'));
    await leave({ '.opening.lock': holderText(deadPid()), '.sharers/1-aaaaaaaaaaaa.lock': holderText(deadPid()) });
    const owner = createFileStore({ directory });
    stores.push(owner);
    await owner.open();
    expect((await readdir(directory)).sort()).toEqual(['.owner.lock']);
  });

  it('an owner that is refused removes nothing', async () => {
    const sharer = createFileStore({ directory, shared: true });
    stores.push(sharer);
    await sharer.open();
    await leave({ [`c-1.${stamp}.tmp`]: 'being written', 'c-1.lock': holderText(process.pid, hostname(), performance.timeOrigin) });
    const owner = createFileStore({ directory });
    stores.push(owner);
    await expect(owner.open()).rejects.toThrow(ConfigurationError);
    expect((await readdir(directory)).sort()).toEqual(['.sharers', `c-1.${stamp}.tmp`, 'c-1.lock']);
  });

  it('a sharer removes the temp and lock files of dead processes when it opens, and keeps live ones', async () => {
    const dead = deadPid();
    await leave(
      {
        'dead.lock': holderText(dead),
        [`dead.${stamp}.tmp`]: 'its writer died',
        'old.lock': 'untouched for a minute',
        [`old.${stamp}.tmp`]: 'untouched for a minute',
        [`unlocked.${stamp}.tmp`]: 'no writer holds its lock',
        'live.json': '{"version":1,"state":"live"}\n',
        'live.lock': holderText(process.pid, hostname(), performance.timeOrigin),
        [`live.${stamp}.tmp`]: 'being written',
        'elsewhere.lock': holderText(dead, `not-${hostname()}`),
        [`elsewhere.${stamp}.tmp`]: 'being written on another host',
        'unknown.lock': 'being written, or from an older version',
      },
      ['old.lock', `old.${stamp}.tmp`],
    );
    const sharer = createFileStore({ directory, shared: true });
    stores.push(sharer);
    await sharer.open();
    expect((await readdir(directory)).sort()).toEqual(
      ['.sharers', 'elsewhere.lock', `elsewhere.${stamp}.tmp`, 'live.json', 'live.lock', `live.${stamp}.tmp`, 'unknown.lock'].sort(),
    );
    expect(await sharer.write('dead', 'written at once: its lock is gone', undefined)).toBe(1);
  });
});
