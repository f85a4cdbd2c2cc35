import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { StateConflictError } from '../core/errors.js';
import { conversationFile, conversationFileText, quarantineFile, readConversationFile, replaceFile } from './conversation-files.js';
import { acquireFileLock } from './file-lock.js';
import type { FileStore } from './file-store.js';
import { createKeyedQueue } from './keyed-queue.js';
import { createStoreLifecycle } from './store-lifecycle.js';
import { assertConversationId, assertExpectedVersion, serializeState } from './store-input.js';

/** A lock file older than this is taken to belong to a process that died holding it. */
const staleLockMs = 10_000;

/**
 * The file store with `shared: true`: several processes use the directory, so every operation reads
 * the file, and compare-and-set takes a lock file per write (`<id>.lock`). Nothing is cached.
 */
export function createSharedFileStore(directory: string): FileStore {
  const queue = createKeyedQueue();
  const lifecycle = createStoreLifecycle(`file store ${directory}`);

  // The queue orders this process's turns on a conversation; the lock file orders them across processes.
  function exclusively<T>(conversationId: string, task: (isLockHeld: () => Promise<boolean>) => Promise<T>): Promise<T> {
    return lifecycle.run(() =>
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

  return {
    directory,

    async read(conversationId) {
      assertConversationId(conversationId);
      return lifecycle.run(() => readConversationFile(directory, conversationId));
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
      await exclusively(conversationId, () => rm(conversationFile(directory, conversationId), { force: true }));
    },

    async quarantine(conversationId) {
      assertConversationId(conversationId);
      return exclusively(conversationId, () => quarantineFile(directory, conversationId));
    },

    close: () => lifecycle.close(),
  };
}
