/**
 * A conversation as server-sent events: the entries after the client's last one, then every entry
 * added to its transcript (bot replies, a person after a handoff, a slow task), with a keep-alive
 * comment when nothing happens. Ends when the client goes away, the server shuts down, or `maxMs` passes.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Bot } from '../../src/runtime/create-bot.js';
import { openTranscriptFeed } from './transcript-feed.js';

export interface EventStreamOptions {
  bot: Bot;
  conversationId: string;
  /** Replay entries after this id. */
  after: number;
  heartbeatMs: number;
  /** How long a browser waits before reconnecting by itself. */
  retryMs: number;
  /** Ends the stream after this long (after the stored entries, however short); the browser reconnects. Default: never. */
  maxMs?: number;
  signal?: AbortSignal;
  /** Called once when the stream ends. */
  onClose?: () => void;
}

export function streamConversation(c: Context, options: EventStreamOptions): Response {
  const { bot, conversationId, heartbeatMs, signal } = options;
  const endsAt = options.maxMs === undefined ? Infinity : performance.now() + options.maxMs;
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    const feed = openTranscriptFeed(bot, conversationId, { after: options.after, channel: 'web' });
    const stop = () => feed.close();
    stream.onAbort(stop);
    c.req.raw.signal.addEventListener('abort', stop, { once: true });
    signal?.addEventListener('abort', stop, { once: true });
    if (signal?.aborted || c.req.raw.signal.aborted) stop();
    try {
      await feed.start();
      await stream.write(`retry: ${options.retryMs}\n: connected\n\n`);
      // The stored entries go however short `maxMs` is; then it ends the stream.
      for (;;) {
        const got = await feed.next(Math.max(0, Math.min(heartbeatMs, endsAt - performance.now())));
        if (got === 'closed') break;
        if (got !== 'quiet') {
          for (const entry of got) await stream.writeSSE({ id: String(entry.id), event: 'message', data: JSON.stringify(entry) });
        } else if (performance.now() < endsAt) await stream.write(': keep-alive\n\n');
        if (performance.now() >= endsAt) break;
      }
    } finally {
      feed.close();
      options.onClose?.();
      c.req.raw.signal.removeEventListener('abort', stop);
      signal?.removeEventListener('abort', stop);
    }
  });
}
