/**
 * What the store holds for one conversation: the channel that owns it, the dialogue engine's state,
 * the transcript, and the answers to the last few deliveries (idempotency keys). One JSON value,
 * written with one compare-and-set per turn, so a turn, its transcript and its answer are saved
 * together or not at all.
 */
import { StateCorruptError } from '../core/errors.js';
import type { ChannelAddress, ConversationView, Directive, Message } from '../core/turn.js';
import { readConversationState, type ConversationState } from '../engine/conversation-state.js';
import type { AgentHandle } from '../handoff/handoff-provider.js';

export const conversationRecordVersion = 2;

/** The answer to one delivery, kept so that the same delivery again gets it without a second turn. */
export interface StoredReply {
  key: string;
  /** Of the channel and the content delivered: the same key with other content is not a redelivery. */
  digest: string;
  directives: Directive[];
  view: ConversationView;
  /** Ids of the transcript entries the turn added (first and last): its replies are read from there. */
  entries: [number, number] | null;
  /** The replies, only when the transcript does not hold them (a turn that added no bot entry). */
  messages?: Message[];
}

export interface ConversationRecord {
  v: typeof conversationRecordVersion;
  /** The channel that started the conversation; no other channel reaches it. Null only for conversations stored before channels were recorded. */
  channel: string | null;
  /** The locale asked for when the conversation started, until the engine keeps its own. */
  locale: string | null;
  /** The dialogue engine's state; null until the first turn. */
  dialog: ConversationState | null;
  /**
   * Entries are kept as their JSON text, oldest first: every turn reads and writes the record whole,
   * and text is several times cheaper to parse and write than as many objects. They are read as
   * objects only when someone looks (transcript.ts).
   */
  transcript: { next: number; entries: string[] };
  /** Most recent last. */
  replies: StoredReply[];
  /** Where the owning channel reaches the customer outside a turn (`TurnInput.address`): for notifications. */
  address?: ChannelAddress;
  /** While a person has the conversation (a handoff provider's chat): see agent-sessions.ts. */
  agent?: AgentSession;
  /** A turn under way in a process of a shared store, until when (ISO time): see turn-claims.ts. */
  claim?: { until: string };
  /** ISO times, from the bot's clock. */
  createdAt: string;
  updatedAt: string;
}

/** A person's side of a handed-off conversation, kept with it so that any process can relay. */
export interface AgentSession {
  /** The handoff provider's name (`amazon-connect`). */
  provider: string;
  /** The provider's handles: a contact's id and tokens. */
  handle: AgentHandle;
  /** `waiting` for a person, or `joined` by one. */
  state: 'waiting' | 'joined';
  /** The last agent event taken, so a process that follows the chat again catches up from there. */
  after?: string;
  /** ISO time the handoff opened. */
  since: string;
}

export function newConversationRecord(channel: string, locale: string | null, now: string): ConversationRecord {
  return { v: conversationRecordVersion, channel, locale, dialog: null, transcript: { next: 1, entries: [] }, replies: [], createdAt: now, updatedAt: now };
}

/**
 * Reads a stored value: a record, or the bare engine state that earlier versions stored (it becomes
 * a record with no transcript, claimed by the first channel that speaks in it). Cheap on purpose:
 * it runs on every turn, and the bot wrote the value itself.
 */
export function readConversationRecord(conversationId: string, value: unknown): ConversationRecord {
  const record = value as Partial<Omit<ConversationRecord, 'v'>> & { v?: unknown } | null;
  if (typeof record !== 'object' || record === null) throw new StateCorruptError(conversationId, 'stored conversation is not an object');
  if (record.v === 1) {
    const dialog = readConversationState(conversationId, value);
    return { ...newConversationRecord('', dialog.locale, ''), channel: null, dialog };
  }
  if (record.v !== conversationRecordVersion) {
    throw new StateCorruptError(conversationId, `stored conversation has version ${String(record.v)}; this Parley reads versions 1 and ${conversationRecordVersion}`);
  }
  if (!record.transcript || !Array.isArray(record.transcript.entries) || !Array.isArray(record.replies)) {
    throw new StateCorruptError(conversationId, 'stored conversation is missing its transcript or replies');
  }
  if (record.transcript.entries.some((entry) => typeof entry !== 'string' || !entry.startsWith('{"id":'))) {
    throw new StateCorruptError(conversationId, 'stored conversation has a transcript entry that is not one this Parley wrote');
  }
  if (record.dialog !== null) readConversationState(conversationId, record.dialog);
  return record as ConversationRecord;
}

/** Whether a channel may reach a conversation: the one that owns it (any, for a record from before owners were kept). */
export function isOwnedBy(record: ConversationRecord, channel: string | undefined): boolean {
  return channel === undefined || record.channel === null || record.channel === channel;
}
