import { randomBytes } from 'node:crypto';
import { readdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createLockFile } from './file-lock.js';
import { errorCode } from './fs-error-code.js';
import { holderToken, isGone, keepFresh, readLock, type FreshLock, type Holder } from './lock-holder.js';

/** A shared-mode store instance's registration in `<directory>/.sharers/`; see `registerSharer`. */
export type SharerRegistration = FreshLock;

function sharersDirectory(directory: string): string {
  return join(directory, '.sharers');
}

/**
 * Creates `<directory>/.sharers/<pid>-<nonce>.lock`, which says that this store instance uses the
 * directory in shared mode (pid, host, when the process started), and keeps it fresh like the owner
 * lock. `onLost` is called if another process judged this one gone and removed it.
 */
export async function registerSharer(directory: string, events: { onLost: () => void; warn: (message: string) => void }): Promise<SharerRegistration> {
  const token = holderToken();
  const path = join(sharersDirectory(directory), `${process.pid}-${randomBytes(6).toString('hex')}.lock`);
  if (!(await createLockFile(path, token))) throw new Error(`${path} exists already`); // the nonce is random: not expected
  const fresh = keepFresh(path, token, events);
  return {
    async release() {
      await fresh.release();
      await removeIfEmpty(sharersDirectory(directory));
    },
  };
}

/** The holders of the live registrations; removes those of sharers that are gone. */
export async function liveSharers(directory: string): Promise<Holder[]> {
  const folder = sharersDirectory(directory);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  const live: Holder[] = [];
  for (const name of names) {
    if (!name.endsWith('.lock')) continue;
    const path = join(folder, name);
    const found = await readLock(path);
    if (!found) continue;
    // Each registration has a name of its own and is never written again, so removing it cannot remove another's.
    if (isGone(found)) await rm(path, { force: true });
    else live.push(found.holder);
  }
  if (live.length === 0) await removeIfEmpty(folder);
  return live;
}

// A sharer registering at the same moment finds the folder gone and creates it again (createLockFile).
async function removeIfEmpty(folder: string): Promise<void> {
  await rmdir(folder).catch(() => undefined);
}
