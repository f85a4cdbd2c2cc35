/**
 * The emulated resource's chat threads: who is in each, and its messages, the service's system
 * messages included (`topicUpdated` and `participantAdded` when a thread is made, `participantAdded`
 * and `participantRemoved` as people come and go, `topicUpdated` when the topic changes). Message
 * ids are the service's: epoch milliseconds, unique across the resource. Listeners hear each change,
 * which the Event Grid side turns into events.
 */
import { randomBytes } from 'node:crypto';

export type ChatMessageType = 'text' | 'html' | 'topicUpdated' | 'participantAdded' | 'participantRemoved';

export interface ChatParticipantRecord {
  /** The participant's raw id: an ACS user id. */
  id: string;
  displayName?: string;
  shareHistoryTime?: number;
  metadata?: Record<string, string>;
}

export interface ChatMessageRecord {
  id: string;
  type: ChatMessageType;
  sequenceId: number;
  createdOn: number;
  /** Absent on system messages. */
  senderId?: string;
  senderDisplayName?: string;
  /** The text of `text` and `html` messages. */
  message?: string;
  topic?: string;
  participants?: ChatParticipantRecord[];
  /** Who caused a system message. */
  initiatorId?: string;
  metadata?: Record<string, string>;
}

export interface ChatThreadRecord {
  id: string;
  topic: string;
  createdOn: number;
  createdBy: string;
  metadata?: Record<string, string>;
  deletedOn?: number;
  participants: Map<string, ChatParticipantRecord>;
  /** Oldest first. */
  messages: ChatMessageRecord[];
  /** Read receipts: participant id → the id of the last message read, and when. */
  readReceipts: Map<string, { messageId: string; readOn: number }>;
  /** When messages were sent, epoch ms, for the rate limits. */
  sendTimes: number[];
}

export type ChatChange =
  | { kind: 'thread-created'; thread: ChatThreadRecord }
  | { kind: 'message'; thread: ChatThreadRecord; message: ChatMessageRecord }
  | { kind: 'participant-added'; thread: ChatThreadRecord; participant: ChatParticipantRecord; by: string; at: number }
  | { kind: 'participant-removed'; thread: ChatThreadRecord; participant: ChatParticipantRecord; by: string; at: number }
  | { kind: 'thread-deleted'; thread: ChatThreadRecord; by: string }
  | { kind: 'typing'; thread: ChatThreadRecord; senderId: string; senderDisplayName?: string; at: number };

export interface ChatStore {
  readonly threads: Map<string, ChatThreadRecord>;
  /** `user \n repeatability-request-id` → the thread CreateChatThread made with it. */
  readonly createdWith: Map<string, ChatThreadRecord>;
  readonly listeners: Set<(change: ChatChange) => void>;
  /** The last message id given, so the next is later even within the same millisecond. */
  lastMessageId: number;
  now(): number;
}

export function createChatStore(now: () => number): ChatStore {
  return { threads: new Map(), createdWith: new Map(), listeners: new Set(), lastMessageId: 0, now };
}

export function announce(store: ChatStore, change: ChatChange): void {
  for (const listener of [...store.listeners]) listener(change);
}

/** Makes a thread: the creator joins first, then the listed participants. */
export function createThread(store: ChatStore, creator: string, topic: string, participants: ChatParticipantRecord[], metadata?: Record<string, string>): ChatThreadRecord {
  const members = new Map<string, ChatParticipantRecord>();
  if (!participants.some((participant) => participant.id === creator)) members.set(creator, { id: creator });
  for (const participant of participants) members.set(participant.id, participant);
  const thread: ChatThreadRecord = {
    id: `19:${randomBytes(16).toString('hex')}@thread.v2`,
    topic,
    createdOn: store.now(),
    createdBy: creator,
    ...(metadata ? { metadata } : {}),
    participants: members,
    messages: [],
    readReceipts: new Map(),
    sendTimes: [],
  };
  store.threads.set(thread.id, thread);
  announce(store, { kind: 'thread-created', thread });
  addMessage(store, thread, { type: 'topicUpdated', topic, initiatorId: creator });
  addMessage(store, thread, { type: 'participantAdded', participants: [...members.values()], initiatorId: creator });
  return thread;
}

/** Adds (or updates) participants, with one `participantAdded` system message. */
export function addParticipants(store: ChatStore, thread: ChatThreadRecord, by: string, participants: ChatParticipantRecord[]): void {
  const at = store.now();
  for (const participant of participants) thread.participants.set(participant.id, participant);
  addMessage(store, thread, { type: 'participantAdded', participants, initiatorId: by });
  for (const participant of participants) announce(store, { kind: 'participant-added', thread, participant, by, at });
}

export function removeParticipant(store: ChatStore, thread: ChatThreadRecord, by: string, participantId: string): void {
  const participant = thread.participants.get(participantId);
  if (!participant) return;
  const at = store.now();
  thread.participants.delete(participantId);
  addMessage(store, thread, { type: 'participantRemoved', participants: [participant], initiatorId: by });
  announce(store, { kind: 'participant-removed', thread, participant, by, at });
}

export function updateTopic(store: ChatStore, thread: ChatThreadRecord, by: string, topic: string): void {
  thread.topic = topic;
  addMessage(store, thread, { type: 'topicUpdated', topic, initiatorId: by });
}

export function deleteThread(store: ChatStore, thread: ChatThreadRecord, by: string): void {
  thread.deletedOn = store.now();
  store.threads.delete(thread.id);
  announce(store, { kind: 'thread-deleted', thread, by });
}

/** Appends a message with the next id and sequence id; listeners hear it. */
export function addMessage(store: ChatStore, thread: ChatThreadRecord, fields: Omit<ChatMessageRecord, 'id' | 'sequenceId' | 'createdOn'>): ChatMessageRecord {
  const createdOn = store.now();
  store.lastMessageId = Math.max(createdOn, store.lastMessageId + 1);
  const message: ChatMessageRecord = { id: String(store.lastMessageId), sequenceId: thread.messages.length + 1, createdOn, ...fields };
  thread.messages.push(message);
  announce(store, { kind: 'message', thread, message });
  return message;
}
