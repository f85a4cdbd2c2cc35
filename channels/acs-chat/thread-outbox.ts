/**
 * Replies on their way into ACS chat threads, within the service's limits: at most `perWindow`
 * messages per thread in any `windowMs` (ACS throttles a thread that sends faster, with 429), and at
 * most `maxBytes` of content per message (28 KB). Replies that wait for the window are merged into
 * one message, so a burst costs one send; a reply too long for one message is split between
 * paragraphs or sentences. Threads are independent; each sends in order.
 */

export interface OutboxMessage {
  content: string;
  /** ACS message metadata (string values): the last one of a merged message wins. */
  metadata?: Record<string, string>;
}

export interface ThreadOutboxOptions {
  /** Sends one message into a thread; rejects when ACS refused it (the error is the caller's to report). */
  send(threadId: string, message: OutboxMessage): Promise<void>;
  /** Default 10 messages per thread… */
  perWindow?: number;
  /** …in any 10 seconds. */
  windowMs?: number;
  /** Default 28 KB, ACS's limit on a message's content. */
  maxBytes?: number;
  /** Told of a send that failed for good. */
  onError?(error: unknown, threadId: string): void;
  now?: () => number;
}

export interface ThreadOutbox {
  /** Queues replies for a thread; resolves once they are sent (true) or failed and were reported (false). */
  post(threadId: string, messages: readonly OutboxMessage[]): Promise<boolean>;
  /** Messages waiting, over all threads. */
  readonly pending: number;
}

interface Thread {
  queue: Array<{ message: OutboxMessage; done: (sent: boolean) => void }>;
  /** Times of the sends in the current window, oldest first. */
  sent: number[];
  running: boolean;
}

/** The gap between two messages of a merged reply. */
const joiner = '\n\n';

export function createThreadOutbox(options: ThreadOutboxOptions): ThreadOutbox {
  const perWindow = options.perWindow ?? 10;
  const windowMs = options.windowMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 28 * 1024;
  const now = options.now ?? Date.now;
  const threads = new Map<string, Thread>();
  let pending = 0;

  async function drain(threadId: string, thread: Thread): Promise<void> {
    thread.running = true;
    try {
      while (thread.queue.length > 0) {
        const wait = waitFor(thread);
        if (wait > 0) {
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
        const batch = takeBatch(thread.queue, maxBytes);
        pending -= batch.length;
        const merged = merge(batch.map((item) => item.message));
        let sent = true;
        for (const part of splitContent(merged.content, maxBytes)) {
          thread.sent.push(now());
          try {
            await options.send(threadId, { content: part, ...(merged.metadata ? { metadata: merged.metadata } : {}) });
          } catch (error) {
            options.onError?.(error, threadId);
            sent = false;
            break;
          }
        }
        for (const item of batch) item.done(sent);
      }
    } finally {
      thread.running = false;
      // Forgotten once its window has passed with nothing more to send.
      setTimeout(() => {
        if (!thread.running && thread.queue.length === 0 && waitFor(thread) === 0 && thread.sent.length === 0 && threads.get(threadId) === thread) threads.delete(threadId);
      }, windowMs).unref?.();
    }
  }

  /** Milliseconds until the thread may send again. */
  function waitFor(thread: Thread): number {
    const cutoff = now() - windowMs;
    while (thread.sent.length > 0 && thread.sent[0]! <= cutoff) thread.sent.shift();
    return thread.sent.length < perWindow ? 0 : thread.sent[0]! + windowMs - now();
  }

  return {
    get pending() {
      return pending;
    },
    post(threadId, messages) {
      const wanted = messages.filter((message) => message.content.trim() !== '');
      if (wanted.length === 0) return Promise.resolve(true);
      const thread = threads.get(threadId) ?? { queue: [], sent: [], running: false };
      threads.set(threadId, thread);
      const done = wanted.map((message) => new Promise<boolean>((resolve) => thread.queue.push({ message, done: resolve })));
      pending += wanted.length;
      if (!thread.running) void drain(threadId, thread);
      return Promise.all(done).then((results) => results.every(Boolean));
    },
  };
}

/** The queued replies that fit one message together (always at least the first). */
function takeBatch<T extends { message: OutboxMessage }>(queue: T[], maxBytes: number): T[] {
  let bytes = 0;
  let count = 0;
  for (const item of queue) {
    const size = Buffer.byteLength(item.message.content) + (count > 0 ? joiner.length : 0);
    if (count > 0 && bytes + size > maxBytes) break;
    bytes += size;
    count++;
  }
  return queue.splice(0, count);
}

function merge(messages: readonly OutboxMessage[]): OutboxMessage {
  const metadata = messages.findLast((message) => message.metadata)?.metadata;
  return { content: messages.map((message) => message.content).join(joiner), ...(metadata ? { metadata } : {}) };
}

/**
 * A content in parts of at most `maxBytes` (UTF-8), cut after a paragraph, else a sentence, else a
 * space, else anywhere between characters.
 */
export function splitContent(content: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let rest = content;
  while (Buffer.byteLength(rest) > maxBytes) {
    const fits = longestPrefix(rest, maxBytes);
    const window = rest.slice(0, fits);
    const cut = lastCut(window, joiner) ?? lastCut(window, '. ') ?? lastCut(window, ' ') ?? fits;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '') parts.push(rest);
  return parts;
}

/** How many UTF-16 units of `text` fit in `maxBytes` of UTF-8, never splitting a surrogate pair. */
function longestPrefix(text: string, maxBytes: number): number {
  let bytes = 0;
  let index = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    index += char.length;
  }
  return index;
}

/** Where to cut after the last `separator` in `window`; undefined when there is none past its first quarter. */
function lastCut(window: string, separator: string): number | undefined {
  const at = window.lastIndexOf(separator);
  return at > window.length / 4 ? at + separator.length : undefined;
}
