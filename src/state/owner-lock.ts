import { join } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import { createLockFile } from './file-lock.js';
import { breakLock, describeHolder, holderToken, isGone, keepFresh, readLock, staleMs, type FreshLock, type Holder } from './lock-holder.js';

/** The lock file by which one store instance owns a directory; see `acquireOwnerLock`. */
export type OwnerLock = FreshLock;

/** Where the owner of `directory` says who it is. */
export function ownerLockPath(directory: string): string {
  return join(directory, '.owner.lock');
}

/**
 * Takes `<directory>/.owner.lock`, which says which process owns the directory (pid, host, when that
 * process started), and keeps it fresh with an unref'd timer. Throws a `ConfigurationError` when
 * another live store instance, in this process or another, owns the directory. Takes over a lock
 * left by an owner that is gone: one untouched for 15 s, or one from this host whose process no
 * longer runs (or is an earlier process that had this pid, as in a restarted container).
 */
export async function acquireOwnerLock(directory: string, warn: (message: string) => void): Promise<OwnerLock> {
  const path = ownerLockPath(directory);
  const token = holderToken();
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createLockFile(path, token)) {
      const onLost = () => warn(`${path} was taken over by another process (this one stalled for over ${staleMs / 1000} s?): two processes may now write the same conversations`);
      return keepFresh(path, token, { onLost, warn });
    }
    const found = await readLock(path);
    if (!found) continue; // released meanwhile
    if (!isGone(found)) throw ownedElsewhere(directory, found.holder);
    await breakLock(path, found.text);
  }
  throw new ConfigurationError('shared', `could not take over ${path} from a process that is gone; another process keeps taking it`);
}

function ownedElsewhere(directory: string, holder: Holder): ConfigurationError {
  return new ConfigurationError(
    'shared',
    `${directory} is owned by ${describeHolder(holder)}: by default one process (one store instance) owns a conversation directory. Close the other store first, or set shared: true in every process that uses the directory`,
  );
}
