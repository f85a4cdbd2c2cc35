/**
 * A chat's items as the participant service carries them: messages and events, with the content types
 * amazon-connect-chatjs (the reference client) knows them by. GetTranscript answers them as they are;
 * the WebSocket adds the contact's ids (`InitialContactId`, `ContactId`).
 */
import { randomUUID } from 'node:crypto';

export const chatEventType = {
  participantJoined: 'application/vnd.amazonaws.connect.event.participant.joined',
  participantLeft: 'application/vnd.amazonaws.connect.event.participant.left',
  chatEnded: 'application/vnd.amazonaws.connect.event.chat.ended',
  typing: 'application/vnd.amazonaws.connect.event.typing',
  connectionAcknowledged: 'application/vnd.amazonaws.connect.event.connection.acknowledged',
  messageDelivered: 'application/vnd.amazonaws.connect.event.message.delivered',
  messageRead: 'application/vnd.amazonaws.connect.event.message.read',
} as const;

/** What SendMessage and StartChatContact's InitialMessage take. */
export const messageContentTypes: readonly string[] = ['text/plain', 'text/markdown', 'application/json', 'application/vnd.amazonaws.connect.message.interactive.response'];
/** What a contact's SupportedMessagingContentTypes may list. */
export const supportableContentTypes: readonly string[] = [...messageContentTypes, 'application/vnd.amazonaws.connect.message.interactive'];
/** What SendEvent takes. */
export const eventContentTypes: readonly string[] = [chatEventType.typing, chatEventType.connectionAcknowledged, chatEventType.messageDelivered, chatEventType.messageRead];

export type ParticipantRole = 'AGENT' | 'CUSTOMER' | 'SYSTEM';

/** One transcript item. `chat.ended` has no participant: the chat, not a person, ended. */
export interface ChatItem {
  /** ISO 8601 with milliseconds, `2026-03-04T09:00:00.000Z`. */
  AbsoluteTime: string;
  Content?: string;
  ContentType: string;
  Id: string;
  Type: 'MESSAGE' | 'EVENT';
  ParticipantId?: string;
  DisplayName?: string;
  ParticipantRole?: ParticipantRole;
}

export interface ChatAuthor {
  participantId: string;
  displayName: string;
  role: ParticipantRole;
}

export function chatMessage(author: ChatAuthor, contentType: string, content: string, at: number): ChatItem {
  return { AbsoluteTime: new Date(at).toISOString(), Content: content, ContentType: contentType, Id: randomUUID(), Type: 'MESSAGE', ...authorFields(author) };
}

/** An event; `author` is absent for `chat.ended`, and `content` present for receipts. */
export function chatEvent(contentType: string, at: number, author?: ChatAuthor, content?: string): ChatItem {
  return {
    AbsoluteTime: new Date(at).toISOString(),
    ...(content === undefined ? {} : { Content: content }),
    ContentType: contentType,
    Id: randomUUID(),
    Type: 'EVENT',
    ...(author ? authorFields(author) : {}),
  };
}

function authorFields(author: ChatAuthor): Pick<ChatItem, 'ParticipantId' | 'DisplayName' | 'ParticipantRole'> {
  return { ParticipantId: author.participantId, DisplayName: author.displayName, ParticipantRole: author.role };
}
