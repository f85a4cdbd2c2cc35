/**
 * Follows an Amazon Connect chat as its customer participant: the agent's messages, joining and
 * leaving, and the chat's end, from the participant service's WebSocket — after reading the chat's
 * transcript from the last event taken, so nothing said while no one listened is lost. A dropped
 * socket is reopened (with a fresh URL, which expires) a few times before following gives up.
 */
import type { AgentEvent, FollowOptions } from '../handoff-provider.js';

type ParticipantSdk = typeof import('@aws-sdk/client-connectparticipant');

export interface FollowConnectChatOptions extends FollowOptions {
  participant: InstanceType<ParticipantSdk['ConnectParticipantClient']>;
  sdk: ParticipantSdk;
  participantToken: string;
  connectionToken: string;
}

/** A chat item as the WebSocket and GetTranscript give it. */
export interface ChatItem {
  Id?: string;
  Type?: string;
  ContentType?: string;
  Content?: string;
  DisplayName?: string;
  ParticipantRole?: string;
}

const eventTypes = {
  joined: 'application/vnd.amazonaws.connect.event.participant.joined',
  left: 'application/vnd.amazonaws.connect.event.participant.left',
  ended: 'application/vnd.amazonaws.connect.event.chat.ended',
} as const;

/** Reconnects before following gives up, and the pause before each (doubling). */
const reconnects = 5;
const firstPauseMs = 500;
/** Connect's chat client sends a heartbeat every 10 s; so does this. */
const heartbeatMs = 10_000;

/** Starts following; resolves once the socket is subscribed and the transcript read. */
export async function followConnectChat(options: FollowConnectChatOptions): Promise<void> {
  const { default: WebSocket } = await import('ws');
  const seen = new Set<string>();
  let stopped = options.signal.aborted;
  let ended = false;
  let socket: InstanceType<typeof WebSocket> | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let after = options.after;
  if (after) seen.add(after);

  const take = (item: ChatItem) => {
    if (!item.Id || seen.has(item.Id) || stopped) return;
    seen.add(item.Id);
    const event = agentEvent(item);
    if (!event) return;
    after = item.Id;
    if (event.kind === 'ended') ended = true;
    options.onEvent(event);
    if (ended) stop();
  };

  const stop = () => {
    stopped = true;
    clearInterval(heartbeat);
    socket?.close(1000);
  };
  options.signal.addEventListener('abort', stop, { once: true });

  async function catchUp(): Promise<void> {
    for (const item of await readTranscript(options, after)) take(item);
  }

  async function connect(): Promise<void> {
    const connection = await options.participant.send(new options.sdk.CreateParticipantConnectionCommand({ ParticipantToken: options.participantToken, Type: ['WEBSOCKET'] }));
    const url = connection.Websocket?.Url;
    if (!url) throw new Error('Connect gave no WebSocket for the chat');
    const opened = new WebSocket(url);
    socket = opened;
    await new Promise<void>((resolve, reject) => {
      opened.once('open', () => {
        opened.send(JSON.stringify({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } }));
        resolve();
      });
      opened.once('error', reject);
    });
    opened.on('message', (data) => {
      const frame = parse(String(data)) as { topic?: string; content?: unknown } | undefined;
      if (frame?.topic !== 'aws/chat' || typeof frame.content !== 'string') return;
      const item = parse(frame.content);
      if (item && typeof item === 'object') take(item as ChatItem);
    });
    opened.on('error', () => {}); // a 'close' follows, and reconnects
    opened.once('close', () => {
      if (socket === opened && !stopped && !ended) void reconnect();
    });
    clearInterval(heartbeat);
    heartbeat = setInterval(() => opened.readyState === WebSocket.OPEN && opened.send(JSON.stringify({ topic: 'aws/heartbeat' })), heartbeatMs);
    heartbeat.unref();
  }

  async function reconnect(): Promise<void> {
    for (let attempt = 0; attempt < reconnects && !stopped; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, firstPauseMs * 2 ** attempt).unref());
      try {
        await connect();
        await catchUp();
        return;
      } catch {
        // tried again, up to `reconnects` times
      }
    }
    if (!stopped) {
      stop();
      options.onError(new Error('lost the Connect chat: its WebSocket could not be reopened'));
    }
  }

  if (stopped) return;
  await connect();
  await catchUp();
}

/**
 * The chat's items after `after` (all, without), oldest first, read with GetTranscript page by page.
 * Connect starts a page at `after` itself: it is left out.
 */
export async function readTranscript(options: Pick<FollowConnectChatOptions, 'participant' | 'sdk' | 'connectionToken'> & { signal?: AbortSignal }, after: string | undefined): Promise<ChatItem[]> {
  const items: ChatItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await options.participant.send(
      new options.sdk.GetTranscriptCommand({ ConnectionToken: options.connectionToken, ScanDirection: 'FORWARD', SortOrder: 'ASCENDING', MaxResults: 100, ...(after ? { StartPosition: { Id: after } } : {}), ...(nextToken ? { NextToken: nextToken } : {}) }),
      options.signal ? { abortSignal: options.signal } : {},
    );
    for (const item of (page.Transcript ?? []) as ChatItem[]) if (item.Id !== after) items.push(item);
    nextToken = page.NextToken;
  } while (nextToken && !options.signal?.aborted);
  return items;
}

/** The agent events among a chat's items. */
export function agentEventsOf(items: readonly ChatItem[]): AgentEvent[] {
  return items.flatMap((item) => {
    const event = item.Id ? agentEvent(item) : undefined;
    return event ? [event] : [];
  });
}

/** What the agent side did, in an item; undefined for the customer's own items, typing and receipts. */
function agentEvent(item: ChatItem): AgentEvent | undefined {
  const id = item.Id!;
  if (item.ContentType === eventTypes.ended) return { kind: 'ended', id };
  if (item.ParticipantRole !== 'AGENT') return undefined;
  if (item.Type === 'MESSAGE' && typeof item.Content === 'string' && item.Content !== '') return { kind: 'message', text: item.Content, id };
  if (item.ContentType === eventTypes.joined) return { kind: 'joined', name: item.DisplayName ?? 'Agent', id };
  if (item.ContentType === eventTypes.left) return { kind: 'left', id };
  return undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
