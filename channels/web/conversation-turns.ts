/**
 * Runs web chat turns: inside the server's `track` (graceful shutdown waits for them), with the
 * message's `clientMessageId` as the turn's idempotency key (a retry after a lost answer gets the
 * first answer, from the conversation's store, even after a restart). The bot runs a
 * conversation's turns one at a time, so two tabs never interleave a transcript.
 */
import type { ConversationView, Directive, TranscriptEntry } from '../../src/core/turn.js';
import type { Bot } from '../../src/runtime/create-bot.js';
import { toTurnInput, type MessageBody } from './message-payloads.js';

export interface TurnReply {
  /** The customer's message as the transcript holds it; null for events and empty text. */
  customer: TranscriptEntry | null;
  /** The bot's replies of this turn, then one entry per directive. */
  messages: TranscriptEntry[];
  directives: Directive[];
  view: ConversationView;
}

export type Track = <T>(work: () => Promise<T>) => Promise<T>;

export async function takeTurn(bot: Bot, track: Track, conversationId: string, body: MessageBody): Promise<TurnReply> {
  // Only a conversation that exists: a turn never starts one here (POST /api/conversations does).
  const output = await track(() => bot.handle(toTurnInput(conversationId, body), { onlyExisting: true }));
  const entries = output.transcript ?? [];
  // The customer's words, and the rest (a person's last words before the bot had the conversation back may come first).
  const customer = entries.find((entry) => entry.from === 'customer') ?? null;
  return { customer, messages: entries.filter((entry) => entry !== customer), directives: output.directives, view: output.view };
}
