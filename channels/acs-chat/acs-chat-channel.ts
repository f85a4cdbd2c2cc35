/**
 * The ACS chat channel: customers write in an Azure Communication Services chat thread the bot's ACS
 * identity is in; their messages reach the bot as Event Grid events (channels/event-grid/), and the
 * bot answers into the thread with `@azure/communication-chat` as its identity.
 *
 * - One conversation per thread, `acs-chat:<digest of the thread id>`; the thread id is kept as the
 *   conversation's address, for replies outside a turn (notifications, the bot back after a person).
 * - The bot's own messages, and those of the people who take over (`isAgent`), are not turns.
 * - A message delivered again (Event Grid delivers at least once) runs one turn: its ACS message id is
 *   the turn's idempotency key, and a redelivered turn sends nothing.
 * - A thread is taken only when the bot is among its participants (asked once per thread); the
 *   per-recipient event (`ChatMessageReceived`) says so itself.
 * - Replies go through a per-thread outbox that keeps to ACS's rate and size limits.
 * - While a person has the conversation, the bot relays and stays quiet; when the person leaves, what
 *   the bot says then is sent into the thread.
 */
import { createHash } from 'node:crypto';
import type { ChatClient } from '@azure/communication-chat';
import type { Logger } from 'pino';
import type { Message, TranscriptEntry } from '../../src/core/turn.js';
import type { Bot } from '../../src/runtime/create-bot.js';
import type { ChannelReach } from '../../src/runtime/channel-reach.js';
import { idOf } from '../../src/handoff/azure-acs/chat-text.js';
import type { GridEvent } from '../event-grid/event-grid-events.js';
import { chatEventTypes, readChatMessage, readParticipantRemoved, type ChatMessageEvent } from './chat-events.js';
import { createThreadOutbox, type OutboxMessage, type ThreadOutboxOptions } from './thread-outbox.js';

export const acsChatChannel = 'acs-chat';

export interface AcsChatChannelOptions {
  bot: Bot;
  /** The bot's ACS user id (`8:acs:…`), a participant of the customers' threads. */
  botUserId: string;
  /** Chat as the bot's identity (`acsConnection(...).chatAs(botUserId)`). */
  chat: () => Promise<ChatClient>;
  /** The bot's name in the thread (default: the bot's name). */
  displayName?: string;
  /** People who take over conversations (an agent pool's ACS ids): their messages are not turns. */
  isAgent?: (userId: string) => boolean;
  /** Told of thread activity a handoff provider may want at once: a person's message, a participant leaving. */
  onThreadActivity?: (threadId: string) => void;
  /** The outbox's limits (default 10 messages per thread in 10 s, 28 KB each). */
  limits?: Pick<ThreadOutboxOptions, 'perWindow' | 'windowMs' | 'maxBytes'>;
  logger: Logger;
}

export interface AcsChatChannel {
  /** Event Grid handlers, by event type, for createEventGridApp. */
  readonly handlers: Readonly<Record<string, (event: GridEvent) => Promise<void>>>;
  /** How notifications reach a thread (`bot.reach('acs-chat', channel.reach)`). */
  readonly reach: ChannelReach;
  /** The conversation of a thread. */
  conversationOf(threadId: string): string;
}

/**
 * @example
 * const acs = acsConnection({ connectionString });
 * const channel = createAcsChatChannel({ bot, botUserId, chat: () => acs.chatAs(botUserId), logger });
 * bot.reach('acs-chat', channel.reach);
 * app.route('/api/acs/events', createEventGridApp({ auth, handlers: channel.handlers, logger, maxBodyBytes }));
 */
