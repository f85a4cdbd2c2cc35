import { open, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeDirectory, syncDirectory } from './conversation-files.js';

/**
 * A write-ahead journal with group commit, which makes the file store's writes durable cheaply.
 *
 * Instead of replacing a conversation's file on every write (five file system calls), the store
 * appends one line per write to a journal file, `<directory>/<n>.log`, and answers once the line is
 * on disk. Appends that arrive while a write + fdatasync is running wait, and all of them go to disk
 * together in the next single write + fdatasync on the same open file: under load, one flush makes
 * many writes durable. An append resolves only after the flush that carried it; when a flush fails,
 * every append in it rejects, the file is truncated back to what was flushed before (best effort)
 * and left, and the next appends go to a new file.
 *
 * The journal only grows. The store checkpoints now and then: it `rotate`s (later appends go to a
 * new file), copies the conversations changed since the last checkpoint into their own files, and
 * `discard`s the journal files rotated out. After a crash, `recoverJournals` replays what is left.
 */
export interface Journal {
  /** Appends one encoded line; resolves once it is on disk. */
  append(line: string): Promise<void>;
  /** Bytes flushed to the current journal file. */
  readonly size: number;
  /**
   * From now on, appends go to a new file. Resolves, once the flush running on the old file (if any)
   * has settled and the file is closed, with every file rotated out and not yet discarded.
   */
  rotate(): Promise<string[]>;
  /** Deletes files that `rotate` returned, oldest first, then makes that survive a power cut. */
  discard(files: string[]): Promise<void>;
}

export interface JournalOptions {
  /** Where the journal files go; created on the first append. */
  directory: string;
  /** The number of the first journal file: one more than any left in the directory. */
  firstSequence: number;
  /** Called after each flush with the number of lines it made durable. */
  onFlush?: (lines: number) => void;
}

interface Waiting {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface JournalFile {
  sequence: number;
  path: string;
  handle: Promise<FileHandle>;
  /** Bytes flushed to the file so far. */
  size: number;
  closed?: Promise<void>;
}

export function createJournal(options: JournalOptions): Journal {
  let sequence = options.firstSequence;
  let current: JournalFile | undefined;
  let waiting: Waiting[] = [];
  let flushing: Promise<void> | undefined;
  // Oldest first: deleting them in that order, a crash can only leave the newer ones, whose replay is right.
  const rotatedOut: JournalFile[] = [];

  function currentFile(): JournalFile {
    if (!current) {
      const path = join(options.directory, `${sequence}.log`);
      const handle = createFile(path);
      handle.catch(() => undefined); // the flush that uses it reports the error
      current = { sequence: sequence++, path, handle, size: 0 };
    }
    return current;
  }

  function flushNext(): void {
    if (flushing || waiting.length === 0) return;
    const batch = waiting;
    waiting = [];
    flushing = flush(batch).then(() => {
      flushing = undefined;
      flushNext();
    });
  }

  // Never rejects: the batch's appends get the error.
  async function flush(batch: Waiting[]): Promise<void> {
    const file = currentFile();
    const data = Buffer.from(batch.map((entry) => entry.line).join(''));
    try {
      const handle = await file.handle;
      await writeAll(handle, data);
      await handle.datasync();
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      await abandon(file);
      return;
    }
    file.size += data.length;
    for (const entry of batch) entry.resolve();
    options.onFlush?.(batch.length);
  }

  // After a failed flush the file's tail is unknown: cut it back, and write no more to it.
  async function abandon(file: JournalFile): Promise<void> {
    const handle = await file.handle.catch(() => undefined);
    await handle?.truncate(file.size).then(() => handle.datasync()).catch(() => undefined);
    await retire(file);
  }

  async function retire(file: JournalFile): Promise<void> {
    if (current === file) current = undefined;
    file.closed ??= file.handle.then(
      async (handle) => {
        if (!rotatedOut.includes(file)) rotatedOut.push(file);
        rotatedOut.sort((a, b) => a.sequence - b.sequence);
        await handle.close().catch(() => undefined);
      },
      () => undefined, // never created (or left empty): nothing of ours to discard
    );
    await file.closed;
  }

  return {
    append(line) {
      return new Promise((resolve, reject) => {
        waiting.push({ line, resolve, reject });
        flushNext();
      });
    },

    get size() {
      return current?.size ?? 0;
    },

    async rotate() {
      const old = current;
      current = undefined;
      await flushing; // a flush started before the rotation may still be writing to the old file
      if (old) await retire(old);
      return rotatedOut.map((file) => file.path);
    },

    async discard(files) {
      for (const file of files) {
        await rm(file, { force: true });
        const index = rotatedOut.findIndex((rotated) => rotated.path === file);
        if (index >= 0) rotatedOut.splice(index, 1);
      }
      await syncDirectory(options.directory);
    },
  };
}

/** Creates a journal file, and its directory if need be, so that both survive a power cut. */
async function createFile(path: string): Promise<FileHandle> {
  const directory = dirname(path);
  await makeDirectory(directory);
  const handle = await open(path, 'ax');
  try {
    await syncDirectory(directory);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

async function writeAll(handle: FileHandle, data: Buffer): Promise<void> {
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await handle.write(data, written, data.length - written);
    written += bytesWritten;
  }
}
