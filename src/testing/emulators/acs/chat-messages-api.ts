/**
 * The chat API's message operations: send (text or html, with metadata; content up to the size
 * limit, and the thread's send-rate limits, answered 429 with Retry-After), list (newest first, from
 * `startTime`, in pages of `maxPageSize` followed through `nextLink`), get one, typing notifications
 * and read receipts.
 */
import { readBodyAs, readReceiptBody, sendMessageBody, typingBody } from './acs-bodies.js';
import { acsErrors, byteLength, type WireAnswer } from './acs-wire.js';
import { nextLink, pageSize, threadOfParticipant, threadPath, type ChatContext } from './chat-access.js';
import { takeSendSlot } from './chat-limits.js';
import { addMessage, announce } from './chat-store.js';
import { identifierModel, messageModel } from './chat-wire-models.js';

export function sendChatMessage(context: ChatContext, threadId: string | undefined, body: unknown): WireAnswer {
  const thread = threadOfParticipant(context, threadId);
  const request = readBodyAs(sendMessageBody, body);
  const size = byteLength(request.content);
  if (size === 0) throw acsErrors.badRequest('content: must not be empty');
  if (size > context.limits.messageBytes) throw acsErrors.badRequest(`content: the message is ${size} bytes; the limit is ${context.limits.messageBytes}`);
  takeSendSlot(thread.sendTimes, context.limits.sendRate, context.store.now());
  const displayName = request.senderDisplayName ?? thread.participants.get(context.caller)?.displayName;
  const message = addMessage(context.store, thread, {
    type: request.type ?? 'text',
    senderId: context.caller,
    ...(displayName === undefined ? {} : { senderDisplayName: displayName }),
    message: request.content,
    ...(request.metadata ? { metadata: request.metadata } : {}),
  });
  return { status: 201, body: { id: message.id }, headers: { location: `${context.origin}${threadPath(thread.id)}/messages/${message.id}` } };
}

/** Newest first; `before` (a sequence id, in next-page links only) continues a listing. */
export function listChatMessages(context: ChatContext, threadId: string | undefined): WireAnswer {
  const thread = threadOfParticipant(context, threadId);
  const size = pageSize(context, context.limits.messagesPageSize);
  const startTime = context.query.get('startTime');
  const from = startTime === null ? Number.NEGATIVE_INFINITY : Date.parse(startTime);
  if (Number.isNaN(from)) throw acsErrors.badRequest('startTime: must be a date and time');
  const before = Number(context.query.get('before') ?? Number.POSITIVE_INFINITY);
  const matching = thread.messages.filter((message) => message.createdOn >= from && message.sequenceId < before).reverse();
  const page = matching.slice(0, size);
  const last = page.at(-1);
  const query = { ...(startTime === null ? {} : { startTime }), maxPageSize: String(size), before: String(last?.sequenceId ?? 0) };
  return {
    status: 200,
    body: { value: page.map(messageModel), ...(matching.length > size ? { nextLink: nextLink(context, `${threadPath(thread.id)}/messages`, query) } : {}) },
  };
}

export function getChatMessage(context: ChatContext, threadId: string | undefined, messageId: string | undefined): WireAnswer {
  const thread = threadOfParticipant(context, threadId);
  const message = thread.messages.find((candidate) => candidate.id === messageId);
  if (!message) throw acsErrors.notFound('The chat message');
  return { status: 200, body: messageModel(message) };
}

/** Typing is not kept: listeners hear it, and the answer is an empty 200. */
export function sendTypingNotification(context: ChatContext, threadId: string | undefined, body: unknown): WireAnswer {
  const thread = threadOfParticipant(context, threadId);
  const request = readBodyAs(typingBody, body ?? {});
  const senderDisplayName = request.senderDisplayName ?? thread.participants.get(context.caller)?.displayName;
  announce(context.store, { kind: 'typing', thread, senderId: context.caller, ...(senderDisplayName === undefined ? {} : { senderDisplayName }), at: context.store.now() });
  return { status: 200 };
}

export function sendChatReadReceipt(context: ChatContext, threadId: string | undefined, body: unknown): WireAnswer {
  const thread = threadOfParticipant(context, threadId);
  const { chatMessageId } = readBodyAs(readReceiptBody, body);
  if (!thread.messages.some((message) => message.id === chatMessageId)) throw acsErrors.notFound('The chat message');
  thread.readReceipts.set(context.caller, { messageId: chatMessageId, readOn: context.store.now() });
  return { status: 200 };
}

export function listChatReadReceipts(context: ChatContext, threadId: string | undefined): WireAnswer {
  const thread = threadOfParticipant(context, threadId);
  const value = [...thread.readReceipts].map(([reader, receipt]) => ({
    senderCommunicationIdentifier: identifierModel(reader),
    chatMessageId: receipt.messageId,
    readOn: new Date(receipt.readOn).toISOString(),
  }));
  return { status: 200, body: { value } };
}
