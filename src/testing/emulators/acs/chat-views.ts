/**
 * What a test sees of the emulated chat threads: copies taken when asked for, times as Dates,
 * messages oldest first (the system messages included).
 */
import type { ChatMessageRecord, ChatMessageType, ChatThreadRecord } from './chat-store.js';

/** A chat message as the emulator holds it. Holds customer text: test use only. */
export interface AcsEmulatorMessage {
  id: string;
  type: ChatMessageType;
  sequenceId: number;
  createdOn: Date;
  /** The sender's user id; absent on system messages. */
  senderId?: string;
  senderDisplayName?: string;
  /** The text of a `text` or `html` message. */
  content?: string;
  /** The topic a `topicUpdated` message set. */
  topic?: string;
  /** Who joined or left, in a `participantAdded` or `participantRemoved` message. */
  participants?: Array<{ id: string; displayName?: string }>;
  /** Who caused a system message. */
  initiatorId?: string;
  metadata?: Record<string, string>;
}

export interface AcsEmulatorThread {
  id: string;
  topic: string;
  createdBy: string;
  createdOn: Date;
  metadata?: Record<string, string>;
  participants: Array<{ id: string; displayName?: string; metadata?: Record<string, string> }>;
  /** Oldest first. */
  messages: AcsEmulatorMessage[];
}

export function threadView(thread: ChatThreadRecord): AcsEmulatorThread {
  return {
    id: thread.id,
    topic: thread.topic,
    createdBy: thread.createdBy,
    createdOn: new Date(thread.createdOn),
    ...(thread.metadata ? { metadata: { ...thread.metadata } } : {}),
    participants: [...thread.participants.values()].map((participant) => ({
      id: participant.id,
      ...(participant.displayName === undefined ? {} : { displayName: participant.displayName }),
      ...(participant.metadata ? { metadata: { ...participant.metadata } } : {}),
    })),
    messages: thread.messages.map(messageView),
  };
}

export function messageView(message: ChatMessageRecord): AcsEmulatorMessage {
  return {
    id: message.id,
    type: message.type,
    sequenceId: message.sequenceId,
    createdOn: new Date(message.createdOn),
    ...(message.senderId === undefined ? {} : { senderId: message.senderId }),
    ...(message.senderDisplayName === undefined ? {} : { senderDisplayName: message.senderDisplayName }),
    ...(message.message === undefined ? {} : { content: message.message }),
    ...(message.topic === undefined ? {} : { topic: message.topic }),
    ...(message.participants
      ? { participants: message.participants.map((participant) => ({ id: participant.id, ...(participant.displayName === undefined ? {} : { displayName: participant.displayName }) })) }
      : {}),
    ...(message.initiatorId === undefined ? {} : { initiatorId: message.initiatorId }),
    ...(message.metadata ? { metadata: { ...message.metadata } } : {}),
  };
}
