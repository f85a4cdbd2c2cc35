/**
 * A person's words to a Bot Framework customer. While a handoff provider's agent has the
 * conversation, what the agent says arrives outside any turn; this sends it to the customer's
 * conversation proactively (botbuilder's `continueConversationAsync`, with the reference of their
 * latest activity), with a note when the agent joins and leaves, until the agent leaves and the bot,
 * which says so, has the conversation again. Followed in the process that served the customer's
 * latest activity; another process takes over with the next one.
 */
import { ActivityTypes, TextFormatTypes, type Activity, type ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { TranscriptEntry } from '../../src/core/turn.js';
import type { Bot } from '../../src/runtime/create-bot.js';
import type { ActivityAdapter } from './activity-adapter.js';

export interface AgentRepliesOptions {
  bot: Bot;
  adapter: ActivityAdapter;
  /** The bot's app id (empty without authentication, with the Emulator). */
  appId: string;
  logger: Logger;
}

export interface AgentReplies {
  /** Sends the agent's side of this conversation to the customer from now on (the latest reference wins). */
  follow(conversationId: string, reference: Partial<ConversationReference>): void;
}

export function createAgentReplies({ bot, adapter, appId, logger }: AgentRepliesOptions): AgentReplies {
  const followed = new Map<string, { reference: Partial<ConversationReference>; stop: () => void }>();

  async function send(conversationId: string, entries: readonly TranscriptEntry[]): Promise<void> {
    const current = followed.get(conversationId);
    if (!current) return;
    const activities = entries.flatMap(activityOf);
    if (entries.some((entry) => entry.event === 'agent-left')) {
      current.stop();
      followed.delete(conversationId);
    }
    if (activities.length === 0) return;
    try {
      await adapter.continueConversationAsync(appId, current.reference as ConversationReference, async (context) => {
        await context.sendActivities(activities);
      });
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      logger.error({ conversationId, err: { name, message: message.slice(0, 200) } }, 'bot-framework agent reply could not be sent');
    }
  }

  return {
    follow(conversationId, reference) {
      const current = followed.get(conversationId);
      if (current) {
        current.reference = reference;
        return;
      }
      // Entries come in order; each batch waits for the one before it to be sent.
      let sending = Promise.resolve();
      const stop = bot.watch(conversationId, (entries) => {
        sending = sending.then(() => send(conversationId, entries));
      });
      followed.set(conversationId, { reference, stop });
    },
  };
}

/** What the customer sees of an entry made outside a turn: the agent's words, notes, the bot back. */
function activityOf(entry: TranscriptEntry): Partial<Activity>[] {
  const message = (text: string): Partial<Activity> => ({ type: ActivityTypes.Message, text, textFormat: TextFormatTypes.Plain });
  if (entry.event === 'agent-joined') return [message(`${entry.text || 'A person'} has joined the conversation.`)];
  if (entry.event === 'agent-left') return [message('The person has left the conversation.')];
  if (entry.from === 'agent' || entry.from === 'bot') return entry.text ? [message(entry.text)] : [];
  return [];
}
