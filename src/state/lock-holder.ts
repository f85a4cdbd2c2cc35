import { randomBytes } from 'node:crypto';
import { link, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { errorCode } from './fs-error-code.js';

// The lock files that say who uses a store directory (the owner's, the sharers' registrations, the
// opening gate, each shared write's) hold their holder as JSON, so that a process can tell a live
// holder from one that is gone.

/** Who holds a lock file: the process, its host, and when that process started. */
export interface Holder {
  pid?: number;
  hostname?: string;
  started?: number;
}

/** A holder touches its long-lived lock file this often... */
export const refreshMs = 5_000;
/** ...so such a file untouched for this long belongs to a holder that is gone. */
export const staleMs = 15_000;

/** The text of a lock file this store instance creates: this process, and a nonce unique to the file. */
export function holderToken(): string {
  return JSON.stringify({ pid: process.pid, hostname: hostname(), started: performance.timeOrigin, nonce: randomBytes(6).toString('hex') });
}

export interface FoundLock {
  text: string;
  holder: Holder;
  mtimeMs: number;
}

/** The lock file's holder and when it was last touched, or `undefined` when there is no such file. */
export async function readLock(path: string): Promise<FoundLock | undefined> {
  try {
    const [text, { mtimeMs }] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { text, holder: parseHolder(text), mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function parseHolder(text: string): Holder {
  let parsed: Record<string, unknown>;
  try {
    parsed = Object(JSON.parse(text)) as Record<string, unknown>;
  } catch {
    return {}; // being written, torn by a crash, or from an older version: only its age tells
  }
  const { pid, hostname: host, started } = parsed;
  return {
    pid: typeof pid === 'number' ? pid : undefined,
    hostname: typeof host === 'string' ? host : undefined,
    started: typeof started === 'number' && Number.isFinite(started) ? started : undefined,
  };
}

/**
 * True when the holder is gone: its file is untouched for `staleAfterMs`, or it is on this host and
 * its process no longer runs (or is an earlier process that had this pid, as in a restarted container).
 * A holder on another host is judged by the age of its file alone.
 */
export function isGone(found: Pick<FoundLock, 'holder' | 'mtimeMs'>, staleAfterMs = staleMs): boolean {
  const { holder } = found;
  if (Date.now() - found.mtimeMs > staleAfterMs) return true;
  if (holder.hostname !== hostname() || holder.pid === undefined) return false;
  if (holder.pid === process.pid) return holder.started !== performance.timeOrigin;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return errorCode(error) === 'ESRCH';
  }
}

/** Deletes the lock file if it still holds `text`: another process may have broken it and taken it first. */
export async function breakLock(path: string, text: string): Promise<void> {
  // Renaming is atomic, so of the processes that find the same dead lock only one moves it aside.
  const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  if ((await readFile(aside, 'utf8')) !== text) await link(aside, path).catch(() => undefined); // a live holder's: give it back
  await rm(aside, { force: true });
}

/** "process 12 on host-a (started 2030-01-01T00:00:00.000Z)", for messages. */
export function describeHolder(holder: Holder): string {
  const who = holder.pid === undefined ? 'another process' : `process ${holder.pid} on ${holder.hostname ?? 'an unknown host'}`;
  return holder.started === undefined ? who : `${who} (started ${new Date(holder.started).toISOString()})`;
}

/** A long-lived lock file this instance created and keeps fresh; see `keepFresh`. */
export interface FreshLock {
  /** Stops refreshing the lock and deletes it, if it is still this instance's. */
  release(): Promise<void>;
}

/**
 * Touches the lock file at `path` every `refreshMs` (an unref'd timer) while it still holds `token`.
 * When it no longer does (another process judged this one gone and broke it), calls `onLost` once.
 */
export function keepFresh(path: string, token: string, events: { onLost: () => void; warn: (message: string) => void }): FreshLock {
  let lost = false;
  async function refresh(): Promise<void> {
    try {
      if ((await readFile(path, 'utf8')) === token) {
        const now = new Date();
        await utimes(path, now, now);
        return;
      }
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') {
        events.warn(`could not refresh ${path}: ${String(error)}`);
        return;
      }
    }
    if (lost) return;
    lost = true;
    clearInterval(timer);
    events.onLost();
  }
  const timer = setInterval(() => void refresh(), refreshMs);
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      try {
        if ((await readFile(path, 'utf8')) === token) await rm(path, { force: true });
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
    },
  };
}
