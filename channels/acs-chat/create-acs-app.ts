/**
 * Azure Communication Services for a bot in a few lines: ACS chat (and SMS, with a number) behind one
 * Event Grid webhook, each channel registered for notifications, and an ACS handoff provider's people
 * known to the chat channel (their messages in a customer's thread are not turns). Mount the app
 * where the resource's Event Grid subscription delivers (`parley serve` uses `/api/acs/events`).
 */
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import { pino } from 'pino';
import { ChannelPayloadError } from '../../src/core/errors.js';
import type { HandoffProvider } from '../../src/handoff/handoff-provider.js';
import { acsConnection } from '../../src/handoff/azure-acs/acs-connection.js';
import type { AcsChatProvider } from '../../src/handoff/azure-acs/acs-chat-provider.js';
import type { Bot } from '../../src/runtime/create-bot.js';
import { createEventGridApp, type GridEventHandler } from '../event-grid/create-event-grid-app.js';
import type { EventGridAuthOptions } from '../event-grid/event-grid-auth.js';
import { field } from '../event-grid/event-grid-events.js';
import { createAcsSmsSender } from '../sms/acs-sms-sender.js';
import { createSmsChannel } from '../sms/create-sms-channel.js';
import type { SmsOptOuts } from '../sms/sms-opt-outs.js';
import { createAcsChatChannel, type AcsChatChannelOptions } from './acs-chat-channel.js';

export interface AcsAppOptions {
  bot: Bot;
  /** `endpoint=https://<resource>.communication.azure.com/;accesskey=<key>`. */
  connectionString: string;
  /** The bot's ACS user id (`8:acs:…`), a participant of its customers' threads. */
  botUserId: string;
  /** The bot's name in threads (default: the bot's name). */
  displayName?: string;
  /** For an endpoint with a private certificate (`parley emulate acs`): `{ ca }`. */
  tlsOptions?: { ca?: string };
  /** Who may post events: the subscription's shared secret, or Entra; and which resources' events are taken. */
  eventGrid: EventGridAuthOptions & { topics?: readonly string[] };
  /** SMS, answered from this number; `idKey` hashes numbers into conversation ids; `optOuts` keeps STOP. */
  sms?: { from: string; idKey: string; optOuts: SmsOptOuts };
  /** The bot's handoff provider, when it is ACS's (`createAcsChatProvider`). */
  handoff?: HandoffProvider;
  logger?: Logger;
  /** The chat outbox's limits (default ACS's: 10 messages per thread in 10 s, 28 KB each). */
  chatLimits?: AcsChatChannelOptions['limits'];
  /** Default 256 kB. */
  maxBodyBytes?: number;
  countError?: (kind: string) => void;
}

/** The Event Grid event type of an inbound SMS. */
export const smsReceivedEvent = 'Microsoft.Communication.SMSReceived';

/**
 * @example
 * const app = new Hono();
 * app.route('/api/acs/events', createAcsApp({ bot, connectionString, botUserId, eventGrid: { secret } }));
 */
export function createAcsApp(options: AcsAppOptions): Hono {
  const { bot, botUserId } = options;
  const logger = options.logger ?? pino({ name: 'parley' });
  const tls = options.tlsOptions ? { tlsOptions: options.tlsOptions } : {};
  const connection = acsConnection({ connectionString: options.connectionString, ...tls });
  const agents = options.handoff?.name === 'azure-acs' ? (options.handoff as AcsChatProvider) : undefined;
  const chat = createAcsChatChannel({
    bot,
    botUserId,
    chat: () => connection.chatAs(botUserId),
    ...(options.displayName ? { displayName: options.displayName } : {}),
    ...(options.chatLimits ? { limits: options.chatLimits } : {}),
    ...(agents ? { isAgent: (userId: string) => agents.isAgent(userId), onThreadActivity: (threadId: string) => agents.threadActivity(threadId) } : {}),
    logger,
  });
  bot.reach('acs-chat', chat.reach);
  const handlers: Record<string, GridEventHandler> = { ...chat.handlers };
  if (options.sms) {
    const sms = createSmsChannel({ bot, sender: createAcsSmsSender({ connectionString: options.connectionString, ...tls }), idKey: options.sms.idKey, optOuts: options.sms.optOuts, from: options.sms.from, logger });
    bot.reach('sms', sms.reach);
    handlers[smsReceivedEvent] = async (event) => {
      const text = (name: string) => {
        const value = field(event.data, name);
        return typeof value === 'string' ? value : undefined;
      };
      const from = text('from');
      const to = text('to');
      const message = text('message');
      if (!from || !to || message === undefined) throw new ChannelPayloadError('sms', 'an SMSReceived event needs data.from, data.to and data.message');
      const receivedAt = text('receivedTimestamp');
      await sms.receive({ eventId: event.id, from, to, message, ...(receivedAt ? { receivedAt } : {}) });
    };
  }
  const { topics, ...auth } = options.eventGrid;
  return createEventGridApp({ auth, handlers, ...(topics ? { topics } : {}), logger, maxBodyBytes: options.maxBodyBytes ?? 256 * 1024, ...(options.countError ? { countError: options.countError } : {}) });
}
