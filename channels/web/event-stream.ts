/**
 * A conversation as server-sent events: the entries after the client's last one, then every entry
 * added to its transcript (bot replies, a person after a handoff, a slow task), with a keep-alive
 * comment when nothing happens. Ends when the client goes away, the server shuts down, or `maxMs` passes.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { TranscriptEntry } from '../../src/core/turn.js';
import type { Bot } from '../../src/runtime/create-bot.js';

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
    const pending: TranscriptEntry[] = [];
    let wake = () => {};
    let open = true;
    const stop = () => {
      open = false;
      wake();
    };
    // Watch before reading the backlog, so nothing added in between is missed; ids dedupe.
    const unsubscribe = bot.watch(conversationId, (entries) => {
      pending.push(...entries);
      wake();
    });
    stream.onAbort(stop);
    c.req.raw.signal.addEventListener('abort', stop, { once: true });
    signal?.addEventListener('abort', stop, { once: true });
    if (signal?.aborted || c.req.raw.signal.aborted) stop();
    try {
      pending.unshift(...((await bot.transcript(conversationId, { channel: 'web', after: options.after })) ?? []));
      let last = options.after;
      await stream.write(`retry: ${options.retryMs}\n: connected\n\n`);
      while (open) {
        while (open && pending.length > 0) {
          const entry = pending.shift()!;
          if (entry.id <= last) continue;
          await stream.writeSSE({ id: String(entry.id), event: 'message', data: JSON.stringify(entry) });
          last = entry.id;
        }
        const left = endsAt - performance.now();
        if (!open || left <= 0) break;
        const quiet = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), Math.min(heartbeatMs, left));
          wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
        });
        wake = () => {};
        if (quiet && open && performance.now() < endsAt) await stream.write(': keep-alive\n\n');
      }
    } finally {
      options.onClose?.();
      unsubscribe();
      c.req.raw.signal.removeEventListener('abort', stop);
      signal?.removeEventListener('abort', stop);
    }
  });
}
