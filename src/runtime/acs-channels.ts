/**
 * The ACS channels `parley serve` runs when the `acs` section is set: ACS chat (always) and SMS (with
 * `acs.sms`), behind one Event Grid webhook, `POST /api/acs/events` (subscribe the resource's
 * `ChatMessageReceivedInThread`, `ChatThreadParticipantRemoved` and `SMSReceived` events to it). Each
 * channel registers how notifications reach its customers. An ACS handoff provider's people are known
 * to the chat channel, so their messages in a customer's thread are not turns.
 */
import type { Hono } from 'hono';
import { createAcsChatChannel } from '../../channels/acs-chat/acs-chat-channel.js';
import { createEventGridApp, type GridEventHandler } from '../../channels/event-grid/create-event-grid-app.js';
import { field } from '../../channels/event-grid/event-grid-events.js';
import { createAcsSmsSender } from '../../channels/sms/acs-sms-sender.js';
import { createSmsChannel } from '../../channels/sms/create-sms-channel.js';
import { createFileSmsOptOuts } from '../../channels/sms/file-sms-opt-outs.js';
import { ChannelPayloadError } from '../core/errors.js';
import type { HandoffProvider } from '../handoff/handoff-provider.js';
import { acsConnection } from '../handoff/azure-acs/acs-connection.js';
import type { AcsChatProvider } from '../handoff/azure-acs/acs-chat-provider.js';
import { acsTlsOptions, type AcsConfig, type EventGridConfig } from './acs-config.js';
import type { Bot } from './create-bot.js';
import type { Logger } from './logger.js';

export interface AcsChannelsOptions {
  bot: Bot;
  acs: NonNullable<AcsConfig>;
  eventGrid: EventGridConfig;
  handoff: HandoffProvider | undefined;
  logger: Logger;
  maxBodyBytes: number;
  countError: (kind: string) => void;
}

/** The Event Grid event type of an inbound SMS. */
export const smsReceivedEvent = 'Microsoft.Communication.SMSReceived';

/**
 * The webhook app, to mount at `/api/acs/events`.
 *
 * @example
 * app.route('/api/acs/events', acsChannels({ bot, acs: config.acs, eventGrid: config.eventGrid, handoff, logger, maxBodyBytes, countError }));
 */
export function acsChannels(options: AcsChannelsOptions): Hono {
  const { bot, acs, logger } = options;
  const tls = acsTlsOptions(acs);
  const connection = acsConnection({ connectionString: acs.connectionString, ...tls });
  const agents = options.handoff?.name === 'azure-acs' ? (options.handoff as AcsChatProvider) : undefined;
  const chat = createAcsChatChannel({
    bot,
    botUserId: acs.botUserId,
    chat: () => connection.chatAs(acs.botUserId),
    ...(acs.displayName ? { displayName: acs.displayName } : {}),
    ...(agents ? { isAgent: (userId: string) => agents.isAgent(userId), onThreadActivity: (threadId: string) => agents.threadActivity(threadId) } : {}),
    logger,
  });
  bot.reach('acs-chat', chat.reach);
  const handlers: Record<string, GridEventHandler> = { ...chat.handlers };
  if (acs.sms) {
    const sms = createSmsChannel({
      bot,
      sender: createAcsSmsSender({ connectionString: acs.connectionString, ...tls }),
      idKey: acs.sms.idKey,
      optOuts: createFileSmsOptOuts({ file: acs.sms.optOutsFile }),
      from: acs.sms.from,
      logger,
    });
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
  return createEventGridApp({
    auth: { ...(options.eventGrid.secret ? { secret: options.eventGrid.secret } : {}), ...(options.eventGrid.entra ? { entra: options.eventGrid.entra } : {}) },
    handlers,
    ...(options.eventGrid.topics ? { topics: options.eventGrid.topics } : {}),
    logger,
    maxBodyBytes: options.maxBodyBytes,
    countError: options.countError,
  });
}
