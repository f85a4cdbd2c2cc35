import { rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import { recoverJournals } from './journal-recovery.js';
import { breakLock, describeHolder, isGone, readLock, type Holder } from './lock-holder.js';
import { whileOpening } from './opening-gate.js';
import { acquireOwnerLock, ownerLockPath, type OwnerLock } from './owner-lock.js';
import { liveSharers, registerSharer, type SharerRegistration } from './sharer-registration.js';

// A directory is used in one mode at a time: one owner (`.owner.lock`), or any number of sharers (a
// registration each in `.sharers/`). Mixing them loses turns: the owner compares versions in its own
// memory and never sees what a sharer wrote. So each instance first says how it uses the directory
// (takes the owner lock, or registers), then checks that no live instance of the other mode is there,
// and withdraws if one is. Because each writes before it reads, of two instances of different modes
// at least one sees the other. Doing both steps inside the opening gate makes them one step: two
// instances opening at the same moment go one after the other, so exactly one of them wins rather
// than both giving up; should the gate be broken wrongly (a holder stalled for 15 s), the order of
// the steps still lets at most one mode in. Dead holders are told by their pid (same host) or by
// files left untouched for 15 s; live holders touch their files every 5 s.

/** Makes this store instance the directory's owner; throws a `ConfigurationError` while another owner or a live sharer uses it. */
export function takeOwnership(directory: string, warn: (message: string) => void): Promise<OwnerLock> {
  return whileOpening(directory, warn, async () => {
    const lock = await acquireOwnerLock(directory, warn);
    let sharers: Holder[];
    try {
      sharers = await liveSharers(directory);
    } catch (error) {
      await lock.release();
      throw error;
    }
    if (sharers.length === 0) return lock;
    await lock.release();
    throw usedBySharers(directory, sharers);
  });
}

/**
 * Registers this store instance as a sharer of the directory; throws a `ConfigurationError` while a
 * live owner holds it. An owner that is gone may have left acknowledged changes in its journal, which
 * sharers would never read: they are replayed into the conversation files first.
 */
export function joinSharers(directory: string, events: { onLost: () => void; warn: (message: string) => void }): Promise<SharerRegistration> {
  const { warn } = events;
  return whileOpening(directory, warn, async () => {
    const registration = await registerSharer(directory, events);
    try {
      const owner = await readLock(ownerLockPath(directory));
      if (owner && !isGone(owner)) throw ownedByOne(directory, owner.holder);
      // Broken, so that an owner that only stalled finds out (and says so) when it wakes up.
      if (owner) await breakLock(ownerLockPath(directory), owner.text);
      const journalDirectory = join(directory, 'journal'); // the owner's, see createOwnedFileStore
      await recoverJournals({ directory, journalDirectory, warn });
      await rmdir(journalDirectory).catch(() => undefined); // kept when it holds damaged journals moved aside
    } catch (error) {
      await registration.release();
      throw error;
    }
    return registration;
  });
}

function usedBySharers(directory: string, sharers: Holder[]): ConfigurationError {
  const who = sharers.map(describeHolder).join(', ');
  return new ConfigurationError(
    'shared',
    `${directory} is in use with shared: true by ${who}: a store without shared: true must own its directory alone. Stop those processes first, or set shared: true in this process too`,
  );
}

function ownedByOne(directory: string, owner: Holder): ConfigurationError {
  return new ConfigurationError(
    'shared',
    `${directory} is owned by ${describeHolder(owner)}, which opened it without shared: true: shared processes cannot use a directory that one process owns. Stop that process first, or set shared: true in every process that uses the directory`,
  );
}
