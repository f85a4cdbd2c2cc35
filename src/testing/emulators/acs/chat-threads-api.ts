/**
 * The chat API's thread operations: create (a repeated `repeatability-request-id` gets the first
 * answer again; the creator joins even when not listed; users the resource does not know are
 * answered in `invalidParticipants`), get, update the topic, delete, and list the caller's threads.
 */
import { createThreadBody, readBodyAs, updateThreadBody, type ParticipantBody } from './acs-bodies.js';
import { acsErrors, type WireAnswer } from './acs-wire.js';
import { pageSize, threadOfParticipant, threadPath, type ChatContext } from './chat-access.js';
import { createThread, deleteThread, updateTopic, type ChatParticipantRecord } from './chat-store.js';
import { threadModel } from './chat-wire-models.js';

export function createChatThread(context: ChatContext, body: unknown): WireAnswer {
  const request = readBodyAs(createThreadBody, body);
  const repeatability = header(context, 'repeatability-request-id');
  const key = repeatability === undefined ? undefined : `${context.caller}\n${repeatability}`;
  const earlier = key === undefined ? undefined : context.store.createdWith.get(key);
  if (earlier) return createdAnswer(context, earlier.id, { chatThread: threadModel(earlier) });

  const { valid, invalid } = knownParticipants(context, request.participants ?? []);
  if (new Set([context.caller, ...valid.map((participant) => participant.id)]).size > context.limits.participantsPerThread) throw acsErrors.badRequest(`participants: a thread holds at most ${context.limits.participantsPerThread}`);
  const thread = createThread(context.store, context.caller, request.topic, valid, request.metadata);
  if (key !== undefined) context.store.createdWith.set(key, thread);
  return createdAnswer(context, thread.id, { chatThread: threadModel(thread), ...(invalid.length ? { invalidParticipants: invalid } : {}) });
}

export function getChatThreadProperties(context: ChatContext, threadId: string | undefined): WireAnswer {
  return { status: 200, body: threadModel(threadOfParticipant(context, threadId)) };
}

export function updateChatThreadProperties(context: ChatContext, threadId: string | undefined, body: unknown): WireAnswer {
  const thread = threadOfParticipant(context, threadId);
  const request = readBodyAs(updateThreadBody, body);
  if (request.metadata) thread.metadata = { ...thread.metadata, ...request.metadata };
  if (request.topic !== undefined && request.topic !== thread.topic) updateTopic(context.store, thread, context.caller, request.topic);
  return { status: 204 };
}

/** Deleting a thread that is already gone succeeds, as a repeated DELETE does. */
export function deleteChatThread(context: ChatContext, threadId: string | undefined): WireAnswer {
  if (threadId === undefined || !context.store.threads.has(threadId)) return { status: 204 };
  deleteThread(context.store, threadOfParticipant(context, threadId), context.caller);
  return { status: 204 };
}

/** The caller's threads, the latest active first, in one page of at most `maxPageSize`. */
export function listChatThreads(context: ChatContext): WireAnswer {
  const since = context.query.get('startTime');
  const after = since === null ? Number.NEGATIVE_INFINITY : Date.parse(since);
  const lastActive = (messages: readonly { createdOn: number }[], createdOn: number) => messages.at(-1)?.createdOn ?? createdOn;
  const threads = [...context.store.threads.values()]
    .filter((thread) => thread.participants.has(context.caller) && lastActive(thread.messages, thread.createdOn) >= after)
    .sort((a, b) => lastActive(b.messages, b.createdOn) - lastActive(a.messages, a.createdOn));
  const most = pageSize(context, Math.max(threads.length, 1));
  const value = threads.slice(0, most).map((thread) => ({ id: thread.id, topic: thread.topic, lastMessageReceivedOn: new Date(lastActive(thread.messages, thread.createdOn)).toISOString() }));
  return { status: 200, body: { value } };
}

/** Splits listed participants into ACS users the resource has and those it answers as not found. */
export function knownParticipants(context: ChatContext, participants: readonly ParticipantBody[]): { valid: ChatParticipantRecord[]; invalid: Array<{ target: string; code: string; message: string }> } {
  if (participants.length > context.limits.participantsPerRequest) throw acsErrors.badRequest(`participants: at most ${context.limits.participantsPerRequest} in one request`);
  const valid: ChatParticipantRecord[] = [];
  const invalid: Array<{ target: string; code: string; message: string }> = [];
  for (const participant of participants) {
    const id = participant.communicationIdentifier;
    if (!context.identity.users.has(id)) {
      invalid.push({ target: id, code: '404', message: 'Not found' });
      continue;
    }
    valid.push({
      id,
      ...(participant.displayName === undefined ? {} : { displayName: participant.displayName }),
      ...(participant.shareHistoryTime === undefined ? {} : { shareHistoryTime: Date.parse(participant.shareHistoryTime) }),
      ...(participant.metadata ? { metadata: participant.metadata } : {}),
    });
  }
  return { valid, invalid };
}

function createdAnswer(context: ChatContext, threadId: string, body: unknown): WireAnswer {
  return { status: 201, body, headers: { location: `${context.origin}${threadPath(threadId)}` } };
}

function header(context: ChatContext, name: string): string | undefined {
  const value = context.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
