import { rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StateConflictError } from '../core/errors.js';
import { ConversationCache } from './conversation-cache.js';
import {
  conversationFile,
  conversationFileText,
  makeDirectory,
  quarantineFile,
  readConversationFile,
  replaceFile,
  settleEach,
  syncDirectory,
} from './conversation-files.js';
import { findExpiredFiles, quarantinedCopies, removeFiles, throwFirstFailure, writtenAt } from './file-expiry.js';
import type { FileStore } from './file-store.js';
import { createJournal, type Journal } from './journal.js';
import { encodeRecord, type ConversationEntry } from './journal-records.js';
import { recoverJournals } from './journal-recovery.js';
import { createKeyedQueue } from './keyed-queue.js';
import { takeOwnership } from './directory-mode.js';
import { removeLeftovers } from './leftover-files.js';
import type { OwnerLock } from './owner-lock.js';
import { createStoreLifecycle } from './store-lifecycle.js';
import { assertConversationId, assertExpectedVersion, serializeState } from './store-input.js';

export interface OwnedFileStoreOptions {
  cached: number;
  checkpointMs: number;
  checkpointBytes: number;
  onFlush?: (records: number) => void;
  warn: (message: string) => void;
  /** Conversations not written for this long are deleted by a sweep every `sweepEveryMs`. */
  ttlMs: number;
  sweepEveryMs: number;
  now: () => number;
}

/** What the store holds once the directory is its own. */
interface Owned {
  journal: Journal;
  lock: OwnerLock;
  timer: NodeJS.Timeout;
  sweepTimer: NodeJS.Timeout;
}

/** How many conversation files a checkpoint writes at a time (libuv runs four file calls at once). */
const parallelWrites = 4;
/** Expired conversations a sweep deletes at a time: their deletions share journal flushes. */
const parallelExpiries = 64;

/**
 * The file store without `shared`: this instance owns the directory (see `takeOwnership`), keeps
 * compare-and-set in memory, makes each change durable in the journal (see `Journal`), and copies
 * the changed conversations to their files at checkpoints: every `checkpointMs`, when the journal
 * reaches `checkpointBytes`, and on `close()`. Opening the directory (`open()`, or the first
 * operation) removes the temp and lock files left by processes that are gone, and replays whatever
 * journal a previous owner left.
 */
