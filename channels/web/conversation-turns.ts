/**
 * Runs web chat turns: one at a time per conversation (so two tabs never interleave a transcript),
 * inside the server's `track` (graceful shutdown waits for them), and at most once per client
 * message id (a retry after a lost response gets the first answer instead of a second turn).
 */
import type { Directive, ConversationView } from '../../src/core/turn.js';
import type { Bot } from '../../src/runtime/create-bot.js';
import type { ConversationHub, TranscriptEntry } from '../../src/runtime/conversation-hub.js';
import { createKeyedQueue } from '../../src/state/keyed-queue.js';
import { toTurnInput, type MessageBody } from './message-payloads.js';
import { customerEntry, renderTurn } from './render-turn.js';

export interface TurnReply {
  /** The customer's message as the transcript holds it; null for events and empty text. */
  customer: TranscriptEntry | null;
  /** The bot's replies of this turn, then one entry per directive. */
  messages: TranscriptEntry[];
  directives: Directive[];
  view: ConversationView;
}

export type Track = <T>(work: () => Promise<T>) => Promise<T>;

export interface ConversationTurns {
  take(conversationId: string, body: MessageBody, locale: string | undefined): Promise<TurnReply>;
}

const rememberedReplies = 2000;

export function createConversationTurns(options: { bot: Bot; hub: ConversationHub; track: Track }): ConversationTurns {
  const { bot, hub, track } = options;
  const queue = createKeyedQueue();
  const replies = new Map<string, Promise<TurnReply>>();

  async function run(conversationId: string, body: MessageBody, locale: string | undefined): Promise<TurnReply> {
    const output = await bot.handle(toTurnInput(conversationId, body, locale));
    // Written only once the turn succeeded, customer first, in one append so nothing slips between.
    const said = 'text' in body ? customerEntry(body.text) : undefined;
    const entries = hub.append(conversationId, said ? [said, ...renderTurn(output)] : renderTurn(output));
    return {
      customer: said ? entries[0]! : null,
      messages: said ? entries.slice(1) : entries,
      directives: output.directives,
      view: output.view,
    };
  }

  return {
    take(conversationId, body, locale) {
      const key = body.clientMessageId ? `${conversationId}\n${body.clientMessageId}` : undefined;
      const earlier = key ? replies.get(key) : undefined;
      if (earlier) return earlier;
      const reply = track(() => queue.run(conversationId, () => run(conversationId, body, locale)));
      if (key) {
        replies.set(key, reply);
        if (replies.size > rememberedReplies) replies.delete(replies.keys().next().value!);
        reply.catch(() => replies.delete(key));
      }
      return reply;
    },
  };
}
