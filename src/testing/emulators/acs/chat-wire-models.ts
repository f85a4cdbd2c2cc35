/**
 * The chat API's JSON shapes of threads, participants and messages, as the service writes them: an
 * identifier is `{rawId, communicationUser: {id}}`, times are ISO 8601 in UTC, a system message has
 * no sender and names its initiator in `content.initiatorCommunicationIdentifier`.
 */
import type { ChatMessageRecord, ChatParticipantRecord, ChatThreadRecord } from './chat-store.js';

/** An ACS user's CommunicationIdentifierModel. */
export function identifierModel(rawId: string): { rawId: string; communicationUser: { id: string } } {
  return { rawId, communicationUser: { id: rawId } };
}

const iso = (epochMs: number) => new Date(epochMs).toISOString();

export function threadModel(thread: ChatThreadRecord) {
  return {
    id: thread.id,
    topic: thread.topic,
    createdOn: iso(thread.createdOn),
    createdByCommunicationIdentifier: identifierModel(thread.createdBy),
    ...(thread.metadata ? { metadata: thread.metadata } : {}),
    ...(thread.deletedOn === undefined ? {} : { deletedOn: iso(thread.deletedOn) }),
  };
}

export function participantModel(participant: ChatParticipantRecord) {
  return {
    communicationIdentifier: identifierModel(participant.id),
    ...(participant.displayName === undefined ? {} : { displayName: participant.displayName }),
    ...(participant.shareHistoryTime === undefined ? {} : { shareHistoryTime: iso(participant.shareHistoryTime) }),
    ...(participant.metadata ? { metadata: participant.metadata } : {}),
  };
}

export function messageModel(message: ChatMessageRecord) {
  const content = {
    ...(message.message === undefined ? {} : { message: message.message }),
    ...(message.topic === undefined ? {} : { topic: message.topic }),
    ...(message.participants ? { participants: message.participants.map(participantModel) } : {}),
    ...(message.initiatorId === undefined ? {} : { initiatorCommunicationIdentifier: identifierModel(message.initiatorId) }),
  };
  return {
    id: message.id,
    type: message.type,
    sequenceId: String(message.sequenceId),
    version: message.id,
    content,
    ...(message.senderDisplayName === undefined ? {} : { senderDisplayName: message.senderDisplayName }),
    createdOn: iso(message.createdOn),
    ...(message.senderId === undefined ? {} : { senderCommunicationIdentifier: identifierModel(message.senderId) }),
    ...(message.metadata ? { metadata: message.metadata } : {}),
  };
}
