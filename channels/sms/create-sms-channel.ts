/**
 * The SMS channel: a customer texts the program's number (an ACS number: Event Grid's
 * `SMSReceived`, parsed by the webhook), the bot answers by SMS. One conversation per customer
 * number, named by a keyed hash of it; STOP, START and HELP answered by the channel itself; the
 * bot's quick replies as numbered options; replies cut into SMS (render-sms.ts says how).
 */
import type { Logger } from 'pino';
import * as z from 'zod';
import { createHash, randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../src/core/clock.js';
import { ChannelPayloadError, ConfigurationError, ConversationBusyError, ParleyError } from '../../src/core/errors.js';
import { matchLocale } from '../../src/core/locales.js';
import type { ChannelAddress, Message, TurnOutput } from '../../src/core/turn.js';
import type { ChannelReach } from '../../src/runtime/channel-reach.js';
import type { Bot } from '../../src/runtime/create-bot.js';
import { createLogger } from '../../src/runtime/logger.js';
import { createKeyedQueue } from '../../src/state/keyed-queue.js';
import { offeredOptions, optionNumber } from './numbered-options.js';
import { createNumberKeys, createNumberSeal, customerNumber, normalisePhoneNumber, smsConversationId } from './phone-identity.js';
import { defaultMaxSegments, renderSms } from './render-sms.js';
import { defaultSmsKeywords, smsKeyword, type SmsKeywords } from './sms-keywords.js';
import type { SmsOptOuts } from './sms-opt-outs.js';
import { createSmsOutbox, type SmsChannelStats } from './sms-outbox.js';
import { sayPhrase, smsPhrases, type SmsPhraseOverrides } from './sms-phrases.js';
import type { SmsSender } from './sms-sender.js';

/** One inbound SMS, as the Event Grid webhook parsed it from an `SMSReceived` event. */
export interface SmsInboundEvent {
  /** The Event Grid event's id: a redelivery of the event runs no second turn. */
  eventId: string;
  /** The customer's number (E.164; Event Grid may leave out the `+`). */
  from: string;
  /** The program's number the customer texted: replies go from it. */
  to: string;
  message: string;
  /** ISO time ACS received it. */
  receivedAt?: string;
}

export interface SmsChannelOptions {
  bot: Bot;
  sender: SmsSender;
  /**
   * The secret that hashes phone numbers into conversation ids and opt-out keys (at least 16 bytes).
   * Keep it: another key starts every conversation afresh and forgets every opt-out.
   */
  idKey: string | Uint8Array;
  /** Who said STOP. Required, because a list that a restart forgets is a compliance failure: use createFileSmsOptOuts or your own. */
  optOuts: SmsOptOuts;
  logger?: Logger;
  /** The conversation's locale (a fixed one, or by number: `es-US` for +52…). Default: the bot's. */
  locale?: string | ((phone: string) => string | undefined);
  /** The channel's own phrases, per language (`en`, `es`…), over the built-in English and Spanish. */
  phrases?: SmsPhraseOverrides;
  /** The program's name in the keyword answers (`{name}`). Default: the bot's name. */
  name?: string;
  /** Keywords, each list replacing the default one (`stop`, `start`, `help`). */
  keywords?: Partial<SmsKeywords>;
  /** Segments one SMS may take before a reply is cut into several (1–6, default 4; 6 keeps any text within ACS's 2,048 bytes). */
  maxSegments?: number;
  /** Plain ASCII for curly quotes, dashes and ellipses, so replies stay in GSM-7 (default true). */
  plainPunctuation?: boolean;
  /** The number notifications go from when a conversation's address has none. Default: none (refused). */
  from?: string;
  /** Stamps opt-outs when the event has no `receivedAt`. Default: the system clock. */
  clock?: Clock;
}

/** What happened to an inbound SMS. */
export type SmsOutcome =
  /** A turn ran and its replies were handed to the sender. */
  | 'answered'
  /** The event was seen before: nothing ran again, nothing was sent again. */
  | 'redelivered'
  /** STOP: the number is opted out, and told so once. */
  | 'opted-out'
  /** START while opted out: the number is back in. */
  | 'opted-in'
  /** HELP: the help text, with no turn. */
  | 'help'
  /** Not answered: the number is opted out, or it was a repeat of STOP. */
  | 'ignored';

export interface SmsReceipt {
  conversationId: string;
  outcome: SmsOutcome;
  /** SMS handed to the sender and accepted. */
  sent: number;
  /** SMS the sender failed to send (logged and counted; the turn is stored all the same). */
  failed: number;
}

export interface SmsChannel {
  /**
   * Answers one inbound SMS. Resolves once the turn is stored and its replies were handed to the
   * sender (a failed send is logged and counted, not thrown); rejects when the event is not an SMS
   * from a phone number (ChannelPayloadError) or the bot failed, so the webhook answers an error and
   * Event Grid delivers the event again.
   */
  receive(event: SmsInboundEvent): Promise<SmsReceipt>;
  /** For `bot.notify`: refuses opted-out numbers and conversations with no number; sends like replies. */
  readonly reach: ChannelReach;
  stats(): SmsChannelStats;
}

const eventSchema = z.object({
  eventId: z.string().min(1),
  from: z.string().min(1),
  to: z.string().min(1),
  message: z.string(),
  receivedAt: z.string().optional(),
});

/** Messages of one number waiting behind the one being answered, before more are refused as busy. */
const maxWaiting = 32;
/** HELP events remembered, so that a redelivered HELP is not answered twice. */
const rememberedHelp = 1_000;

/**
 * The SMS channel over a bot and a sender.
 *
 * @example
 * const sms = createSmsChannel({
 *   bot,
 *   sender: createAcsSmsSender({ connectionString: process.env.ACS_CONNECTION_STRING! }),
 *   idKey: process.env.PARLEY_SMS_ID_KEY!,
 *   optOuts: createFileSmsOptOuts({ file: 'data/sms-opt-outs.json' }),
 * });
 * // in the Event Grid webhook, for each SMSReceived event:
 * await sms.receive({ eventId: event.id, from: data.from, to: data.to, message: data.message });
 */
export function createSmsChannel(options: SmsChannelOptions): SmsChannel {
  const { bot, optOuts } = options;
  const keyOf = createNumberKeys(options.idKey);
  const sealed = createNumberSeal(options.idKey);
  /** The number an address reaches: sealed by this channel, or given in clear by a caller that started the conversation. */
  const phoneOf = (address: ChannelAddress | undefined): string | undefined => {
    const written = address?.sealedPhone !== undefined ? sealed.open(address.sealedPhone) : address?.phone;
    return written === undefined ? undefined : normalisePhoneNumber(written);
  };
  const maxSegments = options.maxSegments ?? defaultMaxSegments;
  if (!Number.isInteger(maxSegments) || maxSegments < 1 || maxSegments > 6) {
    throw new ConfigurationError('sms.maxSegments', `must be a whole number from 1 to 6, so a message stays within ACS's 2,048 bytes (got ${String(maxSegments)})`);
  }
  if (!optOuts) throw new ConfigurationError('sms.optOuts', 'the channel needs somewhere to keep opt-outs: createFileSmsOptOuts({ file }) or your own SmsOptOuts');
  const logger = options.logger ?? createLogger();
  const keywords: SmsKeywords = { ...defaultSmsKeywords, ...options.keywords };
  const clock = options.clock ?? systemClock();
  const name = options.name ?? bot.name;
  const outbox = createSmsOutbox(options.sender, logger);
  // One message of a number at a time, in arrival order, notifications included: a STOP is never
  // overtaken by the reply to a message that came before it.
  const queue = createKeyedQueue();
  const waiting = new Map<string, number>();
  /** Runs `work` alone among this number's messages; past `maxWaiting` behind it, busy (Event Grid retries later). */
  async function inTurn<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const queued = waiting.get(conversationId) ?? 0;
    if (queued >= maxWaiting) throw new ConversationBusyError(conversationId, 5);
    waiting.set(conversationId, queued + 1);
    try {
      return await queue.run(conversationId, work);
    } finally {
      const left = (waiting.get(conversationId) ?? 1) - 1;
      if (left > 0) waiting.set(conversationId, left);
      else waiting.delete(conversationId);
    }
  }
  const answeredHelp = new Set<string>();

  /** The locale the customer is written to in: asked of the options, served by the bot. */
  function localeOf(phone: string): { requested: string | undefined; locale: string } {
    const requested = typeof options.locale === 'function' ? options.locale(phone) : options.locale;
    return { requested, locale: (requested && matchLocale(requested, bot.locales)) || bot.defaultLocale };
  }

  function textsOf(messages: readonly Message[], locale: string): string[] {
    const phrases = smsPhrases(locale, options.phrases);
    return renderSms(messages, { phrases, locale, maxSegments, ...(options.plainPunctuation === undefined ? {} : { plainPunctuation: options.plainPunctuation }) });
  }

  /** One of the channel's own phrases, as SMS. */
  function phraseTexts(which: 'stopped' | 'resumed' | 'help', locale: string): string[] {
    const template = smsPhrases(locale, options.phrases)[which];
    return template.trim() === '' ? [] : textsOf([{ text: sayPhrase(template, { name }, locale) }], locale);
  }

  async function receive(event: SmsInboundEvent): Promise<SmsReceipt> {
    const started = performance.now();
    const parsed = eventSchema.safeParse(event);
    if (!parsed.success) {
      throw new ChannelPayloadError('sms', `an inbound SMS is { eventId, from, to, message, receivedAt? } with strings; wrong: ${parsed.error.issues.map((issue) => issue.path.join('.') || 'the event').join(', ')}`);
    }
    const { eventId, message, receivedAt } = parsed.data;
    const phone = customerNumber(parsed.data.from);
    const ours = normalisePhoneNumber(parsed.data.to, { allowShortCode: true });
    if (!ours) throw new ChannelPayloadError('sms', 'the event\'s `to` is neither a phone number (E.164) nor a short code');
    const numberKey = keyOf(phone);
    const conversationId = smsConversationId(numberKey);
    const idempotencyKey = eventKey(eventId);
    const at = receivedAt && !Number.isNaN(Date.parse(receivedAt)) ? new Date(receivedAt).toISOString() : clock.now().toISOString();
    const { requested, locale } = localeOf(phone);
    const to = { conversationId, phone, from: ours };
    const done = (outcome: SmsOutcome, delivery: { sent: number; failed: number } = { sent: 0, failed: 0 }, reason?: string): SmsReceipt => {
      logger.info({ conversationId, eventId, outcome, ...(reason ? { reason } : {}), sent: delivery.sent, failed: delivery.failed, latencyMs: Math.round(performance.now() - started) }, 'sms message');
      return { conversationId, outcome, sent: delivery.sent, failed: delivery.failed };
    };

    return inTurn(conversationId, async () => {
      const keyword = smsKeyword(message, keywords);
      const consent = await optOuts.read(numberKey);
      if (keyword === 'stop') {
        if (consent?.optedOut) return done('ignored', undefined, 'already-opted-out');
        await optOuts.write(numberKey, { optedOut: true, at, eventId });
        return done('opted-out', await outbox.send(phraseTexts('stopped', locale), { ...to, idempotencyKey: `${idempotencyKey}:stop` }));
      }
      if (consent?.optedOut) {
        if (keyword !== 'start') return done('ignored', undefined, 'opted-out');
        await optOuts.write(numberKey, { optedOut: false, at, eventId });
        return done('opted-in', await outbox.send(phraseTexts('resumed', locale), { ...to, idempotencyKey: `${idempotencyKey}:start` }));
      }
      // The START that opted this number back in, delivered again: already answered.
      if (keyword === 'start' && consent?.eventId === eventId) return done('redelivered');
      if (keyword === 'help') {
        if (answeredHelp.has(eventId)) return done('redelivered');
        answeredHelp.add(eventId);
        if (answeredHelp.size > rememberedHelp) answeredHelp.delete(answeredHelp.values().next().value!);
        return done('help', await outbox.send(phraseTexts('help', locale), { ...to, idempotencyKey: `${idempotencyKey}:help` }));
      }

      const numbered = optionNumber(message);
      const text = numbered === undefined ? message : await chosenOption(conversationId, numbered, message);
      // Where notifications reach this number: sealed, so stored conversations never hold it in clear.
      const address: ChannelAddress = { sealedPhone: sealed.seal(phone), from: ours };
      let output: TurnOutput;
      try {
        output = await bot.handle({ conversationId, channel: 'sms', content: { kind: 'text', text }, idempotencyKey, address, ...(requested ? { locale: requested } : {}) });
      } catch (error) {
        // A number read as an option the first time may read otherwise now the bot has answered: a
        // redelivery of it is refused as another message under the same key. It was answered.
        if (numbered !== undefined && ParleyError.isInstance(error) && error.code === 'idempotency-conflict') return done('redelivered');
        logger.error({ conversationId, eventId, outcome: 'failed', err: { name: (error as Error).name, code: ParleyError.isInstance(error) ? error.code : undefined }, latencyMs: Math.round(performance.now() - started) }, 'sms message failed');
        throw error;
      }
      if (output.redelivered) return done('redelivered');
      // A person has the conversation: what they say arrives outside turns, and goes out by SMS.
      if (output.withAgent) followAgent(conversationId, to, locale);
      return done('answered', await outbox.send(textsOf(output.messages, locale), { ...to, idempotencyKey }));
    });
  }

  /** Conversations whose person-side this process sends by SMS, until the person leaves. */
  const followed = new Map<string, () => void>();

  /**
   * Sends what a person says (and their joining, and the bot's words when they leave) to the
   * customer's phone, in order, unless the customer has opted out meanwhile.
   */
  function followAgent(conversationId: string, to: { conversationId: string; phone: string; from: string }, locale: string): void {
    if (followed.has(conversationId)) return;
    let sending = Promise.resolve();
    const stop = bot.watch(conversationId, (entries) => {
      const messages = entries.flatMap((entry) => {
        if (entry.event === 'agent-joined') return [{ text: `${entry.text || 'A person'} has joined the conversation.` }];
        if (entry.event === 'agent-left' || entry.from === 'customer' || entry.text === '') return [];
        return [{ text: entry.text }];
      });
      if (entries.some((entry) => entry.event === 'agent-left')) {
        stop();
        followed.delete(conversationId);
      }
      if (messages.length === 0) return;
      const key = `agent:${entries[0]!.id}`;
      sending = sending
        .then(() =>
          inTurn(conversationId, async () => {
            if ((await optOuts.read(keyOf(to.phone)))?.optedOut) return;
            await outbox.send(textsOf(messages, locale), { ...to, idempotencyKey: key });
          }),
        )
        .catch((error: unknown) => logger.error({ conversationId, err: { name: (error as Error).name } }, 'sms agent message failed'));
    });
    followed.set(conversationId, stop);
  }

  /** The value of the option a bare number picks, when the bot offered options; else the message as sent. */
  async function chosenOption(conversationId: string, number: number, message: string): Promise<string> {
    const entries = await bot.transcript(conversationId, { channel: 'sms' });
    return (entries && offeredOptions(entries)?.[number - 1]?.value) ?? message;
  }

  const reach: ChannelReach = {
    async refuses(_conversationId, address) {
      const phone = phoneOf(address);
      if (!phone) return 'no-address';
      return (await optOuts.read(keyOf(phone)))?.optedOut ? 'opted-out' : undefined;
    },
    async deliver(conversationId, address, messages) {
      const phone = phoneOf(address);
      if (!phone) throw new ParleyError('input-rejected', `sms: conversation ${conversationId} has no phone number to write to; it can be answered when the customer texts again`);
      const from = (address?.from && normalisePhoneNumber(address.from, { allowShortCode: true })) || options.from;
      if (!from) throw new ConfigurationError('sms.from', `conversation ${conversationId} keeps no program number to send from; set the channel's \`from\``);
      const numberKey = keyOf(phone);
      const queued = smsConversationId(numberKey);
      await inTurn(queued, async () => {
        // Asked again here: a STOP may have come in since `refuses` was asked.
        if ((await optOuts.read(numberKey))?.optedOut) throw new ParleyError('input-rejected', `sms: the customer of conversation ${conversationId} opted out (STOP); nothing was sent`);
        const { locale } = localeOf(phone);
        const result = await outbox.send(textsOf(messages, locale), { conversationId, phone, from, idempotencyKey: `notify:${randomUUID()}` });
        logger.info({ conversationId, outcome: result.failed ? 'notify-failed' : 'notified', sent: result.sent, failed: result.failed }, 'sms notification');
        if (result.error) throw result.error;
      });
    },
  };

  return { receive, reach, stats: () => outbox.stats() };
}

/** The turn's idempotency key: bot keys are at most 200 characters. */
function eventKey(eventId: string): string {
  const key = `eventgrid:${eventId}`;
  return key.length <= 180 ? key : `eventgrid:sha256:${createHash('sha256').update(eventId).digest('base64url')}`;
}
