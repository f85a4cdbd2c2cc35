/**
 * The ACS channels `parley serve` runs when the `acs` section is set: ACS chat, and SMS with
 * `acs.sms`, behind one Event Grid webhook at `POST /api/acs/events` (subscribe the resource's
 * `ChatMessageReceivedInThread`, `ChatThreadParticipantRemoved` and `SMSReceived` events to it).
 */
import type { Hono } from 'hono';
import { createAcsApp } from '../../channels/acs-chat/create-acs-app.js';
import { createFileSmsOptOuts } from '../../channels/sms/file-sms-opt-outs.js';
import type { HandoffProvider } from '../handoff/handoff-provider.js';
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

/**
 * The webhook app the config describes, to mount at `/api/acs/events`.
 *
 * @example
 * app.route('/api/acs/events', acsChannels({ bot, acs: config.acs, eventGrid: config.eventGrid, handoff, logger, maxBodyBytes, countError }));
 */
export function acsChannels({ bot, acs, eventGrid, handoff, logger, maxBodyBytes, countError }: AcsChannelsOptions): Hono {
  return createAcsApp({
    bot,
    connectionString: acs.connectionString,
    botUserId: acs.botUserId,
    ...(acs.displayName ? { displayName: acs.displayName } : {}),
    ...acsTlsOptions(acs),
    eventGrid: { ...(eventGrid.secret ? { secret: eventGrid.secret } : {}), ...(eventGrid.entra ? { entra: eventGrid.entra } : {}), ...(eventGrid.topics ? { topics: eventGrid.topics } : {}) },
    ...(acs.sms ? { sms: { from: acs.sms.from, idKey: acs.sms.idKey, optOuts: createFileSmsOptOuts({ file: acs.sms.optOutsFile }) } } : {}),
    ...(handoff ? { handoff } : {}),
    logger,
    maxBodyBytes,
    countError,
  });
}
