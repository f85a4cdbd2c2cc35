import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { settleEach } from './conversation-files.js';
import { errorCode } from './fs-error-code.js';
import { breakLock, isGone, readLock } from './lock-holder.js';

/** `<id>.<12 hex>.tmp`: what `replaceFile` writes before renaming it over `<id>.json`. */
const tempName = /^([^.].*)\.[0-9a-f]{12}\.tmp$/;
/** `<id>.lock`: a shared write's lock. Dotted names (`.owner.lock`, `.opening.lock`) are the directory's own. */
const lockName = /^([^.].*)\.lock$/;
/** `<id>.lock.<12 hex>.stale`: a write's lock moved aside to be broken. */
const brokenLockName = /^[^.].*\.lock\.[0-9a-f]{12}\.stale$/;

/**
 * `owned`: this instance owns the directory, so no one else writes there and every temp or lock file
 * is left over from a process that is gone. `shared`: other processes may be writing now; a temp or
 * lock file untouched for `staleAfterMs` belongs to a write that is over.
 */
export type DirectoryUse = { mode: 'owned' } | { mode: 'shared'; staleAfterMs: number };

/**
 * Removes the temp files of replacements cut short by a crash and the write locks of processes that
 * died holding them; left, a lock would hold up the next write of its conversation until it is stale.
 * A removal that fails is reported through `warn`: it does not stop the store from opening.
 */
export async function removeLeftovers(directory: string, use: DirectoryUse, warn: (message: string) => void): Promise<void> {
  const leftovers = (await readdir(directory)).filter((name) => tempName.test(name) || lockName.test(name) || (use.mode === 'owned' && brokenLockName.test(name)));
  const results = await settleEach(leftovers, 8, async (name) => {
    const path = join(directory, name);
    if (use.mode === 'owned') await rm(path, { force: true });
    else if (lockName.test(name)) await removeDeadLock(path, use.staleAfterMs);
    else if (await isDeadTemp(directory, name, tempName.exec(name)![1]!, use.staleAfterMs)) await rm(path, { force: true });
  });
  for (const [index, result] of results.entries()) {
    if (result.status === 'rejected') warn(`could not remove ${join(directory, leftovers[index]!)}, left over by a process that is gone: ${String(result.reason)}`);
  }
}

async function removeDeadLock(path: string, staleAfterMs: number): Promise<void> {
  const found = await readLock(path);
  if (found && isGone(found, staleAfterMs)) await breakLock(path, found.text);
}

/**
 * A writer takes `<id>.lock` before it creates its temp file and keeps it until the temp file is
 * renamed or removed. So a temp file that exists while its conversation's lock is free, or held by a
 * process that is gone, is no live writer's; nor is one untouched for `staleAfterMs`, after which its
 * writer's lock may be broken anyway (and that writer then finds out before renaming).
 */
async function isDeadTemp(directory: string, name: string, conversationId: string, staleAfterMs: number): Promise<boolean> {
  let mtimeMs: number;
  try {
    ({ mtimeMs } = await stat(join(directory, name)));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false; // renamed into place meanwhile
    throw error;
  }
  if (Date.now() - mtimeMs > staleAfterMs) return true;
  const lock = await readLock(join(directory, `${conversationId}.lock`));
  return !lock || isGone(lock, staleAfterMs);
}
