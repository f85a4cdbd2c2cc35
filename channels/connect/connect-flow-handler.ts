/**
 * The Amazon Connect flow function as an AWS Lambda function: the bot made once per instance from the
 * settings in the environment (a DynamoDB store in production, `PARLEY_CONNECT_QUEUES` for the queue
 * ARNs), each invocation logged with what it did but never the customer's number, each problem counted
 * in `parley_errors_total`, and a handler that always answers the flow — except for an event it cannot
 * read, which fails with why.
 */
import type { BotDefinition } from '../../src/runtime/define-bot.js';
import { createLambdaRuntime, type LambdaRuntimeOptions, type ReadyHandler } from '../../src/runtime/lambda/lambda-runtime.js';
import { createConnectFlow, type ConnectFlowFunctionOptions } from './connect-flow.js';
import type { ConnectFlowResponse } from './connect-flow-response.js';

export interface ConnectFlowHandlerOptions extends LambdaRuntimeOptions, Omit<ConnectFlowFunctionOptions, 'onProblem' | 'queues'> {
  /** Queue name → Connect queue ARN or id. Default: the config's `connect.queues` (`PARLEY_CONNECT_QUEUES`). */
  queues?: Readonly<Record<string, string>>;
}

/** A Lambda handler for Amazon Connect flow events, with a way to wait for the cold start. */
export type ConnectFlowHandler = ReadyHandler<ConnectFlowResponse>;

/**
 * @example
 * // index.ts, bundled by `parley lambda build --handler connect-flow`
 * import bot from './bot.js';
 * export const handler = createConnectFlowHandler(bot, {
 *   lookupCustomer: async (contact, { signal }) => crm.findByPhone(contact.phoneNumber, { signal }),
 * });
 * await handler.ready();
 */
export function createConnectFlowHandler(definition: BotDefinition, options: ConnectFlowHandlerOptions = {}): ConnectFlowHandler {
  const runtime = createLambdaRuntime(definition, options, 'serving Amazon Connect flows on AWS Lambda');
  const { logger } = runtime;
  const queues = options.queues ?? runtime.config.connect.queues;
  return runtime.handler(({ bot, metrics }) =>
    createConnectFlow(bot, {
      ...options,
      queues,
      onProblem({ kind, action, contactId, source, error }) {
        metrics.countError(kind === 'refused' ? 'connect-flow-event' : `connect-flow-${kind}`);
        const err = error && { name: error.name, message: error.message };
        if (kind === 'refused') logger.warn({ err }, 'Connect flow event refused');
        else logger.error({ action, contactId, source, err, answered: { parley_error: kind } }, `the flow's ${action} action could not be done: answered parley_error ${kind}`);
      },
    }),
  );
}
