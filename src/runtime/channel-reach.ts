/**
 * How a channel writes to a customer who is not talking right now (`bot.notify`): each channel that
 * can reach its customers outside a turn — SMS, ACS chat, Bot Framework — registers one with the bot
 * (`bot.reach(channel, reach)`). Web chat needs none: an open page follows the transcript, where a
 * notification is written.
 */
import type { ChannelAddress, Message } from '../core/turn.js';

/** Why a notification was not sent. */
export type NotifyRefusal =
  /** The customer said STOP on this channel. */
  | 'opted-out'
  /** Inside the configured quiet hours, in the conversation's time zone. */
  | 'quiet-hours'
  /** A person has the conversation: the bot does not talk over them. */
  | 'with-agent'
  /** The conversation has no address to write to (it started before addresses were kept). */
  | 'no-address';

export interface ChannelReach {
  /** Why this customer may not be written to now; undefined when they may. Optional: never refused. */
  refuses?(conversationId: string, address: ChannelAddress | undefined): Promise<NotifyRefusal | undefined>;
  /**
   * Sends the messages to the customer, as the channel sends a turn's replies (merged, paced, split
   * into segments). Rejects when the channel could not; the notification is then still in the
   * transcript, where a page reloaded or the next turn shows it.
   */
  deliver(conversationId: string, address: ChannelAddress | undefined, messages: readonly Message[]): Promise<void>;
}
