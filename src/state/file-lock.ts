import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorCode } from './fs-error-code.js';
import { holderToken } from './lock-holder.js';

/** A lock file this process created; see `acquireFileLock`. */
export interface FileLock {
  /** False when another process judged the lock stale and took it over. */
  isHeld(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * Takes `lockPath` exclusively across processes by creating it with O_EXCL (`wx`), waiting while
 * another holder has it. A lock file older than `staleAfterMs` is taken to belong to a process that
 * died holding it, and is broken. The file names its holder (see `holderToken`), so that a store
 * opening the directory can also tell the lock of a process that died a moment ago.
 */
export async function acquireFileLock(lockPath: string, options: { staleAfterMs: number }): Promise<FileLock> {
  const token = holderToken();
  let delayMs = 1;
  for (;;) {
    if (await createLockFile(lockPath, token)) return heldLock(lockPath, token);
    if (await breakIfStale(lockPath, options.staleAfterMs)) continue;
    await sleep(delayMs + Math.random() * delayMs);
    delayMs = Math.min(delayMs * 2, 50);
  }
}

/** Creates the lock file holding `token` if no one holds it (its folder too, if missing); false when taken. */
export async function createLockFile(lockPath: string, token: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    if (errorCode(error) !== 'ENOENT') throw error;
    await mkdir(dirname(lockPath), { recursive: true });
    return createLockFile(lockPath, token);
  }
  try {
    await handle.writeFile(token);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(lockPath, { force: true });
    throw error;
  }
  await handle.close();
  return true;
}

/** True when the lock is gone or was broken, so creating it is worth another try now. */
async function breakIfStale(lockPath: string, staleAfterMs: number): Promise<boolean> {
  const found = await statOrUndefined(lockPath);
  if (!found) return true;
  if (Date.now() - found.mtimeMs < staleAfterMs) return false;
  // Renaming is atomic, so of the processes that find the same stale lock only one moves it aside.
  const aside = `${lockPath}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return true;
    throw error;
  }
  const moved = await stat(aside);
  if (Date.now() - moved.mtimeMs < staleAfterMs) {
    // A fresh lock was taken between the stat and the rename: give it back. If yet another process
    // has created the lock meanwhile, the holder we displaced finds out through isHeld() and backs off.
    await link(aside, lockPath).catch(() => undefined);
  }
  await rm(aside, { force: true });
  return true;
}

function heldLock(lockPath: string, token: string): FileLock {
  async function isHeld(): Promise<boolean> {
    try {
      return (await readFile(lockPath, 'utf8')) === token;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return false;
      throw error;
    }
  }
  return {
    isHeld,
    async release() {
      if (await isHeld()) await rm(lockPath, { force: true });
    },
  };
}

async function statOrUndefined(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}
