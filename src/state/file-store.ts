import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { StateConflictError, StateCorruptError } from '../core/errors.js';
import type { ConversationStore, StoredConversation } from './conversation-store.js';
import { acquireFileLock } from './file-lock.js';
import { errorCode } from './fs-error-code.js';
import { createKeyedQueue } from './keyed-queue.js';
import { assertConversationId, assertExpectedVersion, serializeState } from './store-input.js';

export interface FileStoreOptions {
  /** Where conversation files go, created on demand. Default `.parley/conversations` under the working directory. */
  directory?: string;
  /**
   * Several processes serve the same conversations from this directory: compare-and-set then takes a
   * lock file per write and reads the file every time (about 4x slower). Default false: one process
   * owns each conversation, and recent conversations are kept in memory as well as on disk.
   */
  shared?: boolean;
  /** Conversations kept in memory when not shared (default 10,000; the least recently used go first). */
  cached?: number;
}

/** A store of one JSON file per conversation; see `createFileStore`. */
export interface FileStore extends ConversationStore {
  /** The absolute directory the files are in. */
  readonly directory: string;
  /**
   * Moves a damaged conversation file aside to `<id>.corrupt-<timestamp>.json`, so the conversation
   * can start afresh (write with expected version `undefined`). Returns the new path, or `undefined`
   * when there is nothing damaged to move: no file, or one that reads fine (another process may have
   * quarantined it and started afresh already).
   */
  quarantine(conversationId: string): Promise<string | undefined>;
}

/** A lock file older than this is taken to belong to a process that died holding it. */
const staleLockMs = 10_000;

/**
 * The embedded default store: one `<id>.json` file per conversation holding `{version, state}`.
 * Writes are flushed and atomic (a temp file renamed into place). By default one process owns each
 * conversation (compare-and-set in the process, recent conversations also kept in memory); with
 * `shared: true`, compare-and-set holds across processes sharing the directory (a lock file per
 * write), so several processes on one machine can serve the same conversations. A damaged file is
 * never deleted: reading it throws `StateCorruptError`, and `quarantine` moves it aside.
 *
 * @example
 * const store = createFileStore({ directory: '/var/lib/parley/conversations' });
 * try { await store.read(id) } catch (error) {
 *   if (ParleyError.isInstance(error) && error.code === 'state-corrupt') await store.quarantine(id);
 * }
 */
export function createFileStore(options: FileStoreOptions = {}): FileStore {
  const directory = resolve(options.directory ?? join('.parley', 'conversations'));
  const queue = createKeyedQueue();
  const fileOf = (conversationId: string) => join(directory, `${conversationId}.json`);
  // Not shared: this process is the only writer, so what it last wrote or read is what the file holds.
  const cache = options.shared ? undefined : new RecentConversations(options.cached ?? 10_000);
  let directoryReady: Promise<void> | undefined;

  async function readStored(conversationId: string): Promise<StoredConversation | undefined> {
    const file = fileOf(conversationId);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    return parseConversationFile(conversationId, file, text);
  }

  // The queue orders this process's turns on a conversation; the lock file orders them across processes.
  async function readCurrent(conversationId: string): Promise<{ version: number; json: string } | undefined> {
    const cached = cache?.get(conversationId);
    if (cached) return cached;
    const stored = await readStored(conversationId);
    const current = stored ? { version: stored.version, json: JSON.stringify(stored.state) } : undefined;
    if (current) cache?.set(conversationId, current);
    return current;
  }

  function exclusively<T>(conversationId: string, task: (isLockHeld: () => Promise<boolean>) => Promise<T>): Promise<T> {
    if (cache) {
      return queue.run(conversationId, async () => {
        directoryReady ??= mkdir(directory, { recursive: true }).then(() => undefined);
        await directoryReady;
        return task(async () => true);
      });
    }
    return queue.run(conversationId, async () => {
      const lock = await acquireFileLock(join(directory, `${conversationId}.lock`), { staleAfterMs: staleLockMs });
      try {
        return await task(lock.isHeld);
      } finally {
        await lock.release();
      }
    });
  }

  return {
    directory,

    async read(conversationId) {
      assertConversationId(conversationId);
      if (!cache) return readStored(conversationId);
      const current = await readCurrent(conversationId);
      return current ? { version: current.version, state: JSON.parse(current.json) as unknown } : undefined;
    },

    async write(conversationId, state, expectedVersion) {
      assertConversationId(conversationId);
      assertExpectedVersion(conversationId, expectedVersion);
      const json = serializeState(conversationId, state);
      return exclusively(conversationId, async (isLockHeld) => {
        const current = cache ? await readCurrent(conversationId) : await readStored(conversationId);
        if (current?.version !== expectedVersion) throw new StateConflictError(conversationId);
        const version = (current?.version ?? 0) + 1;
        await replaceFile(fileOf(conversationId), `{"version":${version},"state":${json}}\n`, async () => {
          // Held for longer than staleLockMs, another process may have broken the lock and written.
          if (!(await isLockHeld())) throw new StateConflictError(conversationId);
        });
        cache?.set(conversationId, { version, json });
        return version;
      });
    },

    async delete(conversationId) {
      assertConversationId(conversationId);
      await exclusively(conversationId, async () => {
        cache?.delete(conversationId);
        await rm(fileOf(conversationId), { force: true });
      });
    },

    async quarantine(conversationId) {
      assertConversationId(conversationId);
      return exclusively(conversationId, async () => {
        cache?.delete(conversationId);
        try {
          await readStored(conversationId);
          return undefined;
        } catch (error) {
          if (!(error instanceof StateCorruptError)) throw error;
        }
        const target = join(directory, `${conversationId}.corrupt-${quarantineStamp()}.json`);
        await rename(fileOf(conversationId), target);
        return target;
      });
    },
  };
}

/** Writes `text` to a temp file beside `file`, flushes it, and renames it over `file` (atomic on POSIX). */
async function replaceFile(file: string, text: string, beforeRename: () => Promise<void>): Promise<void> {
  const temp = `${file.slice(0, -'.json'.length)}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text);
      // Without the flush, a power cut after the rename can leave an empty file in place of the old one.
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await beforeRename();
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function parseConversationFile(conversationId: string, file: string, text: string): StoredConversation {
  const advice = 'quarantine it to start the conversation afresh';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StateCorruptError(conversationId, `${file} is not valid JSON; ${advice}`, { cause: error });
  }
  if (typeof parsed === 'object' && parsed !== null && 'state' in parsed && 'version' in parsed) {
    const { state, version } = parsed;
    if (typeof version === 'number' && Number.isSafeInteger(version) && version >= 1) return { state, version };
  }
  throw new StateCorruptError(conversationId, `${file} does not hold {version, state}; ${advice}`);
}

// '~' cannot appear in a conversation id, so no conversation's own file can ever have this name;
// the random part keeps two quarantines in the same millisecond apart.
function quarantineStamp(): string {
  return `${new Date().toISOString().replace(/[:.]/g, '-')}~${randomBytes(2).toString('hex')}`;
}

/** Least recently used first out; a Map keeps insertion order, and a hit moves to the end. */
class RecentConversations {
  private readonly entries = new Map<string, { version: number; json: string }>();
  constructor(private readonly limit: number) {}
  get(id: string) {
    const entry = this.entries.get(id);
    if (entry) {
      this.entries.delete(id);
      this.entries.set(id, entry);
    }
    return entry;
  }
  set(id: string, entry: { version: number; json: string }) {
    this.entries.delete(id);
    this.entries.set(id, entry);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }
  delete(id: string) {
    this.entries.delete(id);
  }
}
