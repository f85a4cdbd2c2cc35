/**
 * The Connect Participant Service, for the customer's side of a chat: CreateParticipantConnection
 * (with the ParticipantToken) hands out a ConnectionToken and a WebSocket URL; SendMessage, SendEvent,
 * GetTranscript and DisconnectParticipant take the ConnectionToken. A token that is unknown, expired,
 * or whose participant has left answers AccessDeniedException; a repeated ClientToken, the first answer.
 */
import { randomBytes } from 'node:crypto';
import { chatEvent, chatEventType, chatMessage, eventContentTypes, messageContentTypes } from './chat-items.js';
import { addItem, endChat, sendTransient, settle, type ChatConnection, type ChatStore } from './chat-store.js';
import { readTranscriptPage } from './chat-transcript.js';
import { checkContent } from './connect-api.js';
import { checkRequest, participantError, type WireAnswer } from './connect-wire.js';

/** A ConnectionToken lasts a day (within the chat's duration); a WebSocket URL must be opened within 100 s. */
export const connectionTokenLifetimeMs = 24 * 60 * 60_000;
export const socketUrlLifetimeMs = 100_000;

export interface SocketGrant {
  connection: ChatConnection;
  /** The URL opens until then, epoch ms. */
  openBy: number;
}

export interface ParticipantContext {
  store: ChatStore;
  /** URL token → its grant, for the WebSocket upgrade. */
  socketGrants: Map<string, SocketGrant>;
  /** `ws://host:port`, as the client reached the emulator. */
  socketOrigin: string;
}

type Body = Record<string, unknown>;
const denied = (why: string) => participantError('AccessDeniedException', `Access denied: ${why}`);
const invalid = (message: string) => participantError('ValidationException', message);
const token = () => randomBytes(48).toString('base64url');
const iso = (at: number) => new Date(at).toISOString();

export function createParticipantConnection(context: ParticipantContext, participantToken: string | undefined, body: Body): WireAnswer {
  let wanted: string[] = [];
  checkRequest((check) => {
    check.required('participantToken', participantToken);
    wanted = check.list('type', body.Type, 1, 3) as string[];
    wanted.forEach((type, index) => check.oneOf(`type.${index + 1}.member`, type, ['WEBSOCKET', 'CONNECTION_CREDENTIALS', 'WEBRTC_CONNECTION']));
    check.boolean('connectParticipant', body.ConnectParticipant);
  }, invalid);
  if (wanted.includes('WEBRTC_CONNECTION')) throw invalid('WEBRTC_CONNECTION is not emulated: ask for WEBSOCKET and CONNECTION_CREDENTIALS');
  const { store } = context;
  const found = store.participantTokens.get(participantToken!);
  if (!found) throw denied('the participant token is not valid');
  const contact = settle(store, found);
  if (contact.state === 'ended') throw denied(`the chat has ended (${contact.endReason})`);
  contact.customer.connected = true;

  const now = store.now();
  const connection: ChatConnection = { contact, participant: contact.customer, expiresAt: Math.min(now + connectionTokenLifetimeMs, contact.expiresAt) };
  const connectionToken = token();
  store.connections.set(connectionToken, connection);
  const answer: Body = {};
  if (wanted.includes('WEBSOCKET')) {
    const urlToken = token();
    context.socketGrants.set(urlToken, { connection, openBy: now + socketUrlLifetimeMs });
    answer.Websocket = { Url: `${context.socketOrigin}/websocket?token=${urlToken}`, ConnectionExpiry: iso(now + socketUrlLifetimeMs) };
  }
  if (wanted.includes('CONNECTION_CREDENTIALS')) answer.ConnectionCredentials = { ConnectionToken: connectionToken, Expiry: iso(connection.expiresAt) };
  return { status: 200, body: answer };
}

export function sendMessage(store: ChatStore, connectionToken: string | undefined, body: Body): WireAnswer {
  checkRequest((check) => {
    check.required('connectionToken', connectionToken);
    if (check.required('contentType', body.ContentType)) check.oneOf('contentType', body.ContentType, messageContentTypes);
    if (check.required('content', body.Content)) checkContent(check, 'content', body.Content);
    check.text('clientToken', body.ClientToken, { max: 500 });
  }, invalid);
  return once(store, connectionToken!, 'SendMessage', body.ClientToken, (connection) => {
    const { contact, participant } = connection;
    const contentType = body.ContentType as string;
    if (!contact.supportedContentTypes.includes(contentType)) {
      throw invalid(`ContentType ${contentType} is not supported on this contact: StartChatContact's SupportedMessagingContentTypes were ${contact.supportedContentTypes.join(', ')}`);
    }
    const item = addItem(store, contact, chatMessage(participant, contentType, body.Content as string, store.now()));
    return { Id: item.Id, AbsoluteTime: item.AbsoluteTime };
  });
}

