/**
 * What every chat operation shares: the caller (the user whose bearer token was honoured), the
 * thread it names, which the caller must be in (a thread that does not exist is 404; one the caller
 * is not in is 403, as the service answers), and the links to the next page of a list.
 */
import type { AcsChatLimits } from './chat-limits.js';
import type { ChatStore, ChatThreadRecord } from './chat-store.js';
import { acsErrors } from './acs-wire.js';
import type { IdentityStore } from './identity-store.js';

export interface ChatContext {
  store: ChatStore;
  identity: IdentityStore;
  limits: AcsChatLimits;
  /** The caller's ACS user id. */
  caller: string;
  /** `https://127.0.0.1:PORT`: the origin of Location headers and next-page links. */
  origin: string;
  apiVersion: string;
  headers: Record<string, string | string[] | undefined>;
  query: URLSearchParams;
}

/** The thread, when the caller is one of its participants. */
export function threadOfParticipant(context: ChatContext, threadId: string | undefined): ChatThreadRecord {
  const thread = threadId === undefined ? undefined : context.store.threads.get(threadId);
  if (!thread) throw acsErrors.notFound('The chat thread');
  if (!thread.participants.has(context.caller)) throw acsErrors.forbidden();
  return thread;
}

/** The `maxPageSize` asked for, within 1 and `most` (default `most`). */
export function pageSize(context: ChatContext, most: number): number {
  const written = context.query.get('maxPageSize');
  if (written === null) return most;
  const size = Number(written);
  if (!Number.isInteger(size) || size < 1) throw acsErrors.badRequest('maxPageSize: must be a positive whole number');
  return Math.min(size, most);
}

/** A next-page link: the same list, with these query parameters, under the same api-version. */
export function nextLink(context: ChatContext, path: string, query: Record<string, string>): string {
  const url = new URL(path, context.origin);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  url.searchParams.set('api-version', context.apiVersion);
  return url.toString();
}

/** A thread's path, its id percent-encoded as the service's links have it. */
export const threadPath = (threadId: string) => `/chat/threads/${encodeURIComponent(threadId)}`;
