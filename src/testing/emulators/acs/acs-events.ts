/**
 * The Event Grid events an ACS resource publishes, shaped as Azure's published examples of them:
 * the thread-level chat events (`ChatThreadCreated`, `ChatMessageReceivedInThread`,
 * `ChatThreadParticipantAdded`, `ChatThreadParticipantRemoved`, `ChatThreadDeleted`) and
 * `SMSReceived`. SMSReceived's data keys are PascalCase (`MessageId`, `From`, `To`, `Message`,
 * `ReceivedTimestamp`, `SegmentCount`), as Azure's examples show and as deliveries have been
 * reported to carry, though its schema names them camelCase; `smsDataKeys: 'camelCase'` sends the
 * other. Each event is written once, then put in either delivery schema.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ChatChange, ChatParticipantRecord, ChatThreadRecord } from './chat-store.js';
import { identifierModel } from './chat-wire-models.js';

/** The event types the emulator publishes. */
export const acsEventType = {
  chatThreadCreated: 'Microsoft.Communication.ChatThreadCreated',
  chatMessageReceivedInThread: 'Microsoft.Communication.ChatMessageReceivedInThread',
  chatThreadParticipantAdded: 'Microsoft.Communication.ChatThreadParticipantAdded',
  chatThreadParticipantRemoved: 'Microsoft.Communication.ChatThreadParticipantRemoved',
  chatThreadDeleted: 'Microsoft.Communication.ChatThreadDeleted',
  smsReceived: 'Microsoft.Communication.SMSReceived',
} as const;

/** One event, in neither schema yet. Holds customer text: test use only. */
export interface AcsEvent {
  id: string;
  type: string;
  subject: string;
  /** ISO 8601, UTC. */
  time: string;
  data: Record<string, unknown>;
  dataVersion: string;
}

export type EventSchema = 'EventGrid' | 'CloudEvents';

/** The event as delivered under a subscription's schema; `topic` is the resource's id. */
export function inSchema(event: AcsEvent, schema: EventSchema, topic: string): Record<string, unknown> {
  if (schema === 'CloudEvents') return { id: event.id, source: topic, subject: event.subject, type: event.type, time: event.time, data: event.data, specversion: '1.0' };
  return { id: event.id, topic, subject: event.subject, data: event.data, eventType: event.type, dataVersion: event.dataVersion, metadataVersion: '1', eventTime: event.time };
}

const iso = (epochMs: number) => new Date(epochMs).toISOString();
const transactionId = () => `${randomBytes(16).toString('base64').slice(0, 22)}.1.1.1.1.${randomBytes(4).readUInt32BE() >>> 1}.1`;
const event = (type: string, subject: string, at: number, data: Record<string, unknown>): AcsEvent => ({ id: randomUUID(), type, subject, time: iso(at), data, dataVersion: '1.0' });

function participantData(participant: ChatParticipantRecord) {
  return {
    ...(participant.displayName === undefined ? {} : { displayName: participant.displayName }),
    participantCommunicationIdentifier: identifierModel(participant.id),
    metadata: participant.metadata ?? {},
  };
}

const threadBase = (thread: ChatThreadRecord, version: number) => ({ createTime: iso(thread.createdOn), version, threadId: thread.id, transactionId: transactionId() });

/** The event a chat change publishes, if any (system messages and typing publish none here). */
export function chatEvent(change: ChatChange): AcsEvent | undefined {
  const { thread } = change;
  switch (change.kind) {
    case 'thread-created':
      return event(acsEventType.chatThreadCreated, `thread/${thread.id}/createdBy/${thread.createdBy}`, thread.createdOn, {
        createdByCommunicationIdentifier: identifierModel(thread.createdBy),
        properties: { topic: thread.topic },
        participants: [...thread.participants.values()].map(participantData),
        metadata: thread.metadata ?? {},
        ...threadBase(thread, thread.createdOn),
      });
    case 'message': {
      const { message } = change;
      if ((message.type !== 'text' && message.type !== 'html') || message.senderId === undefined) return undefined;
      return event(acsEventType.chatMessageReceivedInThread, `thread/${thread.id}/sender/${message.senderId}`, message.createdOn, {
        messageBody: message.message ?? '',
        messageId: message.id,
        metadata: message.metadata ?? {},
        type: message.type === 'html' ? 'Html' : 'Text',
        version: message.id,
        ...(message.senderDisplayName === undefined ? {} : { senderDisplayName: message.senderDisplayName }),
        senderCommunicationIdentifier: identifierModel(message.senderId),
        composeTime: iso(message.createdOn),
        threadId: thread.id,
        transactionId: transactionId(),
      });
    }
    case 'participant-added':
      return event(acsEventType.chatThreadParticipantAdded, `thread/${thread.id}/participantadded/${change.participant.id}`, change.at, {
        time: iso(change.at),
        addedByCommunicationIdentifier: identifierModel(change.by),
        participantAdded: participantData(change.participant),
        ...threadBase(thread, change.at),
      });
    case 'participant-removed':
      return event(acsEventType.chatThreadParticipantRemoved, `thread/${thread.id}/participantremoved/${change.participant.id}`, change.at, {
        time: iso(change.at),
        removedByCommunicationIdentifier: identifierModel(change.by),
        participantRemoved: participantData(change.participant),
        ...threadBase(thread, change.at),
      });
    case 'thread-deleted':
      return event(acsEventType.chatThreadDeleted, `thread/${thread.id}/deletedBy/${change.by}`, thread.deletedOn ?? thread.createdOn, {
        deletedByCommunicationIdentifier: identifierModel(change.by),
        deleteTime: iso(thread.deletedOn ?? thread.createdOn),
        ...threadBase(thread, thread.deletedOn ?? thread.createdOn),
      });
    case 'typing':
      return undefined;
  }
}

/** An SMS a phone sent to one of the resource's numbers. */
export function smsReceivedEvent(sms: { messageId: string; from: string; to: string; message: string; segmentCount: number; receivedAt: number }, keys: 'PascalCase' | 'camelCase'): AcsEvent {
  const data = { MessageId: sms.messageId, From: sms.from, To: sms.to, Message: sms.message, ReceivedTimestamp: iso(sms.receivedAt), SegmentCount: sms.segmentCount };
  const written = keys === 'PascalCase' ? data : Object.fromEntries(Object.entries(data).map(([key, value]) => [key.charAt(0).toLowerCase() + key.slice(1), value]));
  return { id: sms.messageId, type: acsEventType.smsReceived, subject: `/phonenumber/${sms.to.replace(/^\+/, '')}`, time: iso(sms.receivedAt), data: written, dataVersion: '1.0' };
}
