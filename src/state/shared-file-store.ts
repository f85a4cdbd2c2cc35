import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { StateConflictError } from '../core/errors.js';
import { conversationFile, conversationFileText, makeDirectory, quarantineFile, readConversationFile, replaceFile } from './conversation-files.js';
import { joinSharers } from './directory-mode.js';
import { findExpiredFiles, quarantinedCopies, removeFiles, throwFirstFailure, writtenAt } from './file-expiry.js';
import { acquireFileLock } from './file-lock.js';
import type { FileStore } from './file-store.js';
import { createKeyedQueue } from './keyed-queue.js';
import { removeLeftovers } from './leftover-files.js';
import { staleMs } from './lock-holder.js';
import type { SharerRegistration } from './sharer-registration.js';
import { createStoreLifecycle } from './store-lifecycle.js';
import { assertConversationId, assertExpectedVersion, serializeState } from './store-input.js';
import { settleEach } from './conversation-files.js';

/** A lock file older than this is taken to belong to a process that died holding it. */
const staleLockMs = 10_000;

export interface SharedFileStoreOptions {
  warn: (message: string) => void;
  /** Conversations not written for this long are deleted by a sweep every `sweepEveryMs`. */
  ttlMs: number;
  sweepEveryMs: number;
  now: () => number;
}

/**
 * The file store with `shared: true`: several processes use the directory, so every operation reads
 * the file, and compare-and-set takes a lock file per write (`<id>.lock`). Nothing is cached. Opening
 * the directory (`open()`, or the first operation) registers this instance as a sharer (see
 * `joinSharers`), which a process owning the directory refuses, and removes the temp and lock files
 * of writes that are over.
 */
export function createSharedFileStore(directory: string, options: SharedFileStoreOptions): FileStore {
  const queue = createKeyedQueue();
  const lifecycle = createStoreLifecycle(`file store ${directory}`);
  let opened: Promise<SharerRegistration> | undefined;
  let lost = false;
  let closing: Promise<void> | undefined;
  let sweeping: Promise<number> | undefined;
  // Every sharer sweeps: a sweep that finds a file gone or written again leaves it.
  const sweepTimer = setInterval(sweepInBackground, options.sweepEveryMs);
  sweepTimer.unref();

  function registered(): Promise<SharerRegistration> {
    if (lost) {
      // Judged gone while it stalled: an owner may have taken the directory since, so ask again.
      lost = false;
      const previous = opened;
      opened = undefined;
      void previous?.then((registration) => registration.release()).catch(() => undefined);
    }
    const opening = (opened ??= openDirectory().catch((error: unknown) => {
      if (opened === opening) opened = undefined; // the next operation tries again
      throw error;
    }));
    return opening;
  }

  async function openDirectory(): Promise<SharerRegistration> {
    await makeDirectory(directory);
    const onLost = () => {
      options.warn(`the registration of this process as a sharer of ${directory} was removed (it stalled for over ${staleMs / 1000} s?): it registers again before the next operation`);
      lost = true;
    };
    const registration = await joinSharers(directory, { onLost, warn: options.warn });
    try {
      await removeLeftovers(directory, { mode: 'shared', staleAfterMs: staleLockMs }, options.warn);
    } catch (error) {
      await registration.release();
      throw error;
    }
    sweepInBackground(); // what expired while no process had the directory open
    return registration;
  }

  function operation<T>(task: () => Promise<T>): Promise<T> {
    return lifecycle.run(async () => {
      await registered();
      return task();
    });
  }

  // The queue orders this process's turns on a conversation; the lock file orders them across processes.
  function exclusively<T>(conversationId: string, task: (isLockHeld: () => Promise<boolean>) => Promise<T>): Promise<T> {
    return operation(() =>
      queue.run(conversationId, async () => {
        const lock = await acquireFileLock(join(directory, `${conversationId}.lock`), { staleAfterMs: staleLockMs });
        try {
          return await task(lock.isHeld);
        } finally {
          await lock.release();
        }
      }),
    );
  }

  /** The sweep running, or a new one: deletes the conversations not written for the TTL. */
  function sweep(): Promise<number> {
    sweeping ??= operation(async () => {
      const cutoff = options.now() - options.ttlMs;
      const expired = await findExpiredFiles(directory, cutoff);
      let deleted = 0;
      const results = await settleEach(expired.conversations, 8, (conversationId) =>
        exclusively(conversationId, async () => {
          const file = conversationFile(directory, conversationId);
          if ((await writtenAt(file)) >= cutoff) return; // written again since the listing, or gone
          await rm(file, { force: true });
          deleted += 1;
        }),
      );
      await removeFiles(directory, expired.quarantined);
      throwFirstFailure(results);
      return deleted;
    }).finally(() => {
      sweeping = undefined;
    });
    return sweeping;
  }

  function sweepInBackground(): void {
    if (sweeping || closing || !opened) return; // a store never used has nothing to sweep yet
    sweep().catch((error: unknown) => options.warn(`sweeping expired conversations from ${directory} failed; the next sweep tries again: ${String(error)}`));
  }

  return {
    shared: true,
    directory,
    sweep,

    open() {
      return operation(async () => undefined);
    },

    async read(conversationId) {
      assertConversationId(conversationId);
      return operation(() => readConversationFile(directory, conversationId));
    },

    async write(conversationId, state, expectedVersion) {
      assertConversationId(conversationId);
      assertExpectedVersion(conversationId, expectedVersion);
      const json = serializeState(conversationId, state);
      return exclusively(conversationId, async (isLockHeld) => {
        const current = await readConversationFile(directory, conversationId);
        if (current?.version !== expectedVersion) throw new StateConflictError(conversationId);
        const version = (current?.version ?? 0) + 1;
        await replaceFile(conversationFile(directory, conversationId), conversationFileText(version, json), async () => {
          // Held for longer than staleLockMs, another process may have broken the lock and written.
          if (!(await isLockHeld())) throw new StateConflictError(conversationId);
        });
        return version;
      });
    },

    async delete(conversationId) {
      assertConversationId(conversationId);
      await exclusively(conversationId, async () => {
        await rm(conversationFile(directory, conversationId), { force: true });
        await removeFiles(directory, await quarantinedCopies(directory, conversationId));
      });
    },

    async quarantine(conversationId) {
      assertConversationId(conversationId);
      return exclusively(conversationId, () => quarantineFile(directory, conversationId));
    },

    close() {
      closing ??= (async () => {
        clearInterval(sweepTimer);
        await lifecycle.close();
        const registration = await opened?.catch(() => undefined);
        await registration?.release();
      })();
      return closing;
    },
  };
}
