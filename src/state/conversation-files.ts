import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StateCorruptError } from '../core/errors.js';
import type { StoredConversation } from './conversation-store.js';
import { errorCode } from './fs-error-code.js';

// Helpers for the `<id>.json` files both file store modes keep, one per conversation.

export function conversationFile(directory: string, conversationId: string): string {
  return join(directory, `${conversationId}.json`);
}

/** What a conversation file holds: `{"version":N,"state":...}` and a newline. */
export function conversationFileText(version: number, json: string): string {
  return `{"version":${version},"state":${json}}\n`;
}

/** The conversation in its file, or `undefined` when there is no file. Throws `StateCorruptError` for a damaged file. */
export async function readConversationFile(directory: string, conversationId: string): Promise<StoredConversation | undefined> {
  const file = conversationFile(directory, conversationId);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  return parseConversationFile(conversationId, file, text);
}

/** Writes `text` to a temp file beside `file`, flushes it, and renames it over `file` (atomic on POSIX). */
export async function replaceFile(file: string, text: string, beforeRename: () => Promise<void> = async () => undefined): Promise<void> {
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

/**
 * Makes the creations, renames and deletions of entries in `directory` survive a power cut. Windows
 * cannot open a directory for this (NTFS orders its metadata itself), so there it does nothing.
 */
export async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Creates `directory` and any missing parents, so that they survive a power cut. */
export async function makeDirectory(directory: string): Promise<void> {
  const first = await mkdir(directory, { recursive: true });
  if (first === undefined) return; // it was there
  // Each new directory's entry is in its parent: sync from the first one's parent down to ours.
  for (let parent = dirname(directory); ; parent = dirname(parent)) {
    await syncDirectory(parent);
    if (parent === dirname(first) || parent === dirname(parent)) return;
  }
}

/**
 * Moves a conversation's file aside to `<id>.corrupt-<timestamp>.json` if it is damaged. Returns the
 * new path, or `undefined` when there is no file or it reads fine.
 */
export async function quarantineFile(directory: string, conversationId: string): Promise<string | undefined> {
  try {
    await readConversationFile(directory, conversationId);
    return undefined;
  } catch (error) {
    if (!(error instanceof StateCorruptError)) throw error;
  }
  const target = join(directory, `${conversationId}.corrupt-${quarantineStamp()}.json`);
  await rename(conversationFile(directory, conversationId), target);
  return target;
}

/**
 * A time stamp for the name of damaged data kept aside. '~' cannot appear in a conversation id, so
 * no conversation's own file can ever have such a name; the random part keeps two in the same
 * millisecond apart.
 */
export function quarantineStamp(): string {
  return `${new Date().toISOString().replace(/[:.]/g, '-')}~${randomBytes(2).toString('hex')}`;
}

/** Runs `task` on every item, at most `limit` at a time, and reports how each went. */
export async function settleEach<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<PromiseSettledResult<void>[]> {
  const results: PromiseSettledResult<void>[] = new Array(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      try {
        await task(items[index]!);
        results[index] = { status: 'fulfilled', value: undefined };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
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
