/**
 * A conversation's transcript as it grows, for a page's event stream (the web chat's, the agent
 * desk's): the stored entries after an id, then each entry added, in order and once each, with a
 * pause reported when nothing happened for a while (for a keep-alive). It watches before it reads
 * what is stored, so nothing added in between is missed; ids dedupe.
 */
import type { TranscriptEntry } from '../../src/core/turn.js';
import type { Bot } from '../../src/runtime/create-bot.js';

export interface TranscriptFeed {
  /** Reads what is stored after the id: false when there is no such conversation (for the channel). */
  start(): Promise<boolean>;
  /** The next entries (in order, never one seen before), `quiet` after `waitMs` without any, or `closed` once the feed is closed. */
  next(waitMs: number): Promise<TranscriptEntry[] | 'quiet' | 'closed'>;
  /** Stops the feed: a `next` waiting now returns `closed`. Safe to call more than once. */
  close(): void;
}

/**
 * @example
 * const feed = openTranscriptFeed(bot, conversationId, { after: 0, channel: 'web' });
 * if (await feed.start()) for (let got = await feed.next(15_000); got !== 'closed'; got = await feed.next(15_000)) { … }
 */
export function openTranscriptFeed(bot: Pick<Bot, 'watch' | 'transcript'>, conversationId: string, options: { after: number; channel?: string }): TranscriptFeed {
  const pending: TranscriptEntry[] = [];
  let wake = () => {};
  let open = true;
  let last = options.after;
  const unsubscribe = bot.watch(conversationId, (entries) => {
    pending.push(...entries);
    wake();
  });
  const take = (): TranscriptEntry[] => {
    const fresh: TranscriptEntry[] = [];
    for (const entry of pending.splice(0)) {
      if (entry.id <= last) continue;
      fresh.push(entry);
      last = entry.id;
    }
    return fresh;
  };
  return {
    async start() {
      const stored = await bot.transcript(conversationId, { after: options.after, ...(options.channel ? { channel: options.channel } : {}) });
      if (!stored) return false;
      pending.unshift(...stored);
      return true;
    },
    async next(waitMs) {
      for (;;) {
        if (!open) return 'closed';
        const fresh = take();
        if (fresh.length > 0) return fresh;
        const quiet = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), waitMs);
          wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
        });
        wake = () => {};
        if (quiet && open) return 'quiet';
      }
    },
    close() {
      if (!open) return;
      open = false;
      unsubscribe();
      wake();
    },
  };
}