export function sendEvent(store: ChatStore, connectionToken: string | undefined, body: Body): WireAnswer {
  checkRequest((check) => {
    check.required('connectionToken', connectionToken);
    if (check.required('contentType', body.ContentType)) check.oneOf('contentType', body.ContentType, eventContentTypes);
    if (body.Content !== undefined) checkContent(check, 'content', body.Content);
    check.text('clientToken', body.ClientToken, { max: 500 });
  }, invalid);
  return once(store, connectionToken!, 'SendEvent', body.ClientToken, ({ contact, participant }) => {
    const contentType = body.ContentType as string;
    const isReceipt = contentType === chatEventType.messageDelivered || contentType === chatEventType.messageRead;
    if (isReceipt && !receiptNamesMessage(body.Content)) throw invalid(`Content of a ${contentType} event must be JSON naming the message: {"messageId":"…"}`);
    if (contentType === chatEventType.connectionAcknowledged) contact.customer.connected = true;
    const item = chatEvent(contentType, store.now(), participant, body.Content as string | undefined);
    // Typing reaches the others in the chat; the transcript keeps neither it nor receipts.
    if (contentType === chatEventType.typing) sendTransient(store, contact, item);
    return { Id: item.Id, AbsoluteTime: item.AbsoluteTime };
  });
}

export function disconnectParticipant(store: ChatStore, connectionToken: string | undefined, body: Body): WireAnswer {
  checkRequest((check) => {
    check.required('connectionToken', connectionToken);
    check.text('clientToken', body.ClientToken, { max: 500 });
  }, invalid);
  return once(store, connectionToken!, 'DisconnectParticipant', body.ClientToken, ({ contact, participant }) => {
    endChat(store, contact, 'CUSTOMER_DISCONNECT', participant);
    return {};
  });
}

/** GetTranscript stays open after the chat ends, until the ConnectionToken expires: a reloaded page can show it. */
export function getTranscript(store: ChatStore, connectionToken: string | undefined, body: Body): WireAnswer {
  checkRequest((check) => check.required('connectionToken', connectionToken), invalid);
  const { contact } = findConnection(store, connectionToken!);
  return { status: 200, body: readTranscriptPage(contact, body) };
}

/** The connection behind a token, if it has not expired. */
function findConnection(store: ChatStore, connectionToken: string): ChatConnection {
  const connection = store.connections.get(connectionToken);
  if (!connection) throw denied('the connection token is not valid');
  settle(store, connection.contact);
  if (store.now() >= connection.expiresAt) throw denied('the connection token has expired; call CreateParticipantConnection again');
  return connection;
}

/**
 * Runs a write once per ClientToken: a repeat gets the first answer (the SDK fills the token in, and
 * sends the same one again when it retries). Writes need the participant still in an active chat.
 */
function once(store: ChatStore, connectionToken: string, operation: string, clientToken: unknown, write: (connection: ChatConnection) => Body): WireAnswer {
  const connection = findConnection(store, connectionToken);
  const key = typeof clientToken === 'string' ? `${connectionToken}\n${operation}\n${clientToken}` : undefined;
  const earlier = key === undefined ? undefined : store.answered.get(key);
  if (earlier !== undefined) return { status: 200, body: earlier };
  assertActive(connection);
  const body = write(connection);
  if (key !== undefined) store.answered.set(key, body);
  return { status: 200, body };
}

function assertActive({ contact, participant }: ChatConnection): void {
  if (participant.leftAt !== undefined) throw denied('the participant has left the chat');
  if (contact.state === 'ended') throw denied(`the chat has ended (${contact.endReason})`);
}

function receiptNamesMessage(content: unknown): boolean {
  if (typeof content !== 'string') return false;
  try {
    const parsed = JSON.parse(content) as { messageId?: unknown };
    return typeof parsed.messageId === 'string' && parsed.messageId !== '';
  } catch {
    return false;
  }
}
