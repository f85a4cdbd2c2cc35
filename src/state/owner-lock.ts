import { randomBytes } from 'node:crypto';
import { link, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import { createLockFile } from './file-lock.js';
import { errorCode } from './fs-error-code.js';

/** The lock file by which one store instance owns a directory; see `acquireOwnerLock`. */
export interface OwnerLock {
  /** Stops refreshing the lock and deletes it, if it is still this instance's. */
  release(): Promise<void>;
}

/** The owner touches its lock file this often... */
const refreshMs = 5_000;
/** ...so a lock file untouched for this long belongs to an owner that is gone. */
const staleMs = 15_000;

interface Holder {
  pid?: number;
  hostname?: string;
  started?: number;
}

/**
 * Takes `<directory>/.owner.lock`, which says which process owns the directory (pid, host, when that
 * process started), and keeps it fresh with an unref'd timer. Throws a `ConfigurationError` when
 * another live store instance, in this process or another, owns the directory. Takes over a lock
 * left by an owner that is gone: one untouched for 15 s, or one from this host whose process no
 * longer runs (or is an earlier process that had this pid, as in a restarted container).
 */
export async function acquireOwnerLock(directory: string, warn: (message: string) => void): Promise<OwnerLock> {
  const path = join(directory, '.owner.lock');
  const token = JSON.stringify({ pid: process.pid, hostname: hostname(), started: performance.timeOrigin, nonce: randomBytes(6).toString('hex') });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createLockFile(path, token)) return heldLock(path, token, warn);
    const found = await readLock(path);
    if (!found) continue; // released meanwhile
    if (!isGone(found.holder, found.mtimeMs)) throw ownedElsewhere(directory, found.holder);
    await breakLock(path, found.text);
  }
  throw new ConfigurationError('shared', `could not take over ${path} from a process that is gone; another process keeps taking it`);
}

async function readLock(path: string): Promise<{ text: string; holder: Holder; mtimeMs: number } | undefined> {
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
    return {}; // being written, or torn by a crash: only its age tells
  }
  const { pid, hostname: host, started } = parsed;
  return {
    pid: typeof pid === 'number' ? pid : undefined,
    hostname: typeof host === 'string' ? host : undefined,
    started: typeof started === 'number' && Number.isFinite(started) ? started : undefined,
  };
}

function isGone(holder: Holder, mtimeMs: number): boolean {
  if (Date.now() - mtimeMs > staleMs) return true;
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
async function breakLock(path: string, text: string): Promise<void> {
  // Renaming is atomic, so of the processes that find the same dead lock only one moves it aside.
  const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  if ((await readFile(aside, 'utf8')) !== text) await link(aside, path).catch(() => undefined); // a live owner's: give it back
  await rm(aside, { force: true });
}

function ownedElsewhere(directory: string, holder: Holder): ConfigurationError {
  const who = holder.pid === undefined ? 'another process' : `process ${holder.pid} on ${holder.hostname ?? 'an unknown host'}`;
  const since = holder.started === undefined ? '' : ` (started ${new Date(holder.started).toISOString()})`;
  return new ConfigurationError(
    'shared',
    `${directory} is owned by ${who}${since}: by default one process (one store instance) owns a conversation directory. Close the other store first, or set shared: true in every process that uses the directory`,
  );
}

function heldLock(path: string, token: string, warn: (message: string) => void): OwnerLock {
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
        warn(`could not refresh ${path}: ${String(error)}`);
        return;
      }
    }
    if (!lost) warn(`${path} was taken over by another process (this one stalled for over ${staleMs / 1000} s?): two processes may now write the same conversations`);
    lost = true;
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
