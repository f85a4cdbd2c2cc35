/**
 * The emulated instance's chat contacts: who is in each, its transcript, and its life (waiting for
 * an agent, connected, ended). Time is the injected clock's, and what lapses with it (a chat past its
 * duration, a customer who never connected) lapses the first time anything touches the contact after:
 * no timers run, so a test's clock decides.
 */
import { chatEvent, chatEventType, type ChatAuthor, type ChatItem } from './chat-items.js';

/** Clients must call CreateParticipantConnection within 5 minutes of StartChatContact, or the chat ends. */
export const customerConnectWithinMs = 5 * 60_000;
/** StartChatContact's ChatDurationInMinutes when not given: 25 hours. */
export const defaultChatDurationMinutes = 25 * 60;

export interface ChatParticipant extends ChatAuthor {
  /** When the participant left (DisconnectParticipant, or the agent ending the chat), epoch ms. */
  leftAt?: number;
}

export interface ChatContact {
  contactId: string;
  instanceId: string;
  contactFlowId: string;
  attributes: Record<string, string>;
  initialMessage?: { contentType: string; content: string };
  /** What SendMessage may send (always `text/plain`). */
  supportedContentTypes: readonly string[];
  startedAt: number;
  /** When the chat ends by itself: its ChatDurationInMinutes after the start. */
  expiresAt: number;
  state: 'waiting' | 'connected' | 'ended';
  endedAt?: number;
  /** Why it ended: `CUSTOMER_DISCONNECT`, `AGENT_DISCONNECT`, StopContact's DisconnectReason code, `EXPIRED`… */
  endReason?: string;
  customer: ChatParticipant & { participantToken: string; connected: boolean };
  agent?: ChatParticipant;
  /** The transcript: messages and the events GetTranscript returns (typing and receipts are not kept). */
  items: ChatItem[];
}

/** A participant's connection: its ConnectionToken's grant. */
export interface ChatConnection {
  contact: ChatContact;
  participant: ChatParticipant;
  expiresAt: number;
}

/** What listeners hear: a contact starts; an item is sent (kept in the transcript or not); the customer leaves. */
export type ChatChange =
  | { kind: 'started'; contact: ChatContact }
  | { kind: 'item'; contact: ChatContact; item: ChatItem; kept: boolean }
  | { kind: 'customer-left'; contact: ChatContact };

export interface ChatStore {
  /** Instance id → its contact flow ids. */
  readonly instances: ReadonlyMap<string, ReadonlySet<string>>;
  readonly contacts: Map<string, ChatContact>;
  /** `instanceId \n ClientToken` → the contact StartChatContact started with it. */
  readonly startedWith: Map<string, ChatContact>;
  readonly participantTokens: Map<string, ChatContact>;
  readonly connections: Map<string, ChatConnection>;
  /** Answers already given for a ClientToken (by connection and operation), sent again for a repeat. */
  readonly answered: Map<string, unknown>;
  readonly listeners: Set<(change: ChatChange) => void>;
  now(): number;
}

export function createChatStore(instances: ReadonlyMap<string, ReadonlySet<string>>, now: () => Date): ChatStore {
  return {
    instances,
    contacts: new Map(),
    startedWith: new Map(),
    participantTokens: new Map(),
    connections: new Map(),
    answered: new Map(),
    listeners: new Set(),
    now: () => now().getTime(),
  };
}

export function announce(store: ChatStore, change: ChatChange): void {
  for (const listener of [...store.listeners]) listener(change);
}

/** Adds an item to the transcript and sends it to everyone in the chat. */
export function addItem(store: ChatStore, contact: ChatContact, item: ChatItem): ChatItem {
  contact.items.push(item);
  announce(store, { kind: 'item', contact, item, kept: true });
  return item;
}

/** Sends an item that the transcript does not keep (typing). */
export function sendTransient(store: ChatStore, contact: ChatContact, item: ChatItem): void {
  announce(store, { kind: 'item', contact, item, kept: false });
}

/** Ends a chat: the leaving participant's `participant.left` (when one leaves), then `chat.ended`. */
export function endChat(store: ChatStore, contact: ChatContact, reason: string, leaving?: ChatParticipant): void {
  if (contact.state === 'ended') return;
  const at = store.now();
  if (leaving) {
    leaving.leftAt = at;
    addItem(store, contact, chatEvent(chatEventType.participantLeft, at, leaving));
  }
  contact.state = 'ended';
  contact.endedAt = at;
  contact.endReason = reason;
  addItem(store, contact, chatEvent(chatEventType.chatEnded, at));
  if (leaving === contact.customer) announce(store, { kind: 'customer-left', contact });
}

/** Ends the chat if its time ran out: past its duration, or 5 minutes without the customer connecting. */
export function settle(store: ChatStore, contact: ChatContact): ChatContact {
  if (contact.state === 'ended') return contact;
  const now = store.now();
  if (now >= contact.expiresAt) endChat(store, contact, 'EXPIRED');
  else if (!contact.customer.connected && now >= contact.startedAt + customerConnectWithinMs) endChat(store, contact, 'CUSTOMER_NEVER_CONNECTED');
  return contact;
}

/** Every contact, oldest first, each brought up to date. */
export function allContacts(store: ChatStore): ChatContact[] {
  return [...store.contacts.values()].map((contact) => settle(store, contact));
}
