/**
 * A handed-off conversation as server-sent events, for the person at the desk: the transcript
 * entries after the desk's last one (by default, after the handoff), then each one added — the
 * customer's words, the person's own, their joining and leaving, the bot's when it has the
 * conversation back — with a keep-alive comment when nothing happens. It ends, with an `end` event,
 * once the person has left (and the bot's words that follow are sent) or the handoff is no longer
 * open; and when the desk goes away or the server shuts down.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { TranscriptEntry } from '../../src/core/turn.js';
import type { Bot } from '../../src/runtime/create-bot.js';

export interface DeskStreamOptions {
  bot: Pick<Bot, 'watch' | 'transcript'>;
  conversationId: string;
  /** Send entries after this id. */
  after: number;
  /** The handoff's own entry: a person leaving after it ends the stream (an earlier handoff's leaving does not). */
  handoffEntryId: number;
  heartbeatMs: number;
  /** Whether the handoff is still open: asked when nothing happened for `heartbeatMs`. */
  isOpen: () => Promise<boolean>;
  signal?: AbortSignal;
  /** Called once when the stream ends. */
  onClose?: () => void;
}

/** What the desk gets of an entry: who said what, and when; a person joining or leaving; a directive. */
export interface DeskEntry {
  id: number;
  from: TranscriptEntry['from'];
  text: string;
  at: string;
  event?: TranscriptEntry['event'];
  directive?: TranscriptEntry['directive'];
}

export function streamHandoff(c: Context, options: DeskStreamOptions): Response {
  const { bot, conversationId, heartbeatMs, signal } = options;
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    const pending: TranscriptEntry[] = [];
    let wake = () => {};
    let open = true;
    const stop = () => {
      open = false;
      wake();
    };
    // Watch before reading what is stored, so nothing added in between is missed; ids dedupe.
    const unsubscribe = bot.watch(conversationId, (entries) => {
      pending.push(...entries);
      wake();
    });
    stream.onAbort(stop);
    signal?.addEventListener('abort', stop, { once: true });
    if (signal?.aborted) stop();
    try {
      const stored = await bot.transcript(conversationId, { after: options.after });
      if (!stored) return await end(stream, 'gone');
      pending.unshift(...stored);
      let last = options.after;
      let left = false;
      await stream.write(': connected\n\n');
      while (open) {
        while (open && pending.length > 0) {
          const entry = pending.shift()!;
          if (entry.id <= last) continue;
          await stream.writeSSE({ id: String(entry.id), event: 'entry', data: JSON.stringify(deskEntry(entry)) });
          last = entry.id;
          if (entry.event === 'agent-left' && entry.id > options.handoffEntryId) left = true;
        }
        // The bot's words come with the leaving, in the same batch: they were just sent.
        if (left) return await end(stream, 'left');
        if (!open) break;
        const quiet = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), heartbeatMs);
          wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
        });
        wake = () => {};
        if (!quiet || !open) continue;
        if (!(await options.isOpen())) return await end(stream, 'gone');
        await stream.write(': keep-alive\n\n');
      }
    } finally {
      options.onClose?.();
      unsubscribe();
      signal?.removeEventListener('abort', stop);
    }
  });
}

/** `left`: the person left and the bot has the conversation; `gone`: the handoff is no longer open (the customer left, or it was lost). */
async function end(stream: { writeSSE(message: { event: string; data: string }): Promise<void> }, reason: 'left' | 'gone'): Promise<void> {
  await stream.writeSSE({ event: 'end', data: JSON.stringify({ reason }) });
}

function deskEntry(entry: TranscriptEntry): DeskEntry {
  return {
    id: entry.id,
    from: entry.from,
    text: entry.text,
    at: entry.at,
    ...(entry.event ? { event: entry.event } : {}),
    ...(entry.directive ? { directive: entry.directive } : {}),
  };
}
