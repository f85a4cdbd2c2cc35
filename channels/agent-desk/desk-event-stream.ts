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
import { openTranscriptFeed } from '../web/transcript-feed.js';

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
    const feed = openTranscriptFeed(bot, conversationId, { after: options.after });
    const stop = () => feed.close();
    stream.onAbort(stop);
    signal?.addEventListener('abort', stop, { once: true });
    if (signal?.aborted) stop();
    try {
      if (!(await feed.start())) return await end(stream, 'gone');
      await stream.write(': connected\n\n');
      for (;;) {
        const got = await feed.next(heartbeatMs);
        if (got === 'closed') break;
        if (got === 'quiet') {
          if (!(await options.isOpen())) return await end(stream, 'gone');
          await stream.write(': keep-alive\n\n');
          continue;
        }
        for (const entry of got) await stream.writeSSE({ id: String(entry.id), event: 'entry', data: JSON.stringify(deskEntry(entry)) });
        // The bot's words come with the leaving, in the same batch: they were just sent.
        if (got.some((entry) => entry.event === 'agent-left' && entry.id > options.handoffEntryId)) return await end(stream, 'left');
      }
    } finally {
      feed.close();
      options.onClose?.();
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
