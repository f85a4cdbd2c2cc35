/**
 * The emulated resource's side that no API call reaches: the users a test acts as (with tokens for
 * the real ChatClient), what the threads hold, the SMS sent, and a phone texting one of the
 * resource's numbers (the Event Grid `SMSReceived` it publishes).
 */
import { randomUUID } from 'node:crypto';
import { smsReceivedEvent, type AcsEvent } from './acs-events.js';
import type { ChatChange, ChatStore } from './chat-store.js';
import { messageView, threadView, type AcsEmulatorMessage, type AcsEmulatorThread } from './chat-views.js';
import { createUser, issueToken, type IdentityStore, type TokenScope } from './identity-store.js';
import { isE164, stamp, type AcsSentSms, type SmsStore } from './sms-api.js';
import { smsSegmentCount } from './sms-segments.js';

/** A user of the resource, with a token: what CommunicationIdentityClient.createUserAndToken gives. */
export interface AcsEmulatorUser {
  /** `8:acs:<resource id>_<uuid>`. */
  id: string;
  /** For `new AzureCommunicationTokenCredential(token)`. */
  token: string;
  expiresOn: Date;
  displayName?: string;
  /** Ready for ChatClient's `participants`: `{ id: { communicationUserId }, displayName }`. */
  participant: { id: { communicationUserId: string }; displayName?: string };
}

export interface ResourceSide {
  /** A new user with a token (scope `chat` unless others are named). */
  createUser(options?: { displayName?: string; scopes?: readonly TokenScope[]; tokenExpiresInMinutes?: number }): AcsEmulatorUser;
  /** Every thread not deleted, oldest first. */
  threads(): AcsEmulatorThread[];
  thread(threadId: string): AcsEmulatorThread;
  /** Called with every message written in any thread (system messages too); returns the unsubscribe. */
  onChatMessage(listener: (message: AcsEmulatorMessage, threadId: string) => void): () => void;
  /** Every SMS the resource sent, oldest first. */
  sentSms(): AcsSentSms[];
  /** Called with each SMS the resource sends; returns the unsubscribe. */
  onSms(listener: (sms: AcsSentSms) => void): () => void;
  /** A phone texts one of the resource's numbers (`to`, default the first): publishes `SMSReceived`. */
  receiveSms(sms: { from: string; to?: string; message: string }): AcsEvent;
}

export interface ResourceSideParts {
  identity: IdentityStore;
  chat: ChatStore;
  sms: SmsStore;
  phoneNumbers: readonly string[];
  smsDataKeys: 'PascalCase' | 'camelCase';
  publish(event: AcsEvent): void;
}

const chatOnly: readonly TokenScope[] = ['chat'];

export function createResourceSide({ identity, chat, sms, phoneNumbers, smsDataKeys, publish }: ResourceSideParts): ResourceSide {
  return {
    createUser({ displayName, scopes = chatOnly, tokenExpiresInMinutes } = {}) {
      const id = createUser(identity);
      const grant = issueToken(identity, id, scopes, tokenExpiresInMinutes);
      const named = displayName === undefined ? {} : { displayName };
      return { id, token: grant.token, expiresOn: new Date(grant.expiresAt), ...named, participant: { id: { communicationUserId: id }, ...named } };
    },
    threads: () => [...chat.threads.values()].map(threadView),
    thread(threadId) {
      const thread = chat.threads.get(threadId);
      if (!thread) throw new Error(`ACS emulator: no chat thread ${threadId} (threads: ${[...chat.threads.keys()].join(', ') || 'none'})`);
      return threadView(thread);
    },
    onChatMessage(listener) {
      const forward = (change: ChatChange) => {
        if (change.kind === 'message') listener(messageView(change.message), change.thread.id);
      };
      chat.listeners.add(forward);
      return () => chat.listeners.delete(forward);
    },
    sentSms: () => sms.sent.map((sent) => ({ ...sent })),
    onSms(listener) {
      sms.listeners.add(listener);
      return () => sms.listeners.delete(listener);
    },
    receiveSms({ from, to = phoneNumbers[0] ?? '', message }) {
      if (!phoneNumbers.includes(to)) throw new RangeError(`ACS emulator: receiveSms: "to" must be one of the resource's phone numbers (${phoneNumbers.length} configured)`);
      if (!isE164(from)) throw new RangeError('ACS emulator: receiveSms: "from" must be an E.164 number, like +14255550123');
      const receivedAt = chat.now();
      const event = smsReceivedEvent({ messageId: `Incoming_${stamp(receivedAt)}${randomUUID()}`, from, to, message, segmentCount: smsSegmentCount(message), receivedAt }, smsDataKeys);
      publish(event);
      return event;
    },
  };
}
