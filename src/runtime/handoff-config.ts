/**
 * The `handoff` section of the runtime config: where a person takes over a handoff made on web chat or
 * Bot Framework. Unset, a handoff is a directive the channel shows (and the Bot Framework handoff
 * protocol carries); with Amazon Connect, an agent chat opens with the envelope.
 */
import * as z from 'zod';
import type { HandoffProvider } from '../handoff/handoff-provider.js';
import type { EnvironmentEntry } from './environment-variables.js';

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
 * The provider the section names; its SDK loads with the first handoff.
 *
 * @example
 * const handoff = await handoffProviderOf(config.handoff); // undefined when unset
 */
export async function handoffProviderOf(config: HandoffConfig): Promise<HandoffProvider | undefined> {
  if (!config) return undefined;
  const { createConnectChatProvider } = await import('../handoff/amazon-connect/connect-chat-provider.js');
  const { provider: _provider, ...options } = config;
  return createConnectChatProvider(options);
}