export function createAcsChatChannel(options: AcsChatChannelOptions): AcsChatChannel {
  const { bot, botUserId, logger } = options;
  const senderDisplayName = options.displayName ?? bot.name;
  const outbox = createThreadOutbox({
    ...options.limits,
    send: async (threadId, message) => {
      const client = await options.chat();
      await client.getChatThreadClient(threadId).sendMessage({ content: message.content }, { senderDisplayName, type: 'text', ...(message.metadata ? { metadata: message.metadata } : {}) });
    },
    onError: (error, threadId) => {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      logger.error({ conversationId: conversationOf(threadId), err: { name, message: message.slice(0, 200) } }, 'acs-chat reply could not be sent');
    },
  });
  /** Threads the bot is (true) or is not (false) a participant of, as asked. */
  const membership = new Map<string, Promise<boolean>>();
  /** Conversations whose person-side this process follows, to send what the bot says when they leave. */
  const followed = new Map<string, () => void>();

  function conversationOf(threadId: string): string {
    return `${acsChatChannel}:${createHash('sha256').update(threadId).digest('hex').slice(0, 32)}`;
  }

  async function isMember(threadId: string): Promise<boolean> {
    let known = membership.get(threadId);
    if (!known) {
      known = (async () => {
        const client = await options.chat();
        try {
          for await (const participant of client.getChatThreadClient(threadId).listParticipants()) {
            if (idOf(participant.id) === botUserId) return true;
          }
        } catch (error) {
          // ACS answers a thread the bot is not in with 403 (404 once it is gone).
          const status = (error as { statusCode?: unknown }).statusCode;
          if (status === 403 || status === 404) return false;
          throw error;
        }
        return false;
      })();
      membership.set(threadId, known);
      // A failed question is asked again; the answers are kept for the most recent 10,000 threads.
      known.catch(() => membership.delete(threadId));
      if (membership.size > 10_000) membership.delete(membership.keys().next().value!);
    }
    return known;
  }

  async function take(message: ChatMessageEvent): Promise<void> {
    if (message.senderId === botUserId) return;
    if (options.isAgent?.(message.senderId)) {
      options.onThreadActivity?.(message.threadId);
      return;
    }
    if (message.recipientId !== undefined ? message.recipientId !== botUserId : !(await isMember(message.threadId))) return;
    const conversationId = conversationOf(message.threadId);
    const output = await bot.handle({
      conversationId,
      channel: acsChatChannel,
      content: { kind: 'text', text: message.text },
      idempotencyKey: `acs:${message.messageId}`,
      address: { threadId: message.threadId },
    });
    if (output.redelivered) return;
    if (output.withAgent) follow(conversationId, message.threadId);
    await outbox.post(message.threadId, output.messages.map(render));
  }

  /** While a person has the conversation: the bot's words when they leave go into the thread. */
  function follow(conversationId: string, threadId: string): void {
    if (followed.has(conversationId)) return;
    const stop = bot.watch(conversationId, (entries: readonly TranscriptEntry[]) => {
      const back = entries.filter((entry) => entry.from === 'bot' && entry.text !== '');
      if (entries.some((entry) => entry.event === 'agent-left')) {
        stop();
        followed.delete(conversationId);
      }
      if (back.length > 0) void outbox.post(threadId, back.map(render));
    });
    followed.set(conversationId, stop);
  }

  return {
    conversationOf,
    handlers: {
      [chatEventTypes.messageInThread]: async (event) => take(readChatMessage(event.data)),
      [chatEventTypes.messageToUser]: async (event) => take(readChatMessage(event.data)),
      [chatEventTypes.participantRemoved]: async (event) => {
        const { threadId, participantId } = readParticipantRemoved(event.data);
        if (participantId === botUserId) membership.set(threadId, Promise.resolve(false));
        else options.onThreadActivity?.(threadId);
      },
    },
    reach: {
      async refuses(_conversationId, address) {
        return address?.threadId ? undefined : 'no-address';
      },
      async deliver(_conversationId, address, messages: readonly Message[]) {
        if (!address?.threadId) throw new Error('the conversation has no ACS thread to write to');
        if (!(await outbox.post(address.threadId, messages.map(render)))) throw new Error('ACS chat refused the message (see the log)');
      },
    },
  };
}

/** A reply as an ACS chat message: quick replies listed under the text, and in metadata for a custom page. */
function render(message: Message | Pick<TranscriptEntry, 'text' | 'quickReplies'>): OutboxMessage {
  const options = message.quickReplies ?? [];
  if (options.length === 0) return { content: message.text };
  return {
    content: `${message.text}\n${options.map((option) => option.title).join(' · ')}`,
    metadata: { 'parley.quickReplies': JSON.stringify(options) },
  };
}