export function createOwnedFileStore(directory: string, options: OwnedFileStoreOptions): FileStore {
  const journalDirectory = join(directory, 'journal');
  const cache = new ConversationCache(options.cached);
  const queue = createKeyedQueue();
  const lifecycle = createStoreLifecycle(`file store ${directory}`);
  // Changes appended to the journal that have not reached the cache yet; a checkpoint waits for them.
  const applying = new Set<Promise<void>>();
  let opened: Promise<Owned> | undefined;
  let checkpointing: Promise<void> | undefined;
  let sweeping: Promise<number> | undefined;
  let closing: Promise<void> | undefined;

  function owned(): Promise<Owned> {
    opened ??= openDirectory().then(
      (held) => {
        sweepInBackground(); // what expired while no process had the directory
        return held;
      },
      (error: unknown) => {
        opened = undefined; // the next operation tries again
        throw error;
      },
    );
    return opened;
  }

  async function openDirectory(): Promise<Owned> {
    await makeDirectory(directory);
    const lock = await takeOwnership(directory, options.warn);
    try {
      // Safe only now: the directory is ours, so no one else is writing there.
      await removeLeftovers(directory, { mode: 'owned' }, options.warn);
      const firstSequence = await recoverJournals({ directory, journalDirectory, warn: options.warn });
      const journal = createJournal({ directory: journalDirectory, firstSequence, onFlush: options.onFlush });
      const timer = setInterval(checkpointInBackground, options.checkpointMs);
      timer.unref();
      const sweepTimer = setInterval(sweepInBackground, options.sweepEveryMs);
      sweepTimer.unref();
      return { journal, lock, timer, sweepTimer };
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Runs `task` once the directory is ours, after the operations on the conversation before it. */
  function operation<T>(conversationId: string, task: (journal: Journal) => Promise<T>): Promise<T> {
    return lifecycle.run(async () => {
      const { journal } = await owned();
      return queue.run(conversationId, () => task(journal));
    });
  }

  /** The conversation as it stands; called within `operation`, so nothing changes it meanwhile. */
  async function lookup(conversationId: string): Promise<ConversationEntry | undefined> {
    const known = cache.get(conversationId);
    if (known) return known === 'deleted' ? undefined : known;
    const stored = await readConversationFile(directory, conversationId);
    if (!stored) return undefined;
    const entry = { version: stored.version, json: JSON.stringify(stored.state) };
    cache.remember(conversationId, entry);
    return entry;
  }

  /** Appends the change to the journal; once it is durable, the cache has it. */
  async function journaled(journal: Journal, conversationId: string, change: ConversationEntry | 'deleted'): Promise<void> {
    const applied = journal.append(encodeRecord(conversationId, change)).then(() => cache.journaled(conversationId, change));
    applying.add(applied);
    try {
      await applied;
    } finally {
      applying.delete(applied);
    }
    if (journal.size >= options.checkpointBytes) checkpointInBackground();
  }

  /** The checkpoint running, or a new one. */
  function checkpoint(): Promise<void> {
    checkpointing ??= runCheckpoint().finally(() => {
      checkpointing = undefined;
    });
    return checkpointing;
  }

  function checkpointInBackground(): void {
    if (checkpointing) return;
    checkpoint().catch((error: unknown) => options.warn(`checkpoint of ${directory} failed, the journal keeps the changes: ${String(error)}`));
  }

  async function runCheckpoint(): Promise<void> {
    const { journal } = await owned();
    const rotatedOut = await journal.rotate();
    await Promise.allSettled([...applying]); // every change in the rotated-out files is in the cache now
    const changes = cache.dirtyChanges();
    if (changes.length === 0 && rotatedOut.length === 0) return;
    const results = await settleEach(changes, parallelWrites, ([id, change]) =>
      change === 'deleted'
        ? rm(conversationFile(directory, id), { force: true })
        : replaceFile(conversationFile(directory, id), conversationFileText(change.version, change.json)),
    );
    await syncDirectory(directory);
    for (const [index, [id, change]] of changes.entries()) {
      if (results[index]!.status === 'fulfilled') cache.checkpointed(id, change);
    }
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason; // keep the journal: it holds what did not reach the files
    await journal.discard(rotatedOut);
  }

  /** The sweep running, or a new one: deletes the conversations not written for the TTL. */
  function sweep(): Promise<number> {
    sweeping ??= lifecycle.run(runSweep).finally(() => {
      sweeping = undefined;
    });
    return sweeping;
  }

  function sweepInBackground(): void {
    if (sweeping || closing) return;
    sweep().catch((error: unknown) => options.warn(`sweeping expired conversations from ${directory} failed; the next sweep tries again: ${String(error)}`));
  }

  async function runSweep(): Promise<number> {
    const { journal } = await owned();
    const cutoff = options.now() - options.ttlMs;
    const expired = await findExpiredFiles(directory, cutoff);
    let deleted = 0;
    const results = await settleEach(expired.conversations, parallelExpiries, (conversationId) =>
      queue.run(conversationId, async () => {
        // Changed since its file was written, or written again since the listing: not idle.
        if (cache.isDirty(conversationId) || (await writtenAt(conversationFile(directory, conversationId))) >= cutoff) return;
        await journaled(journal, conversationId, 'deleted');
        deleted += 1;
      }),
    );
    await removeFiles(directory, expired.quarantined);
    throwFirstFailure(results);
    return deleted;
  }

  async function shutDown(): Promise<void> {
    const held = await opened?.catch(() => undefined);
    if (held) clearInterval(held.sweepTimer);
    await lifecycle.close();
    if (!held) return;
    clearInterval(held.timer);
    try {
      await checkpointing?.catch(() => undefined);
      await checkpoint();
      await rmdir(journalDirectory).catch(() => undefined); // left when it holds damaged journals kept aside
    } finally {
      await held.lock.release();
    }
  }

  return {
    directory,

    open() {
      return lifecycle.run(async () => {
        await owned();
      });
    },

    async read(conversationId) {
      assertConversationId(conversationId);
      return operation(conversationId, async () => {
        const entry = await lookup(conversationId);
        return entry && { version: entry.version, state: JSON.parse(entry.json) as unknown };
      });
    },

    async write(conversationId, state, expectedVersion) {
      assertConversationId(conversationId);
      assertExpectedVersion(conversationId, expectedVersion);
      const json = serializeState(conversationId, state);
      return operation(conversationId, async (journal) => {
        const current = await lookup(conversationId);
        if (current?.version !== expectedVersion) throw new StateConflictError(conversationId);
        const entry = { version: (current?.version ?? 0) + 1, json };
        await journaled(journal, conversationId, entry);
        return entry.version;
      });
    },

    async delete(conversationId) {
      assertConversationId(conversationId);
      await operation(conversationId, async (journal) => {
        // The deletion must be journaled too, or replaying the journal after a crash would bring it back.
        if (cache.get(conversationId) !== 'deleted') await journaled(journal, conversationId, 'deleted');
        await removeFiles(directory, await quarantinedCopies(directory, conversationId));
      });
      // The journal still holds the conversation's earlier states until the next checkpoint discards it.
    },

    sweep,

    async quarantine(conversationId) {
      assertConversationId(conversationId);
      return operation(conversationId, async () => {
        // Changed since the last checkpoint: it reads from memory, and the checkpoint replaces its file.
        if (cache.isDirty(conversationId)) return undefined;
        cache.forget(conversationId);
        return quarantineFile(directory, conversationId);
      });
    },

    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}
