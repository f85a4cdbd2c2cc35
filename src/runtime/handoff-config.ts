/**
 * The `handoff` section of the runtime config: where a person takes over a handoff made off Amazon
 * Connect's own channels (web chat, Bot Framework, ACS chat, SMS). Unset, a handoff is a directive the
 * channel shows (and the Bot Framework handoff protocol carries); with Amazon Connect or ACS, an agent
 * chat opens with the envelope; `local` is Parley's own relay, answered at the agent desk.
 */
import * as z from 'zod';
import type { HandoffProvider } from '../handoff/handoff-provider.js';
import type { EnvironmentEntry } from './environment-variables.js';
import { ConfigurationError } from '../core/errors.js';
import { acsTlsOptions, type AcsConfig } from './acs-config.js';

export const handoffConfigSchema = z
  .discriminatedUnion('provider', [
    z.strictObject({
      provider: z.literal('amazon-connect'),
      /** The Connect instance's id (the last part of its ARN). */
      instanceId: z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'must be a Connect instance id, like 9308c2a1-9bc6-4cea-8290-6c0b4a6d38fa'),
      /** The flow agent chats start in: it sets the working queue from `$.Attributes.parley_queue` and transfers. */
      contactFlowId: z.string().regex(/^[A-Za-z0-9-]{1,500}$/, 'must be a contact flow id'),
      /** Default: the AWS SDK's (AWS_REGION). */
      region: z.string().min(1).optional(),
      /** Default: Connect's own; `parley emulate connect`'s URL to try it offline. */
      endpoint: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
      /** The customer's name as the agent sees it (default `Customer`). */
      customerName: z.string().min(1).max(256).optional(),
    }),
    z
      .strictObject({
        /** People in Azure Communication Services chat, an identity each (the `acs` section's resource). */
        provider: z.literal('azure-acs'),
        /** The people who take over, a pool: their ACS user ids and the names customers see. Or `jobRouter`. */
        agents: z
          .array(z.strictObject({ id: z.string().regex(/^8:acs:[A-Za-z0-9_:.-]{1,200}$/, 'must be an ACS user id, like 8:acs:<resource id>_<user id>'), name: z.string().min(1).max(256) }))
          .min(1, 'list at least one agent: [{ id: "8:acs:…", name: "Sam" }]')
          .optional(),
        /**
         * Or ACS Job Router: each handoff is a job in this queue, taken by the worker it is assigned to
         * (the worker's labels `acsUserId` and `name` say who they are in chat).
         */
        jobRouter: z
          .strictObject({
            queueId: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be a Job Router queue id (letters, digits, - and _)'),
            /** The jobs' channel (default `chat`): workers take jobs of the channels they list. */
            channelId: z.string().min(1).max(200).optional(),
            /** The jobs' priority, -100 to 100 (default: the service's, 1). */
            priority: z.number().int().min(-100).max(100).optional(),
          })
          .optional(),
        /** How often a handoff thread (or a job not yet assigned) is read (default 1000 ms). */
        pollMs: z.number().int().min(100).max(60_000).optional(),
        customerName: z.string().min(1).max(256).optional(),
      })
      .refine((config) => (config.agents === undefined) !== (config.jobRouter === undefined), {
        message: 'say who takes over: agents (a pool, [{ id: "8:acs:…", name: "Sam" }]) or jobRouter (a Job Router queue, { queueId: "support" }), one of them',
      }),
    /** Parley's own relay: people answer at the agent desk (/agent-desk, behind the operator token). One process. */
    z.strictObject({ provider: z.literal('local') }),
  ])
  .optional();

export type HandoffConfig = z.output<typeof handoffConfigSchema>;

export const handoffEnvironment: EnvironmentEntry[] = [
  { variable: 'PARLEY_HANDOFF', path: ['handoff', 'provider'], read: (text) => text },
  { variable: 'PARLEY_CONNECT_INSTANCE_ID', path: ['handoff', 'instanceId'], read: (text) => text },
  { variable: 'PARLEY_CONNECT_CONTACT_FLOW_ID', path: ['handoff', 'contactFlowId'], read: (text) => text },
  { variable: 'PARLEY_CONNECT_REGION', path: ['handoff', 'region'], read: (text) => text },
  { variable: 'PARLEY_CONNECT_ENDPOINT', path: ['handoff', 'endpoint'], read: (text) => text },
];

/**
 * The provider the section names; its SDK loads with the first handoff. `acs` is the resource an
 * `azure-acs` handoff uses.
 *
 * @example
 * const handoff = await handoffProviderOf(config.handoff, config.acs); // undefined when unset
 */
export async function handoffProviderOf(config: HandoffConfig, acs?: AcsConfig): Promise<HandoffProvider | undefined> {
  if (!config) return undefined;
  if (config.provider === 'local') return (await import('../handoff/local-relay/local-relay.js')).createLocalRelay();
  if (config.provider === 'azure-acs') {
    if (!acs) throw new ConfigurationError('handoff', 'an azure-acs handoff needs the acs section: acs.connectionString and acs.botUserId (PARLEY_ACS_CONNECTION_STRING, PARLEY_ACS_BOT_USER_ID)');
    const { createAcsChatProvider } = await import('../handoff/azure-acs/acs-chat-provider.js');
    return createAcsChatProvider({
      connectionString: acs.connectionString,
      botUserId: acs.botUserId,
      ...(config.agents ? { agents: config.agents } : {}),
      ...(config.jobRouter ? { jobRouter: config.jobRouter } : {}),
      ...(acs.displayName ? { botName: acs.displayName } : {}),
      ...(config.pollMs ? { pollMs: config.pollMs } : {}),
      ...(config.customerName ? { customerName: config.customerName } : {}),
      ...acsTlsOptions(acs),
    });
  }
  const { createConnectChatProvider } = await import('../handoff/amazon-connect/connect-chat-provider.js');
  const { provider: _provider, ...options } = config;
  return createConnectChatProvider(options);
}
