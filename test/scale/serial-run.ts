// The reference the scale test holds the processes to: the same conversations, under the same ids,
// run one after another by one bot in this process (memory store), through the web channel's own
// turn function, so that each answer has the shape the web API sends.
import { createBot } from '../../src/runtime/create-bot.js';
import type { TranscriptEntry } from '../../src/core/turn.js';
import { takeTurn, type TurnReply } from '../../channels/web/conversation-turns.js';
import type { PlannedConversation } from './scale-plan.js';
import { defineScaleBot } from './scale-bot.js';

export interface SerialConversation {
  replies: TurnReply[];
  transcript: TranscriptEntry[];
  /** The side-effect lines of its dialog code, in order. */
  effects: string[];
}

/**
 * @example
 * const serial = await runSerially([{ conversationId: 'web-1', planned }]);
 */
export async function runSerially(conversations: ReadonlyArray<{ conversationId: string; planned: PlannedConversation }>): Promise<Map<string, SerialConversation>> {
  const effects = new Map<string, string[]>();
  const record = (line: string) => {
    const conversationId = line.slice(0, line.indexOf(' '));
    effects.set(conversationId, [...(effects.get(conversationId) ?? []), line]);
  };
  const bot = await createBot(defineScaleBot(record));
  const results = new Map<string, SerialConversation>();
  for (const { conversationId, planned } of conversations) {
    await bot.start(conversationId, { channel: 'web' });
    const replies: TurnReply[] = [];
    for (const turn of planned.turns) {
      replies.push(await takeTurn(bot, (work) => work(), conversationId, { text: turn.text, clientMessageId: turn.clientMessageId }));
    }
    const transcript = (await bot.transcript(conversationId, { channel: 'web' })) ?? [];
    results.set(conversationId, { replies, transcript, effects: effects.get(conversationId) ?? [] });
  }
  return results;
}
