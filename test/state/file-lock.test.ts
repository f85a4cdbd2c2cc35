import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireFileLock } from '../../src/state/file-lock.js';

describe('file lock', () => {
  let root: string;
  let lockPath: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'parley-file-lock-'));
    lockPath = join(root, 'nested', 'c-1.lock');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('gives the lock to one holder at a time', async () => {
    const first = await acquireFileLock(lockPath, { staleAfterMs: 10_000 });
    let secondAcquired = false;
    const second = acquireFileLock(lockPath, { staleAfterMs: 10_000 }).then((lock) => {
      secondAcquired = true;
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(secondAcquired).toBe(false);
    await first.release();
    const lock = await second;
    expect(await lock.isHeld()).toBe(true);
    await lock.release();
  });

  it('knows when another process has taken the lock over, and then leaves it alone', async () => {
    const lock = await acquireFileLock(lockPath, { staleAfterMs: 10_000 });
    await writeFile(lockPath, 'another process');
    expect(await lock.isHeld()).toBe(false);
    await lock.release();
    expect(await readFile(lockPath, 'utf8')).toBe('another process');
  });

  it('breaks a lock older than staleAfterMs', async () => {
    await acquireFileLock(lockPath, { staleAfterMs: 10_000 });
    const lock = await acquireFileLock(lockPath, { staleAfterMs: 0 });
    expect(await lock.isHeld()).toBe(true);
  });
});
