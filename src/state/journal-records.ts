import { crc32 } from 'node:zlib';
import { isSafeId } from '../core/ids.js';

/** A conversation's state as JSON text, with its version. */
export interface ConversationEntry {
  version: number;
  json: string;
}

/** What one journal line says about a conversation: its new state, or that it was deleted. */
export type JournalRecord = { conversationId: string } & (ConversationEntry | { deleted: true });

/**
 * One journal line: `<crc32 of the payload, 8 hex digits> <payload>\n`, the payload being
 * `{"id":...,"version":N,"state":...}` or `{"id":...,"deleted":true}`. JSON text never holds a raw
 * newline, so a line is a record; the checksum finds a line that was torn or damaged.
 */
export function encodeRecord(conversationId: string, change: ConversationEntry | 'deleted'): string {
  const id = JSON.stringify(conversationId);
  const payload = change === 'deleted' ? `{"id":${id},"deleted":true}` : `{"id":${id},"version":${change.version},"state":${change.json}}`;
  return `${checksum(payload)} ${payload}\n`;
}

/** The record on one line (without its newline), or `undefined` when the line is damaged. */
export function decodeRecord(line: string): JournalRecord | undefined {
  const payload = line.slice(9);
  if (line[8] !== ' ' || line.slice(0, 8) !== checksum(payload)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !('id' in parsed)) return undefined;
  const { id } = parsed;
  // An id that is not safe could name a file outside the directory: never trust it.
  if (typeof id !== 'string' || !isSafeId(id)) return undefined;
  if ('deleted' in parsed && parsed.deleted === true) return { conversationId: id, deleted: true };
  if (!('version' in parsed) || !('state' in parsed)) return undefined;
  const { version, state } = parsed;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) return undefined;
  return { conversationId: id, version, json: JSON.stringify(state) };
}

function checksum(payload: string): string {
  return crc32(payload).toString(16).padStart(8, '0');
}
