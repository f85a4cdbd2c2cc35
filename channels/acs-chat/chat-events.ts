/**
 * The ACS chat events the channel reads, from Event Grid: a message in a thread
 * (`ChatMessageReceivedInThread`, one per message; or `ChatMessageReceived`, one per recipient) and
 * a participant leaving a thread. Only the fields the channel uses are checked; others are ignored.
 */
import * as z from 'zod';
import { ChannelPayloadError } from '../../src/core/errors.js';
import { textOfHtml } from '../../src/handoff/azure-acs/chat-text.js';

export const chatEventTypes = {
  messageInThread: 'Microsoft.Communication.ChatMessageReceivedInThread',
  messageToUser: 'Microsoft.Communication.ChatMessageReceived',
  participantRemoved: 'Microsoft.Communication.ChatThreadParticipantRemoved',
} as const;

const identifier = z.object({ rawId: z.string().min(1).max(512) });

const chatMessageData = z.object({
  messageId: z.string().min(1).max(100),
  messageBody: z.string().max(64 * 1024).default(''),
  type: z.string().max(40).default('Text'),
  threadId: z.string().min(1).max(512),
  senderCommunicationIdentifier: identifier,
  senderDisplayName: z.string().max(256).optional(),
  recipientCommunicationIdentifier: identifier.optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});

const participantRemovedData = z.object({
  threadId: z.string().min(1).max(512),
  participantRemoved: z.object({ communicationIdentifier: identifier }),
});

/** A chat message as the channel takes it. */
export interface ChatMessageEvent {
  messageId: string;
  threadId: string;
  senderId: string;
  /** The ACS user the per-recipient event was for (`ChatMessageReceived` only). */
  recipientId?: string;
  /** Plain text (an HTML message's tags removed). */
  text: string;
  metadata: Record<string, string>;
}

export function readChatMessage(data: unknown): ChatMessageEvent {
  const parsed = chatMessageData.safeParse(data);
  if (!parsed.success) throw new ChannelPayloadError('acs-chat', `a chat message event needs ${[...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))].join(', ')}`);
  const { messageId, messageBody, type, threadId, senderCommunicationIdentifier, recipientCommunicationIdentifier, metadata } = parsed.data;
  return {
    messageId,
    threadId,
    senderId: senderCommunicationIdentifier.rawId,
    ...(recipientCommunicationIdentifier ? { recipientId: recipientCommunicationIdentifier.rawId } : {}),
    text: type.toLowerCase() === 'html' ? textOfHtml(messageBody) : messageBody,
    metadata: metadata ?? {},
  };
}

export function readParticipantRemoved(data: unknown): { threadId: string; participantId: string } {
  const parsed = participantRemovedData.safeParse(data);
  if (!parsed.success) throw new ChannelPayloadError('acs-chat', 'a participant-removed event needs threadId and participantRemoved.communicationIdentifier.rawId');
  return { threadId: parsed.data.threadId, participantId: parsed.data.participantRemoved.communicationIdentifier.rawId };
}
