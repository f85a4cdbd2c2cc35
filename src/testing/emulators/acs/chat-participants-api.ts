/**
 * The chat API's participant operations: list (paged with `maxPageSize` and `skip`), add (users the
 * resource does not know come back in `invalidParticipants`; the thread holds at most 250), and
 * remove (any participant may remove any other, or leave; removing someone not there is a no-op).
 */
import { addParticipantsBody, identifierSchema, readBodyAs } from './acs-bodies.js';
import { acsErrors, type WireAnswer } from './acs-wire.js';
import { nextLink, pageSize, threadOfParticipant, threadPath, type ChatContext } from './chat-access.js';
import { addParticipants, removeParticipant } from './chat-store.js';
import { knownParticipants } from './chat-threads-api.js';
import { participantModel } from './chat-wire-models.js';

/** The service's page size for participants when none is asked for. */
const participantsPageSize = 100;

export function listChatParticipants(context: ChatContext, threadId: string | undefined): WireAnswer {
  const thread = threadOfParticipant(context, threadId);
  const size = pageSize(context, participantsPageSize);
  const skip = Number(context.query.get('skip') ?? 0);
  if (!Number.isInteger(skip) || skip < 0) throw acsErrors.badRequest('skip: must be a whole number');
  const all = [...thread.participants.values()];
  const value = all.slice(skip, skip + size).map(participantModel);
  const more = skip + size < all.length;
  return { status: 200, body: { value, ...(more ? { nextLink: nextLink(context, `${threadPath(thread.id)}/participants`, { skip: String(skip + size), maxPageSize: String(size) }) } : {}) } };
}

export function addChatParticipants(context: ChatContext, threadId: string | undefined, body: unknown): WireAnswer {
  const thread = threadOfParticipant(context, threadId);
  const request = readBodyAs(addParticipantsBody, body);
  const { valid, invalid } = knownParticipants(context, request.participants);
  const joining = valid.filter((participant) => !thread.participants.has(participant.id)).length;
  if (thread.participants.size + joining > context.limits.participantsPerThread) throw acsErrors.badRequest(`participants: a thread holds at most ${context.limits.participantsPerThread}`);
  if (valid.length) addParticipants(context.store, thread, context.caller, valid);
  return { status: 201, body: invalid.length ? { invalidParticipants: invalid } : {} };
}

export function removeChatParticipant(context: ChatContext, threadId: string | undefined, body: unknown): WireAnswer {
  const thread = threadOfParticipant(context, threadId);
  const participantId = readBodyAs(identifierSchema, body);
  removeParticipant(context.store, thread, context.caller, participantId);
  return { status: 204 };
}
