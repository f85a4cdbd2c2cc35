// Shared set-up for the web chat tests: the reference assistant behind the web chat app, a store
// that records every call (to prove refused requests never reach it), and a server-sent events reader.
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { createBot, createMemoryStore, fixedClock, type Bot, type ConversationStore } from 'parley-sdk';
import acmeTelecom from '../../../dialogs/index.js';
import { createWebChatApp, type WebChatOptions } from '../../../channels/web/index.js';
import type { TranscriptEntry } from '../../../src/core/turn.js';

export interface StoreCall {
  operation: 'read' | 'write' | 'delete';
  conversationId: string;
}

/** A memory store that records what was asked of it. */
export function createRecordingStore(): { store: ConversationStore; calls: StoreCall[] } {
  const inner = createMemoryStore();
  const calls: StoreCall[] = [];
  return {
    calls,
    store: {
      read: (conversationId) => {
        calls.push({ operation: 'read', conversationId });
        return inner.read(conversationId);
      },
      write: (conversationId, state, expectedVersion) => {
        calls.push({ operation: 'write', conversationId });
        return inner.write(conversationId, state, expectedVersion);
      },
      delete: (conversationId) => {
        calls.push({ operation: 'delete', conversationId });
        return inner.delete(conversationId);
      },
    },
  };
}

/** Log lines, as JSON text, from a pino logger the test can read. */
export function createCapturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, destination), lines };
}

export const clock = fixedClock('2030-03-04', 'America/New_York');

/** The signing key every fixture shares unless a test gives its own, so a "restarted" app accepts earlier tokens. */
export const testTokenSecret = 'test-only-web-token-secret-0123456789';

/** Rate limits high enough never to get in the way of a test that is not about them. */
export const generousLimits = { conversationsPerMinute: 100_000, messagesPerMinute: 100_000, messagesPerMinutePerAddress: 100_000 };

export interface WebChatFixture {
  app: ReturnType<typeof createWebChatApp>;
  bot: Bot;
  calls: StoreCall[];
  /** Store writes so far. */
  writes(): number;
  /** Starts a conversation and remembers its token. */
  start(body?: unknown): Promise<string>;
  /** The token the start gave, for a conversation this fixture (or one sharing its tokens) started. */
  token(conversationId: string): string | undefined;
  /** Posts a message with the conversation's token, unless `headers` says otherwise. */
  send(conversationId: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** `app.request` with the token of the conversation the path names. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** The conversation's stored transcript. */
  transcript(conversationId: string): Promise<TranscriptEntry[]>;
  /** Transcript watchers (open event streams) right now. */
  watching(): number;
}

/** Tokens by conversation, shared by every fixture of a test file. */
const tokens = new Map<string, string>();

export async function createWebChat(options: Partial<WebChatOptions> = {}): Promise<WebChatFixture> {
  const { store, calls } = createRecordingStore();
  const base = options.bot ?? (await createBot(acmeTelecom, { store, clock }));
  let watchers = 0;
  const bot: Bot = {
    ...base,
    watch(conversationId, listener) {
      watchers += 1;
      const stop = base.watch(conversationId, listener);
      let stopped = false;
      return () => {
        if (!stopped) watchers -= 1;
        stopped = true;
        stop();
      };
    },
  };
  const app = createWebChatApp({ ...options, bot, tokens: options.tokens ?? { secret: testTokenSecret }, limits: { ...generousLimits, ...options.limits } });
  const withToken = (path: string, init: RequestInit = {}): RequestInit => {
    const id = /^\/api\/conversations\/([^/?]+)/.exec(path)?.[1];
    const token = id ? tokens.get(decodeURIComponent(id)) : undefined;
    const headers = new Headers(init.headers);
    if (token && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${token}`);
    return { ...init, headers };
  };
  return {
    app,
    bot,
    calls,
    writes: () => calls.filter((call) => call.operation === 'write').length,
    async start(body) {
      const response = await app.request('/api/conversations', body === undefined ? { method: 'POST' } : postJson(body));
      if (response.status !== 201) throw new Error(`start answered ${response.status}: ${await response.text()}`);
      const started = (await response.json()) as { conversationId: string; token: string };
      tokens.set(started.conversationId, started.token);
      return started.conversationId;
    },
    token: (conversationId) => tokens.get(conversationId),
    send: async (conversationId, body, headers = {}) => app.request(`/api/conversations/${conversationId}/messages`, withToken(`/api/conversations/${conversationId}/messages`, postJson(body, headers))),
    request: async (path, init) => app.request(path, withToken(path, init)),
    transcript: async (conversationId) => (await bot.transcript(conversationId)) ?? [],
    watching: () => watchers,
  };
}

export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

export interface StartReplyBody {
  conversationId: string;
  token: string;
  expiresIn: number;
}

export interface TurnReplyBody {
  customer: TranscriptEntry | null;
  messages: TranscriptEntry[];
  directives: Array<{ kind: string; queue?: string }>;
  view: { awaiting: string | null; dialog: string | null; slots: Record<string, unknown> };
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  comments: string[];
}

/** Reads server-sent events frame by frame, with a deadline on every wait. */
export function readEvents(response: Response) {
  if (!response.body) throw new Error('the response has no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;
  const frames: SseFrame[] = [];

  const parse = (block: string): SseFrame => {
    const frame: SseFrame = { comments: [] };
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        frame.comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
      else if (field === 'id' || field === 'event' || field === 'retry') frame[field] = value;
    }
    return frame;
  };

  async function readMore(deadline: number): Promise<void> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new Error('timed out waiting for server-sent events');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out waiting for server-sent events')), remaining);
    });
    try {
      const { value, done } = await Promise.race([reader.read(), timeout]);
      if (done) ended = true;
      else buffer += decoder.decode(value, { stream: true });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    frames,
    /** Reads until a frame matches; returns the frames read by this call. */
    async until(matches: (frame: SseFrame) => boolean, timeoutMs = 20_000): Promise<SseFrame[]> {
      const deadline = Date.now() + timeoutMs;
      const read: SseFrame[] = [];
      for (;;) {
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const frame = parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          frames.push(frame);
          read.push(frame);
          if (matches(frame)) return read;
          end = buffer.indexOf('\n\n');
        }
        if (ended) throw new Error(`the event stream ended first; read ${JSON.stringify(read)}`);
        await readMore(deadline);
      }
    },
    /** Resolves once the server ends the stream. */
    async ended(timeoutMs = 20_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!ended) await readMore(deadline);
    },
    close: () => reader.cancel(),
  };
}

export const entryOf = (frame: SseFrame): TranscriptEntry => JSON.parse(frame.data ?? 'null') as TranscriptEntry;

export async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
