/**
 * Expiry for the file store: conversations whose file has not been written for the store's TTL are
 * deleted by a sweep, as DynamoDB's TTL deletes items. A file's modification time is its last write
 * (the owner writes a conversation's file at the checkpoint after each change, within seconds), so
 * no index is kept: a sweep lists the directory and looks at each file's time.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isSafeId } from '../core/ids.js';
import { settleEach } from './conversation-files.js';
import { errorCode } from './fs-error-code.js';

/** The end of a damaged file's name, `~<4 hex>.json`, after `<id>.corrupt-<stamp>` (quarantineFile). */
const quarantinedEnd = /~[0-9a-f]{4}\.json$/;

/** How often a sweep runs, at most: a conversation outlives its TTL by up to this much. */
export const maxSweepEveryMs = 60 * 60_000;

/** What a sweep found past the cutoff. */
export interface ExpiredFiles {
  /** Conversations whose file was last written before the cutoff. */
  conversations: string[];
  /** Damaged copies kept aside (file names) that old. */
  quarantined: string[];
}

/** The conversations (and damaged copies) in `directory` last written before `cutoffMs`. */
export async function findExpiredFiles(directory: string, cutoffMs: number): Promise<ExpiredFiles> {
  const found: ExpiredFiles = { conversations: [], quarantined: [] };
  const names = (await readdir(directory)).filter((name) => quarantinedIdOf(name) !== undefined || conversationIdOf(name) !== undefined);
  await settleEach(names, 16, async (name) => {
    if ((await writtenAt(join(directory, name))) >= cutoffMs) return;
    const conversationId = conversationIdOf(name);
    if (conversationId === undefined) found.quarantined.push(name);
    else found.conversations.push(conversationId);
  });
  return found;
}

/** When the file was last written, in epoch milliseconds; Infinity when it is gone (nothing to expire). */
export async function writtenAt(file: string): Promise<number> {
  try {
    return (await stat(file)).mtimeMs;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return Infinity;
    throw error;
  }
}

/** The damaged copies kept aside for one conversation: erasing it removes them too. */
export async function quarantinedCopies(directory: string, conversationId: string): Promise<string[]> {
  return (await readdir(directory)).filter((name) => quarantinedIdOf(name) === conversationId);
}

/** Removes files by name; tries every one, then throws the first failure. */
export async function removeFiles(directory: string, names: readonly string[]): Promise<void> {
  throwFirstFailure(await settleEach(names, 8, (name) => rm(join(directory, name), { force: true })));
}

export function throwFirstFailure(results: readonly PromiseSettledResult<void>[]): void {
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The conversation whose own file this is (`<id>.json`); '~' is in no id, only in damaged copies' names. */
function conversationIdOf(name: string): string | undefined {
  if (!name.endsWith('.json') || name.includes('~')) return undefined;
  const id = name.slice(0, -'.json'.length);
  return isSafeId(id) ? id : undefined;
}

/** The conversation a damaged copy (`<id>.corrupt-<stamp>~<4 hex>.json`) was kept aside from. */
function quarantinedIdOf(name: string): string | undefined {
  const marker = name.lastIndexOf('.corrupt-');
  if (marker <= 0 || !quarantinedEnd.test(name)) return undefined;
  const id = name.slice(0, marker);
  return isSafeId(id) ? id : undefined;
}
