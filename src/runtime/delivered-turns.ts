/**
 * Exactly one turn per delivery: channels redeliver (Bot Framework retries a slow activity, a web
 * page retries after a lost answer), and a second run would answer twice and move the dialog on
 * twice. The answer to each recent idempotency key is kept with the conversation, written in the
 * same compare-and-set as the turn, so it holds across processes and restarts.
 */
import { createHash } from 'node:crypto';
import { IdempotencyKeyReusedError, ParleyError } from '../core/errors.js';
import type { Message, TurnInput, TurnOutput } from '../core/turn.js';
import type { ConversationRecord, StoredReply } from './conversation-record.js';
import { transcriptBetween } from './transcript.js';

/** Keys remembered per conversation: a channel redelivers within seconds, not dozens of turns later. */
const rememberedKeys = 8;
const longestKey = 200;

export function checkIdempotencyKey(key: string | undefined): void {
  if (key === undefined) return;
  if (typeof key !== 'string' || key.length === 0 || key.length > longestKey) {
    throw new ParleyError('input-rejected', `an idempotency key is 1–${longestKey} characters`);
  }
}

/** What identifies a delivery's content, without keeping the content. */
export function deliveryDigest(input: TurnInput): string {
  return createHash('sha256').update(JSON.stringify([input.channel, input.content])).digest('base64url').slice(0, 22);
}

/** The stored answer to this delivery, if it was answered before; throws when the key was used for other content. */
export function findDelivered(record: ConversationRecord | undefined, input: TurnInput, conversationId: string): StoredReply | undefined {
  if (!record || input.idempotencyKey === undefined) return undefined;
  const reply = record.replies.find((candidate) => candidate.key === input.idempotencyKey);
  if (!reply) return undefined;
  if (reply.digest !== deliveryDigest(input)) throw new IdempotencyKeyReusedError(conversationId);
  return reply;
}

/**
 * Keeps the answer to a keyed delivery (in place), dropping the oldest beyond the limit. The replies
 * themselves are not copied when the transcript holds them: the answer points at its entries, which
 * the transcript keeps while an answer points at them.
 */
export function rememberDelivered(record: ConversationRecord, input: TurnInput, output: Pick<TurnOutput, 'messages' | 'directives' | 'view' | 'transcript'>): void {
  if (input.idempotencyKey === undefined) return;
  const added = output.transcript ?? [];
  const reply: StoredReply = {
    key: input.idempotencyKey,
    digest: deliveryDigest(input),
    directives: output.directives,
    view: output.view,
    entries: added.length ? [added[0]!.id, added[added.length - 1]!.id] : null,
  };
  if (!added.some((entry) => entry.from === 'bot')) reply.messages = output.messages;
  record.replies.push(reply);
  if (record.replies.length > rememberedKeys) record.replies.splice(0, record.replies.length - rememberedKeys);
}

/** The oldest transcript entry a remembered answer points at: the transcript keeps it and all after it. */
export function oldestAnswerEntry(record: ConversationRecord): number | undefined {
  let oldest: number | undefined;
  for (const reply of record.replies) if (reply.entries && (oldest === undefined || reply.entries[0] < oldest)) oldest = reply.entries[0];
  return oldest;
}

/** The stored answer as the turn's output, with the transcript entries it added. */
export function replayDelivered(conversationId: string, record: ConversationRecord, reply: StoredReply): TurnOutput {
  const [first, last] = reply.entries ?? [1, 0];
  const transcript = transcriptBetween(record, first, last);
  const messages: Message[] = reply.messages ?? transcript
    .filter((entry) => entry.from === 'bot' && !entry.directive)
    .map((entry) => (entry.quickReplies ? { text: entry.text, quickReplies: entry.quickReplies } : { text: entry.text }));
  return { conversationId, messages, directives: reply.directives, view: reply.view, transcript, redelivered: true };
}
