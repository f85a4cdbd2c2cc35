// The scale test's customers, as web chat clients of several `parley serve` processes: start a
// conversation, send messages with a clientMessageId, read the transcript. A busy answer (429, 503)
// is retried as a client would, after its Retry-After, at the next process (a load balancer may send
// the retry anywhere); a connection that fails is retried the same way, which the clientMessageId
// makes safe. Both are counted, not failures.
import type { TranscriptEntry } from '../../src/core/turn.js';
import type { TurnReply } from '../../channels/web/conversation-turns.js';

/** Error codes of answers that mean "not now": the same message may be sent again. */
const busyCodes = new Set(['conversation-busy', 'rate-limited', 'at-capacity', 'shutting-down']);
const maxTries = 12;
/** Bounds every request, so that a hung process fails the test instead of holding it. */
const requestTimeoutMs = 60_000;

export interface WebConversation {
  conversationId: string;
  token: string;
}

export type WebAnswer = { kind: 'reply'; reply: TurnReply; process: number } | { kind: 'failed'; why: string };

export interface DeliveryCounts {
  /** Busy answers, by HTTP status. */
  busy: Record<number, number>;
  /** Requests whose connection failed (retried). */
  transportErrors: number;
  /** HTTP requests made. */
  requests: number;
}

export interface WebCustomer {
  readonly counts: DeliveryCounts;
  start(process: number): Promise<WebConversation>;
  send(process: number, conversation: WebConversation, message: { text: string; clientMessageId: string }): Promise<WebAnswer>;
  transcript(process: number, conversation: WebConversation): Promise<TranscriptEntry[]>;
}

/**
 * @example
 * const customer = createWebCustomer(['http://127.0.0.1:4001', 'http://127.0.0.1:4002']);
 * const conversation = await customer.start(0);
 * const answer = await customer.send(1, conversation, { text: 'hi', clientMessageId: 'm1' });
 */
export function createWebCustomer(urls: readonly string[]): WebCustomer {
  const counts: DeliveryCounts = { busy: {}, transportErrors: 0, requests: 0 };

  /** The answer's status and JSON body, after busy answers and failed connections were retried. */
  async function call(process: number, path: string, init: { method: string; token?: string; body?: unknown }): Promise<{ status: number; body: unknown; process: number }> {
    let last = '';
    for (let attempt = 0; attempt < maxTries; attempt++) {
      const target = (process + attempt) % urls.length;
      counts.requests += 1;
      let response: Response;
      try {
        response = await fetch(`${urls[target]}${path}`, {
          method: init.method,
          headers: { ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
          ...(init.body ? { body: JSON.stringify(init.body) } : {}),
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
      } catch (error) {
        counts.transportErrors += 1;
        last = `${init.method} ${path} to process ${target}: ${(error as Error).message}`;
        await pause(100);
        continue;
      }
      const text = await response.text();
      const body = readJson(text) as { error?: { code?: string } };
      if (!busyCodes.has(body.error?.code ?? '')) return { status: response.status, body, process: target };
      counts.busy[response.status] = (counts.busy[response.status] ?? 0) + 1;
      last = `${response.status} ${body.error?.code}`;
      await pause(1000 * Number(response.headers.get('Retry-After') ?? 1) + Math.random() * 250);
    }
    throw new Error(`gave up after ${maxTries} tries: ${last}`);
  }

  return {
    counts,
    async start(process) {
      const { status, body } = await call(process, '/api/conversations', { method: 'POST', body: {} });
      if (status !== 201) throw new Error(`POST /api/conversations answered ${status}: ${JSON.stringify(body)}`);
      return body as WebConversation;
    },
    async send(process, conversation, message) {
      try {
        const { status, body, process: answered } = await call(process, `/api/conversations/${conversation.conversationId}/messages`, { method: 'POST', token: conversation.token, body: message });
        return status === 200 ? { kind: 'reply', reply: body as TurnReply, process: answered } : { kind: 'failed', why: `${status} ${JSON.stringify(body)}` };
      } catch (error) {
        return { kind: 'failed', why: (error as Error).message };
      }
    },
    async transcript(process, conversation) {
      const { status, body } = await call(process, `/api/conversations/${conversation.conversationId}/messages?after=0`, { method: 'GET', token: conversation.token });
      if (status !== 200) throw new Error(`GET the transcript of ${conversation.conversationId} answered ${status}: ${JSON.stringify(body)}`);
      return (body as { messages: TranscriptEntry[] }).messages;
    },
  };
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { notJson: text.slice(0, 200) };
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
