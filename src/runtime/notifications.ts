/**
 * Proactive notifications (`bot.notify`): a message to a customer who is not talking right now —
 * "Your technician arrives at 3pm. Reply CHANGE to rebook." It is written into the conversation (so a
 * reloaded page, Repeat and a person taking over see it, and with an offer the customer's reply
 * starts the right dialog), then sent by the channel that owns the conversation (its ChannelReach),
 * unless the customer opted out there, a person has the conversation, or it is quiet hours.
 */
import { ParleyError } from '../core/errors.js';
import type { ChannelAddress, Message, NewTranscriptEntry, QuickReply } from '../core/turn.js';
import type { AnnouncedOffer, Engine } from '../engine/engine.js';
import type { ChannelReach, NotifyRefusal } from './channel-reach.js';
import type { ConversationRecord } from './conversation-record.js';
import type { Clock } from '../core/clock.js';

export interface NotifyOptions {
  /** What to say, in the conversation's language. */
  text: string;
  quickReplies?: QuickReply[];
  /**
   * A dialog the customer's reply starts: yes, or one of `replies` ("CHANGE"), starts it; anything
   * else is read as usual. Offered only while no task is under way.
   */
  offer?: AnnouncedOffer;
  /** Only a conversation this channel owns. */
  channel?: string;
  /** Sent even inside quiet hours (an outage, a fraud alert). Never past an opt-out. */
  urgent?: boolean;
}

export interface NotifyResult {
  conversationId: string;
  /**
   * `sent` by the owning channel; `stored`: in the transcript only — the channel has no way to write
   * first (web chat: an open page shows it at once, a closed one at the next visit), or sending failed
   * (`error`); `refused`, with `refusal`: nothing was stored or sent.
   */
  status: 'sent' | 'stored' | 'refused';
  refusal?: NotifyRefusal;
  /** Whether the offer was made (false while a task was under way). */
  offered: boolean;
  /** Why sending failed, in the channel's words (no customer data). */
  error?: string;
}

/** Quiet hours, as local times of the bot's time zone (`21:00` to `08:00`). */
export interface QuietHours {
  from: string;
  to: string;
}

export interface NotifierContext {
  engine: Engine;
  clock: Clock;
  defaultLocale: string;
  quietHours: QuietHours | undefined;
  read(conversationId: string): Promise<ConversationRecord | undefined>;
  /** As agent-sessions' change: `work` edits the record alone among the conversation's operations. */
  change(conversationId: string, work: (record: ConversationRecord) => NewTranscriptEntry[] | undefined): Promise<unknown>;
  reachOf(channel: string): ChannelReach | undefined;
}

/** The longest notification text. */
const maxNotificationLength = 4096;

export function createNotifier(context: NotifierContext) {
  const quiet = context.quietHours && parseQuietHours(context.quietHours);

  return async function notify(conversationId: string, options: NotifyOptions): Promise<NotifyResult> {
    checkNotifyOptions(options);
    const stored = await context.read(conversationId);
    if (!stored || (options.channel !== undefined && stored.channel !== null && stored.channel !== options.channel)) {
      throw new ParleyError('input-rejected', `no conversation ${conversationId}${options.channel ? ` on ${options.channel}` : ''} to notify (never started, expired or erased)`);
    }
    const channel = stored.channel ?? 'unknown';
    const reach = context.reachOf(channel);
    const refused = (refusal: NotifyRefusal): NotifyResult => ({ conversationId, status: 'refused', refusal, offered: false });
    // An opt-out is the customer's word, and outranks urgency.
    const optedOut = await reach?.refuses?.(conversationId, stored.address);
    if (optedOut) return refused(optedOut);
    if (stored.agent) return refused('with-agent');
    if (quiet && !options.urgent && isQuiet(quiet, context.clock)) return refused('quiet-hours');
    const message: Message = { text: options.text, ...(options.quickReplies?.length ? { quickReplies: options.quickReplies } : {}) };
    let offered = false;
    let refusal: NotifyRefusal | undefined;
    let address: ChannelAddress | undefined;
    await context.change(conversationId, (record) => {
      // A person may have taken the conversation since it was read.
      if (record.agent) {
        refusal = 'with-agent';
        return undefined;
      }
      const locale = record.dialog?.locale ?? record.locale ?? context.defaultLocale;
      const announced = context.engine.announce(record.dialog ?? undefined, locale, message, options.offer);
      record.dialog = announced.state;
      offered = announced.offered;
      address = record.address;
      return [{ from: 'bot', text: message.text, ...(message.quickReplies ? { quickReplies: message.quickReplies } : {}) }];
    });
    if (refusal) return refused(refusal);
    if (!reach) return { conversationId, status: 'stored', offered };
    try {
      await reach.deliver(conversationId, address, [message]);
      return { conversationId, status: 'sent', offered };
    } catch (error) {
      const { name, message: why } = error instanceof Error ? error : new Error(String(error));
      return { conversationId, status: 'stored', offered, error: `${name}: ${why}`.slice(0, 300) };
    }
  };
}

function checkNotifyOptions(options: NotifyOptions): void {
  if (typeof options !== 'object' || options === null || typeof options.text !== 'string' || options.text.trim() === '') {
    throw new ParleyError('input-rejected', 'a notification says something: notify(conversationId, { text: "Your technician arrives at 3pm." })');
  }
  if (options.text.length > maxNotificationLength) {
    throw new ParleyError('input-rejected', `a notification is at most ${maxNotificationLength} characters; this one has ${options.text.length}`);
  }
  if (options.offer !== undefined && (typeof options.offer !== 'object' || typeof options.offer.dialog !== 'string')) {
    throw new ParleyError('input-rejected', 'an offer names the dialog the reply starts: { offer: { dialog: "BookAppointment", replies: ["CHANGE"] } }');
  }
}

interface QuietMinutes {
  from: number;
  to: number;
}

/** Checks `HH:MM` times once, at start. */
export function parseQuietHours(hours: QuietHours): QuietMinutes {
  const minutes = (time: string, which: string) => {
    const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
    if (!match) throw new ParleyError('configuration', `quiet hours' ${which} is a time like 21:00 (24-hour, HH:MM); got ${JSON.stringify(time)}`);
    return Number(match[1]) * 60 + Number(match[2]);
  };
  return { from: minutes(hours.from, 'from'), to: minutes(hours.to, 'to') };
}

/** Whether the clock's local time is inside the quiet hours (which may span midnight). */
function isQuiet({ from, to }: QuietMinutes, clock: Clock): boolean {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: clock.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(clock.now());
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
  const now = part('hour') * 60 + part('minute');
  return from <= to ? now >= from && now < to : now >= from || now < to;
}
