/**
 * The chat's WebSocket, as amazon-connect-chatjs speaks to it: the client subscribes with
 * `{"topic":"aws/subscribe","content":{"topics":["aws/chat"]}}` and is told
 * `{"topic":"aws/subscribe","content":{"status":"success","topics":["aws/chat"]}}`; every item of the
 * chat then arrives as `{"topic":"aws/chat","contentType":"application/json","content":"<the item as
 * JSON>"}` (its own messages too); `{"topic":"aws/heartbeat"}` is answered in kind, and the deep
 * heartbeat `aws/ping` with `statusCode` 200. The URL from CreateParticipantConnection opens for 100 s.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import type { ChatChange, ChatContact, ChatStore } from './chat-store.js';
import type { SocketGrant } from './participant-api.js';

/** What the emulator records of the sockets: each upgrade, and each frame a client sent. */
export interface SocketCall {
  operation: 'WebSocketConnect' | 'WebSocketFrame';
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  status?: number;
}

export interface ChatSockets {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Cuts the sockets (of one contact, or all) without a close frame, as a lost network would; how many. */
  drop(contactId?: string): number;
  close(): void;
}

interface OpenSocket {
  socket: WebSocket;
  contact: ChatContact;
  topics: Set<string>;
}

const chatTopic = 'aws/chat';

export function createChatSockets(store: ChatStore, grants: Map<string, SocketGrant>, record: (call: SocketCall) => void): ChatSockets {
  const server = new WebSocket.Server({ noServer: true });
  const open = new Set<OpenSocket>();

  const onChange = (change: ChatChange) => {
    for (const entry of open) {
      if (entry.contact !== change.contact) continue;
      if (change.kind === 'item' && entry.topics.has(chatTopic)) {
        const item = { ...change.item, InitialContactId: change.contact.contactId, ContactId: change.contact.contactId };
        send(entry.socket, { topic: chatTopic, contentType: 'application/json', content: JSON.stringify(item) });
      }
      // The customer's sockets close when they leave; an agent ending the chat leaves them to the client.
      if (change.kind === 'customer-left') entry.socket.close(1000, 'participant disconnected');
    }
  };
  store.listeners.add(onChange);

  function accept(request: IncomingMessage, socket: Duplex, head: Buffer, grant: SocketGrant) {
    server.handleUpgrade(request, socket as Parameters<typeof server.handleUpgrade>[1], head, (client) => {
      const entry: OpenSocket = { socket: client, contact: grant.connection.contact, topics: new Set() };
      open.add(entry);
      client.on('close', () => open.delete(entry));
      client.on('message', (data) => {
        const frame = parseFrame(data);
        record({ operation: 'WebSocketFrame', path: request.url ?? '', headers: {}, body: frame ?? String(data) });
        answerFrame(entry, frame);
      });
    });
  }

  return {
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'ws://localhost');
      const grant = url.pathname === '/websocket' ? grants.get(url.searchParams.get('token') ?? '') : undefined;
      const refusal = grant === undefined ? 'unknown URL' : refusalOf(store, grant);
      record({ operation: 'WebSocketConnect', path: url.pathname, headers: { ...request.headers }, status: refusal ? 403 : 101 });
      if (refusal || !grant) {
        socket.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${refusal}\n`);
        return;
      }
      accept(request, socket, head, grant);
    },
    drop(contactId) {
      const cut = [...open].filter((entry) => contactId === undefined || entry.contact.contactId === contactId);
      for (const entry of cut) entry.socket.terminate();
      return cut.length;
    },
    close() {
      store.listeners.delete(onChange);
      for (const entry of open) entry.socket.terminate();
      server.close();
    },
  };
}

/** Why a URL no longer opens: too late, or its participant or chat is gone. */
function refusalOf(store: ChatStore, grant: SocketGrant): string | undefined {
  if (store.now() > grant.openBy) return 'the WebSocket URL has expired; call CreateParticipantConnection for a new one';
  if (grant.connection.participant.leftAt !== undefined) return 'the participant has left the chat';
  return undefined;
}

function answerFrame(entry: OpenSocket, frame: { topic?: unknown; content?: unknown } | undefined): void {
  const topic = frame?.topic;
  if (topic === 'aws/subscribe' || topic === 'aws/unsubscribe') {
    const topics = (frame?.content as { topics?: unknown } | undefined)?.topics;
    const named = Array.isArray(topics) ? topics.filter((name): name is string => typeof name === 'string') : [];
    const known = named.length > 0 && named.length === (topics as unknown[]).length && named.every((name) => name === chatTopic || name === 'aws/typing');
    for (const name of known ? named : []) {
      if (topic === 'aws/subscribe') entry.topics.add(name);
      else entry.topics.delete(name);
    }
    return send(entry.socket, { topic, content: { status: known ? 'success' : 'failure', topics: named } });
  }
  if (topic === 'aws/heartbeat') return send(entry.socket, { topic });
  if (topic === 'aws/ping') return send(entry.socket, { topic, statusCode: 200, statusContent: 'OK' });
  send(entry.socket, { message: 'Invalid message: send a JSON object with a topic of aws/subscribe, aws/unsubscribe, aws/heartbeat or aws/ping' });
}

function parseFrame(data: WebSocket.Data): { topic?: unknown; content?: unknown } | undefined {
  try {
    const parsed: unknown = JSON.parse(String(data));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function send(socket: WebSocket, message: unknown): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}
