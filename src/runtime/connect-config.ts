/**
 * The `connect` section of the runtime config: what the Amazon Connect side of a bot needs to know of
 * the instance, today the queues its handoffs name (`Billing`) and the Connect queue each is, so a flow
 * Lambda can answer the queue's ARN for a "Set working queue" block.
 */
import * as z from 'zod';
import { ConfigurationError } from '../core/errors.js';
import type { EnvironmentEntry } from './environment-variables.js';

const partition = 'arn:aws(?:-cn|-us-gov)?';
const region = '[a-z]{2}(?:-[a-z]+)+-\\d';
const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A Connect queue as flows take it (`UpdateContactTargetQueue.QueueId`): its ARN, or its id. */
export const connectQueueReference = new RegExp(`^(?:${partition}:connect:${region}:\\d{12}:instance/${uuid}/queue/${uuid}|${uuid})$`);
/** How to write one, for error messages. */
export const connectQueueHelp = 'give a queue ARN (arn:aws:connect:<region>:<account>:instance/<instance id>/queue/<queue id>) or a queue id';

/** Queue name (as the bot's handoffs name it) → Connect queue ARN or id. */
export const connectQueuesSchema = z.record(
  z.string().trim().min(1, 'a queue needs the name the assistant uses for it'),
  z.string().trim().regex(connectQueueReference, `is not a Connect queue: ${connectQueueHelp}`),
);

export const connectConfigSchema = z
  .strictObject({
    /** The queues the bot hands contacts to, by the names its dialogs use: `{ Billing: 'arn:aws:connect:…/queue/…' }`. */
    queues: connectQueuesSchema.default({}),
  })
  .prefault({});

export type ConnectConfig = z.output<typeof connectConfigSchema>;

export const connectEnvironment: EnvironmentEntry[] = [{ variable: 'PARLEY_CONNECT_QUEUES', path: ['connect', 'queues'], read: (text, variable) => jsonObject(text, variable) }];

function jsonObject(text: string, variable: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  // The text is not quoted back: every setting is treated as possibly secret.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigurationError(variable, 'must be a JSON object of queue names and queue ARNs, like {"Billing":"arn:aws:connect:us-east-1:123456789012:instance/…/queue/…"}');
  }
  return value as Record<string, unknown>;
}
