/**
 * GetTranscript's paging, as the API reference describes it: a page of MaxResults items (default
 * 10, at most 100) read from StartPosition (an item's Id, an AbsoluteTime, or MostRecent: that many
 * items back from the newest) in ScanDirection (BACKWARD from the newest when there is no start
 * position, FORWARD from one when there is), returned in SortOrder (default DESCENDING), and a
 * NextToken for the page after it.
 */
import type { ChatItem } from './chat-items.js';
import type { ChatContact } from './chat-store.js';
import { checkRequest, participantError } from './connect-wire.js';

interface Cursor {
  /** Index (in time order) of the first item the page reads. */
  from: number;
  direction: 'FORWARD' | 'BACKWARD';
}

const defaultPageSize = 10;
const invalid = (message: string) => participantError('ValidationException', message);

export function readTranscriptPage(contact: ChatContact, body: Record<string, unknown>): { InitialContactId: string; Transcript: ChatItem[]; NextToken?: string } {
  const start = (body.StartPosition ?? undefined) as { Id?: unknown; AbsoluteTime?: unknown; MostRecent?: unknown } | undefined;
  checkRequest((check) => {
    check.text('contactId', body.ContactId, { min: 1, max: 256 });
    check.number('maxResults', body.MaxResults, 0, 100);
    check.text('nextToken', body.NextToken, { min: 1, max: 1000 });
    check.oneOf('scanDirection', body.ScanDirection, ['FORWARD', 'BACKWARD']);
    check.oneOf('sortOrder', body.SortOrder, ['DESCENDING', 'ASCENDING']);
    if (start === undefined) return;
    const given = [start.Id, start.AbsoluteTime, start.MostRecent].filter((value) => value !== undefined).length;
    if (given !== 1) check.problem('StartPosition takes exactly one of Id, AbsoluteTime and MostRecent');
    check.number('startPosition.mostRecent', start.MostRecent, 0, 100);
  }, invalid);
  if (body.ContactId !== undefined && body.ContactId !== contact.contactId) {
    throw participantError('ResourceNotFoundException', `Contact ${String(body.ContactId)} is not in this chat (its contact is ${contact.contactId})`);
  }
  const items = contact.items;
  // 0 reads as the default: a page of nothing would never move on.
  const size = typeof body.MaxResults === 'number' && body.MaxResults > 0 ? body.MaxResults : defaultPageSize;
  const cursor = typeof body.NextToken === 'string' ? readCursor(body.NextToken, contact) : firstCursor(items, start, body.ScanDirection as Cursor['direction'] | undefined);
  const [low, high] = cursor.direction === 'FORWARD' ? [cursor.from, cursor.from + size] : [cursor.from - size + 1, cursor.from + 1];
  const page = items.slice(Math.max(0, low), Math.max(0, high));
  const next: Cursor | undefined =
    cursor.direction === 'FORWARD' ? (high < items.length ? { from: high, direction: 'FORWARD' } : undefined) : low > 0 ? { from: low - 1, direction: 'BACKWARD' } : undefined;
  if ((body.SortOrder ?? 'DESCENDING') === 'DESCENDING') page.reverse();
  return { InitialContactId: contact.contactId, Transcript: page, ...(next ? { NextToken: writeCursor(next, contact) } : {}) };
}

function firstCursor(items: readonly ChatItem[], start: { Id?: unknown; AbsoluteTime?: unknown; MostRecent?: unknown } | undefined, scan: Cursor['direction'] | undefined): Cursor {
  const direction = scan ?? (start ? 'FORWARD' : 'BACKWARD');
  if (!start) return { from: direction === 'FORWARD' ? 0 : items.length - 1, direction };
  if (typeof start.Id === 'string') {
    const from = items.findIndex((item) => item.Id === start.Id);
    if (from < 0) throw participantError('ResourceNotFoundException', `No transcript item has Id ${start.Id}`);
    return { from, direction };
  }
  if (typeof start.AbsoluteTime === 'string') {
    const at = Date.parse(start.AbsoluteTime);
    if (Number.isNaN(at)) throw invalid(`StartPosition.AbsoluteTime must be an ISO 8601 time, not ${start.AbsoluteTime}`);
    if (direction === 'FORWARD') {
      const from = items.findIndex((item) => Date.parse(item.AbsoluteTime) >= at);
      return { from: from < 0 ? items.length : from, direction };
    }
    return { from: items.findLastIndex((item) => Date.parse(item.AbsoluteTime) <= at), direction };
  }
  return { from: Math.max(0, items.length - 1 - (start.MostRecent as number)), direction };
}

/** Opaque to the client; tied to the contact, so another chat's token is refused. */
function writeCursor(cursor: Cursor, contact: ChatContact): string {
  return Buffer.from(JSON.stringify({ contactId: contact.contactId, ...cursor })).toString('base64url');
}

function readCursor(token: string, contact: ChatContact): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor & { contactId?: string };
    if (cursor.contactId === contact.contactId && Number.isInteger(cursor.from) && (cursor.direction === 'FORWARD' || cursor.direction === 'BACKWARD')) {
      return { from: cursor.from, direction: cursor.direction };
    }
  } catch {
    // falls through to the refusal
  }
  throw invalid('NextToken is not one this chat gave');
}
