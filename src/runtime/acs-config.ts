/**
 * The Azure Communication Services sections of the runtime config: the resource and the bot's ACS
 * identity (`acs`), the Event Grid webhook its events arrive through (`eventGrid`), the SMS number
 * (`acs.sms`), and quiet hours for notifications (`notifications`). With `acs` set and a webhook
 * check configured, `parley serve` answers ACS chat and SMS at `POST /api/acs/events`.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { ConfigurationError } from '../core/errors.js';
import type { EnvironmentEntry } from './environment-variables.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time like 21:00');

export const acsConfigSchema = z
  .strictObject({
    /** `endpoint=https://<resource>.communication.azure.com/;accesskey=<key>` (the resource's Keys page). */
    connectionString: z.string().regex(/^endpoint=https?:\/\/[^;]+;\s*accesskey=[^;]+;?$/i, 'must be endpoint=https://<resource>.communication.azure.com/;accesskey=<key>'),
    /** The bot's ACS user id (`8:acs:…`), made once with `az communication identity user create` and added to customers' threads. */
    botUserId: z.string().regex(/^8:acs:[A-Za-z0-9_:.-]{1,200}$/, 'must be an ACS user id, like 8:acs:<resource id>_<user id>'),
    /** The bot's name in chat threads (default: the bot's name). */
    displayName: z.string().min(1).max(256).optional(),
    /** A PEM file of the certificate authority to trust for the endpoint (`parley emulate acs` prints it). Default: the system's. */
    caFile: z.string().min(1).optional(),
    /** SMS: on when a number is set. */
    sms: z
      .strictObject({
        /** The resource's number replies and notifications go from (E.164, like +18005550100). */
        from: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in E.164 form, like +18005550100'),
        /** The key that turns numbers into conversation ids and opt-out keys (at least 32 characters); keep it. */
        idKey: z.string().min(32, 'must be at least 32 characters; generate one with `openssl rand -base64 32`'),
        /** Where opt-outs (STOP) are kept, a JSON file that outlives conversations. */
        optOutsFile: z.string().min(1).default('.parley/sms-opt-outs.json'),
      })
      .optional(),
  })
  .optional();

export const eventGridConfigSchema = z
  .strictObject({
    /** The secret the subscription's endpoint carries (`?code=<secret>`) or sends in `X-Parley-Webhook-Secret`. */
    secret: z.string().min(16, 'must be at least 16 characters; generate one with `openssl rand -hex 24`').optional(),
    /** Event Grid's Microsoft Entra authentication: tokens of this tenant for this app. */
    entra: z
      .strictObject({
        tenantId: z.string().min(1),
        audience: z.string().min(1),
        openIdConfigurationUrl: z.url({ protocol: /^https?$/ }).optional(),
        issuers: z.array(z.string().min(1)).min(1).optional(),
      })
      .optional(),
    /** The ACS resources whose events are taken (resource ids); default: any the check lets through. */
    topics: z.array(z.string().min(1)).optional(),
  })
  .prefault({});

export const notificationsConfigSchema = z
  .strictObject({
    /** No notifications between these local times of the bot's time zone, unless urgent. */
    quietHours: z.strictObject({ from: hhmm, to: hhmm }).optional(),
  })
  .prefault({});

export type AcsConfig = z.output<typeof acsConfigSchema>;
export type EventGridConfig = z.output<typeof eventGridConfigSchema>;

export const acsEnvironment: EnvironmentEntry[] = [
  { variable: 'PARLEY_ACS_CONNECTION_STRING', path: ['acs', 'connectionString'], read: (text) => text },
  { variable: 'PARLEY_ACS_BOT_USER_ID', path: ['acs', 'botUserId'], read: (text) => text },
  { variable: 'PARLEY_ACS_CA_FILE', path: ['acs', 'caFile'], read: (text) => text },
  { variable: 'PARLEY_SMS_FROM', path: ['acs', 'sms', 'from'], read: (text) => text },
  { variable: 'PARLEY_SMS_ID_KEY', path: ['acs', 'sms', 'idKey'], read: (text) => text },
  { variable: 'PARLEY_EVENT_GRID_SECRET', path: ['eventGrid', 'secret'], read: (text) => text },
];

/** The TLS settings of the `acs` section: its `caFile` read once, for clients of an endpoint with a private certificate. */
export function acsTlsOptions(acs: NonNullable<AcsConfig>): { tlsOptions?: { ca: string } } {
  if (!acs.caFile) return {};
  try {
    return { tlsOptions: { ca: readFileSync(acs.caFile, 'utf8') } };
  } catch (error) {
    throw new ConfigurationError('acs.caFile', `cannot read ${acs.caFile} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); give the PEM file \`parley emulate acs\` printed`);
  }
}
