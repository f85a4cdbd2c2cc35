import { join, resolve } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import { defaultTtlSeconds, type ConversationStore } from './conversation-store.js';
import { maxSweepEveryMs } from './file-expiry.js';
import { createOwnedFileStore } from './owned-file-store.js';
import { createSharedFileStore } from './shared-file-store.js';

export interface FileStoreOptions {
  /** Where conversation files go, created on demand. Default `.parley/conversations` under the working directory. */
  directory?: string;
  /**
   * Several processes serve the same conversations from this directory: compare-and-set then takes a
   * lock file per write and reads the file every time (about 4x slower). Default false: one process
   * (one store instance) owns the directory, takes it with a lock file (`.owner.lock`), and a second
   * one opening it fails with a `ConfigurationError`; writes go to a journal, recent conversations
   * are kept in memory, and conversation files are brought up to date at checkpoints. The two modes
   * never mix: a store with `shared: true` refuses a directory that a live store without it owns, and
   * the other way round; every process using a directory must set the same value.
   */
  shared?: boolean;
  /**
   * Conversations kept in memory when not shared (default 10,000; the least recently used go first),
   * besides those changed since the last checkpoint.
   */
  cached?: number;
  /** When not shared: how often changes are copied from the journal to the conversation files. Default 5,000 ms. */
  checkpointMs?: number;
  /** When not shared: a checkpoint also starts when the journal reaches this many bytes. Default 8 MiB. */
  checkpointBytes?: number;
  /** When not shared: called after each journal flush (one write and fdatasync) with the number of changes it made durable. */
  onFlush?: (records: number) => void;
  /**
   * Problems the store got over on its own, which someone should look at: a damaged journal moved
   * aside on opening, a checkpoint that failed (the journal keeps the changes), a lost directory lock
   * or sharer registration, a file left by a dead process that could not be removed.
   * Default: `process.emitWarning`.
   */
  onWarning?: (message: string) => void;
  /**
   * How long a conversation is kept after its last write, in seconds (default 86,400: a day). A sweep
   * at opening and then every hour (or every half TTL, if shorter) deletes older ones and damaged
   * copies kept aside, as DynamoDB's TTL does; `sweep()` runs one now. Keep it longer than the bot's
   * idle timeout, so that a customer coming back to a task left half done can be told it was closed.
   */
  ttlSeconds?: number;
  /** Milliseconds (default `Date.now`): what the sweep compares files' times with, for tests. */
  now?: () => number;
}

/** A store of one JSON file per conversation; see `createFileStore`. */
export interface FileStore extends ConversationStore {
  /** The absolute directory the files are in. */
  readonly directory: string;
  /**
   * Opens the directory now rather than on the first operation: creates it, checks that this store
   * may use it (throws a `ConfigurationError` naming the directory, the process holding it and the
   * fix), replays the journal an owner that is gone left, and removes the temp and lock files that
   * dead processes left. Calling it again does nothing more.
   */
  open(): Promise<void>;
  /**
   * Moves a damaged conversation file aside to `<id>.corrupt-<timestamp>.json`, so the conversation
   * can start afresh (write with expected version `undefined`). Returns the new path, or `undefined`
   * when there is nothing damaged to move: no file, or one that reads fine (another process may have
   * quarantined it and started afresh already).
   */
  quarantine(conversationId: string): Promise<string | undefined>;
  /**
   * Deletes the conversations not written for `ttlSeconds` (and damaged copies as old) now, rather
   * than at the next scheduled sweep; resolves with how many conversations it deleted.
   */
  sweep(): Promise<number>;
  /**
   * Waits for the operations under way and, when not shared, brings the conversation files up to
   * date, deletes the journal and releases the directory. Later operations reject. Call it at
   * shutdown (without it nothing is lost: the next store replays the journal).
   */
  close(): Promise<void>;
}

/**
 * The embedded default store: one `<id>.json` file per conversation holding `{version, state}`.
 *
 * By default one process owns the directory (a second store instance on it, in this process or
 * another, is refused until the first is closed or its process has died): compare-and-set runs in
 * memory, each change is appended to a write-ahead journal in `<directory>/journal/` and flushed
 * together with the changes that arrived meanwhile, and the conversation files are brought up to
 * date at checkpoints (a conversation changed 50 times between two checkpoints is written once).
 * When a write or delete resolves, it survives the process being killed and a power cut: the next
 * store to open the directory replays the journal. Call `close()` at shutdown. With `shared: true`,
 * compare-and-set holds across processes sharing the directory (a lock file per write, each write
 * replacing the file atomically), so several processes on one machine can serve the same
 * conversations; each registers in `<directory>/.sharers/` while it is open. A damaged file is never
 * deleted before its time: reading it throws `StateCorruptError`, and `quarantine` moves it aside.
 * Conversations expire `ttlSeconds` after their last write: a sweep deletes them (and damaged copies
 * as old), and `delete` takes a conversation's damaged copies with it.
 *
 * The directory is opened by `open()`, or else by the first operation. Opening throws a
 * `ConfigurationError` (naming the directory, the process that holds it and the fix) when the
 * directory is owned by another live store instance, or, shared, when a live owner holds it, or, not
 * shared, when live shared processes use it: the modes never mix, because an owner compares versions
 * in its own memory and would overwrite what sharers write. Call `open()` at start, so that such a
 * process stops there instead of failing every turn. Opening also cleans up after dead processes: the
 * owner removes every temp file (`<id>.<hex>.tmp`) and write lock (`<id>.lock`), a sharer only those
 * no live process is using, and a sharer first replays the journal a dead owner left.
 *
 * @example
 * const store = createFileStore({ directory: '/var/lib/parley/conversations' });
 * await store.open(); // at start: throws a ConfigurationError if another process holds the directory
 * try { await store.read(id) } catch (error) {
 *   if (ParleyError.isInstance(error) && error.code === 'state-corrupt') await store.quarantine(id);
 * }
 * // ...and at shutdown, once the server has stopped taking turns:
 * await store.close();
 */
export function createFileStore(options: FileStoreOptions = {}): FileStore {
  const directory = resolve(options.directory ?? join('.parley', 'conversations'));
  const warn = options.onWarning ?? ((message: string) => process.emitWarning(message, { type: 'ParleyWarning' }));
  const ttlMs = 1000 * positive('ttlSeconds', options.ttlSeconds ?? defaultTtlSeconds, maxTtlSeconds);
  const expiry = { ttlMs, sweepEveryMs: Math.min(maxSweepEveryMs, ttlMs / 2), now: options.now ?? Date.now };
  if (options.shared) return createSharedFileStore(directory, { warn, ...expiry });
  return createOwnedFileStore(directory, {
    ...expiry,
    cached: options.cached ?? 10_000,
    checkpointMs: positive('checkpointMs', options.checkpointMs ?? 5_000, maxTimerMs),
    checkpointBytes: positive('checkpointBytes', options.checkpointBytes ?? 8 * 1024 * 1024, Number.MAX_SAFE_INTEGER),
    onFlush: options.onFlush,
    warn,
  });
}

/** The longest delay a Node.js timer takes (about 24.8 days). */
const maxTimerMs = 2 ** 31 - 1;
/** Ten years: "keep them", without numbers that overflow a date. */
const maxTtlSeconds = 10 * 366 * 24 * 3600;

function positive(key: string, value: number, max: number): number {
  if (value > 0 && value <= max) return value;
  throw new ConfigurationError(key, `must be a number above 0, at most ${max} (got ${String(value)})`);
}
