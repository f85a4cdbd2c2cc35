/**
 * The agent's side of the emulated chats: what a person in the Connect agent workspace sees and does.
 * Waiting chats with their attributes and first message; accepting one (the customer sees the agent
 * join), writing, typing, and ending it (the customer sees the agent leave and the chat end).
 */
import { randomUUID } from 'node:crypto';
import { chatEvent, chatEventType, chatMessage, type ChatItem } from './chat-items.js';
import { addItem, allContacts, endChat, sendTransient, settle, type ChatChange, type ChatContact, type ChatStore } from './chat-store.js';
import { byteLength } from './connect-wire.js';
import { chatLimits } from './connect-api.js';

/** A chat as the agent side sees it: a copy, taken when asked for. Holds customer text: test use only. */
export interface ConnectEmulatorContact {
  contactId: string;
  instanceId: string;
  contactFlowId: string;
  /** `waiting` for an agent, `connected` to one, or `ended`. */
  state: 'waiting' | 'connected' | 'ended';
  customer: { participantId: string; displayName: string; connected: boolean };
  agent?: { participantId: string; displayName: string };
  /** StartChatContact's Attributes: the handoff context. */
  attributes: Record<string, string>;
  initialMessage?: { contentType: string; content: string };
  startedAt: Date;
  endedAt?: Date;
  /** `CUSTOMER_DISCONNECT`, `AGENT_DISCONNECT`, StopContact's reason code, `EXPIRED` or `CUSTOMER_NEVER_CONNECTED`. */
  endReason?: string;
  /** What GetTranscript holds, oldest first. */
  transcript: ChatItem[];
}

export interface AgentSide {
  /** Every chat, oldest first. */
  contacts(): ConnectEmulatorContact[];
  /** The chats waiting for an agent, oldest first. */
  waitingContacts(): ConnectEmulatorContact[];
  contact(contactId: string): ConnectEmulatorContact;
  /** The oldest waiting chat, as soon as there is one. Rejects when `signal` aborts or the emulator closes. */
  nextWaitingContact(options?: { signal?: AbortSignal }): Promise<ConnectEmulatorContact>;
  /** The agent joins: the customer gets `participant.joined`. */
  acceptContact(contactId: string, options?: { agentName?: string }): ConnectEmulatorContact;
  sendAgentMessage(contactId: string, text: string, options?: { contentType?: string }): ChatItem;
  sendAgentTyping(contactId: string): void;
  /** The agent ends the chat: `participant.left` (when an agent had joined), then `chat.ended`. */
  endContact(contactId: string): void;
  /** Called with every item sent in any chat (typing included); returns the unsubscribe. */
  onItem(listener: (item: ChatItem, contact: ConnectEmulatorContact) => void): () => void;
}

export function createAgentSide(store: ChatStore, closing: AbortSignal): AgentSide {
  const find = (contactId: string): ChatContact => {
    const contact = store.contacts.get(contactId);
    if (!contact) throw new Error(`Connect emulator: no contact ${contactId} (contacts: ${[...store.contacts.keys()].join(', ') || 'none'})`);
    return settle(store, contact);
  };
  const active = (contactId: string, action: string): ChatContact & { agent: NonNullable<ChatContact['agent']> } => {
    const contact = find(contactId);
    if (contact.state !== 'connected' || !contact.agent) throw new Error(`Connect emulator: cannot ${action} contact ${contactId}: it is ${contact.state}${contact.state === 'waiting' ? '; accept it first' : ''}`);
    return contact as ChatContact & { agent: NonNullable<ChatContact['agent']> };
  };
  const waiting = () => allContacts(store).filter((contact) => contact.state === 'waiting');

  return {
    contacts: () => allContacts(store).map(viewOf),
    waitingContacts: () => waiting().map(viewOf),
    contact: (contactId) => viewOf(find(contactId)),
    nextWaitingContact({ signal } = {}) {
      const first = waiting()[0];
      if (first) return Promise.resolve(viewOf(first));
      return new Promise((resolve, reject) => {
        const stopListening = () => {
          store.listeners.delete(listener);
          signal?.removeEventListener('abort', aborted);
          closing.removeEventListener('abort', closed);
        };
        const stop = (reason: string) => {
          stopListening();
          reject(new Error(`Connect emulator: stopped waiting for a contact: ${reason}`));
        };
        const aborted = () => stop('the signal aborted');
        const closed = () => stop('the emulator closed');
        const listener = (change: ChatChange) => {
          if (change.kind !== 'started') return;
          stopListening();
          resolve(viewOf(change.contact));
        };
        if (signal?.aborted) return aborted();
        if (closing.aborted) return closed();
        store.listeners.add(listener);
        signal?.addEventListener('abort', aborted, { once: true });
        closing.addEventListener('abort', closed, { once: true });
      });
    },
    acceptContact(contactId, { agentName = 'Agent' } = {}) {
      const contact = find(contactId);
      if (contact.state !== 'waiting') throw new Error(`Connect emulator: cannot accept contact ${contactId}: it is ${contact.state}`);
      const agent = { participantId: randomUUID(), displayName: agentName, role: 'AGENT' as const };
      contact.agent = agent;
      contact.state = 'connected';
      addItem(store, contact, chatEvent(chatEventType.participantJoined, store.now(), agent));
      return viewOf(contact);
    },
    sendAgentMessage(contactId, text, { contentType = 'text/plain' } = {}) {
      const contact = active(contactId, 'write to');
      if (text === '' || byteLength(text) > chatLimits.messageBytes) throw new RangeError(`Connect emulator: a message is 1 to ${chatLimits.messageBytes} UTF-8 bytes (got ${byteLength(text)})`);
      if (!contact.supportedContentTypes.includes(contentType)) throw new RangeError(`Connect emulator: contact ${contactId} does not take ${contentType} (it takes ${contact.supportedContentTypes.join(', ')})`);
      return addItem(store, contact, chatMessage(contact.agent, contentType, text, store.now()));
    },
    sendAgentTyping(contactId) {
      const contact = active(contactId, 'type in');
      sendTransient(store, contact, chatEvent(chatEventType.typing, store.now(), contact.agent));
    },
    endContact(contactId) {
      const contact = find(contactId);
      if (contact.state === 'ended') throw new Error(`Connect emulator: contact ${contactId} has already ended (${contact.endReason})`);
      endChat(store, contact, 'AGENT_DISCONNECT', contact.agent);
    },
    onItem(listener) {
      const forward = (change: ChatChange) => {
        if (change.kind === 'item') listener({ ...change.item }, viewOf(change.contact));
      };
      store.listeners.add(forward);
      return () => store.listeners.delete(forward);
    },
  };
}

function viewOf(contact: ChatContact): ConnectEmulatorContact {
  const { customer, agent } = contact;
  return {
    contactId: contact.contactId,
    instanceId: contact.instanceId,
    contactFlowId: contact.contactFlowId,
    state: contact.state,
    customer: { participantId: customer.participantId, displayName: customer.displayName, connected: customer.connected },
    ...(agent ? { agent: { participantId: agent.participantId, displayName: agent.displayName } } : {}),
    attributes: { ...contact.attributes },
    ...(contact.initialMessage ? { initialMessage: { ...contact.initialMessage } } : {}),
    startedAt: new Date(contact.startedAt),
    ...(contact.endedAt === undefined ? {} : { endedAt: new Date(contact.endedAt), endReason: contact.endReason }),
    transcript: contact.items.map((item) => ({ ...item })),
  };
}
