/**
 * Parley as the Lambda function of an Amazon Connect flow's "Invoke AWS Lambda function" block. The
 * block's `action` parameter says what it wants (connect-flow-actions.ts):
 *   - `envelope` (the default): the handoff envelope of the contact's conversation, as flat attributes
 *     an agent can be shown (`$.External.parley_summary`);
 *   - `queue`: the queue the contact should go to (the bot author's `chooseQueue`, else the
 *     envelope's), and its Connect ARN for a "Set working queue" block;
 *   - `lookup`: the bot author's `lookupCustomer` (their CRM), flattened to strings.
 *
 * A flow waits at most 8 seconds and cannot read a Lambda error, only take its Error branch: so the
 * work runs within the invocation's time less a reserve, and a bot author's function that throws,
 * hangs or answers what the flow cannot read gives `{ parley_error: '<kind>' }`, which the flow checks
 * on its normal branch. Only an event that is no flow event is an error (and nothing is read then).
 */
import { ConfigurationError } from '../../src/core/errors.js';
import { redactText } from '../../src/insights/redact-text.js';
import type { Bot } from '../../src/runtime/create-bot.js';
import { connectQueuesSchema } from '../../src/runtime/connect-config.js';
import { ConnectFlowFailure, connectFlowActions, type ActionWork, type ConnectFlowAuthorFunctions, type ConnectFlowSource } from './connect-flow-actions.js';
import { connectFlowEventSchema, contactOf, type ConnectContact, type ConnectFlowAction } from './connect-flow-event.js';
import type { ConnectFlowResponse } from './connect-flow-response.js';
import type { LambdaContext } from './lex-code-hook.js';
import { LambdaEventError } from './lex-event-error.js';

export interface ConnectFlowFunctionOptions extends ConnectFlowAuthorFunctions {
  /** Queue name → Connect queue ARN or id: the `queue` action answers the chosen one's as `parley_queue_arn`. */
  queues?: Readonly<Record<string, string>>;
  /** The block's Timeout, 1–8 seconds (default 8, the most Connect waits): the work gets the lesser of it and the invocation's time. */
  invocationTimeLimitSeconds?: number;
  /** Milliseconds of that time kept to answer (default 500). */
  reserveMs?: number;
  /** Told of every event refused and every `parley_error` answered. Error messages come with phone numbers and emails redacted. */
  onProblem?: (problem: ConnectFlowProblem) => void;
}

/** `refused` is thrown (the event is no flow event); the others are answered as `{ parley_error: kind }`. */
export type ConnectFlowProblemKind = 'refused' | 'failed' | 'timeout' | 'invalid-answer' | 'not-configured';

export interface ConnectFlowProblem {
  kind: ConnectFlowProblemKind;
  action?: ConnectFlowAction;
  contactId?: string;
  /** Whose work it was: a bot author's function, or reading the conversation. */
  source?: ConnectFlowSource;
  error?: Error;
}

/** A Lambda handler for Amazon Connect flow events. */
export type ConnectFlowFunction = (event: unknown, context?: LambdaContext) => Promise<ConnectFlowResponse>;

/** The most a flow waits for a Lambda (a block's `InvocationTimeLimitSeconds` is 1–8). */
export const connectFlowWaitMs = 8000;
const defaultReserveMs = 500;
/** Time the work gets however little is left: answering at once would be no better. */
const leastBudgetMs = 100;

/**
 * @example
 * const flow = createConnectFlow(await createBot(bot, { store }), {
 *   lookupCustomer: async (contact, { signal }) => crm.findByPhone(contact.phoneNumber, { signal }),
 * });
 * await flow(event, context); // { parley_found: 'true', name: 'Ana', tier: 'gold' }
 */
export function createConnectFlow(bot: Bot, options: ConnectFlowFunctionOptions = {}): ConnectFlowFunction {
  const { queues, waitMs, reserveMs } = checkOptions(options);
  const functions: ConnectFlowAuthorFunctions = { chooseQueue: options.chooseQueue, lookupCustomer: options.lookupCustomer };
  const report = options.onProblem ?? (() => {});

  return async function connectFlow(raw, context) {
    const parsed = connectFlowEventSchema.safeParse(raw);
    if (!parsed.success) {
      const error = new LambdaEventError('the Amazon Connect flow event', parsed.error.issues);
      report({ kind: 'refused', error });
      throw error;
    }
    const contact = contactOf(parsed.data);
    const action = parsed.data.Details.Parameters?.action ?? 'envelope';
    const remaining = Math.min(context?.getRemainingTimeInMillis?.() ?? waitMs, waitMs);
    const controller = new AbortController();
    // Whose work is running, to say whose it was when the time is up.
    let running: ConnectFlowSource | undefined;
    const work: ActionWork = {
      bot,
      functions,
      queues,
      contact,
      signal: controller.signal,
      async call(source, step) {
        running = source;
        try {
          return await step();
        } catch (error) {
          throw new ConnectFlowFailure('failed', source, error);
        } finally {
          running = undefined;
        }
      },
    };
    const answer = (kind: Exclude<ConnectFlowProblemKind, 'refused'>, source: ConnectFlowSource | undefined, error?: unknown): ConnectFlowResponse => {
      report({ kind, action, contactId: contact.contactId, ...(source ? { source } : {}), ...(error === undefined ? {} : { error: safeError(error, contact) }) });
      return { parley_error: kind };
    };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), Math.max(leastBudgetMs, remaining - reserveMs))));
    try {
      const response = await Promise.race([connectFlowActions[action](work), late]);
      if (response !== 'late') return response;
      const source = running;
      controller.abort();
      return answer('timeout', source);
    } catch (error) {
      if (error instanceof ConnectFlowFailure) return answer(error.kind, error.source, error.reason);
      return answer('failed', running, error);
    } finally {
      clearTimeout(timer);
    }
  };
}

function checkOptions(options: ConnectFlowFunctionOptions): { queues: Readonly<Record<string, string>>; waitMs: number; reserveMs: number } {
  for (const name of ['chooseQueue', 'lookupCustomer', 'onProblem'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw new ConfigurationError(name, 'must be a function');
  }
  const queues = connectQueuesSchema.safeParse(options.queues ?? {});
  if (!queues.success) {
    const issue = queues.error.issues[0]!;
    throw new ConfigurationError(['queues', ...issue.path.map(String)].join('.'), issue.message);
  }
  const seconds = options.invocationTimeLimitSeconds ?? connectFlowWaitMs / 1000;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > connectFlowWaitMs / 1000) {
    throw new ConfigurationError('invocationTimeLimitSeconds', 'is the block\'s Timeout: a whole number of seconds from 1 to 8');
  }
  const reserveMs = options.reserveMs ?? defaultReserveMs;
  if (!(reserveMs >= 0)) throw new ConfigurationError('reserveMs', 'is a number of milliseconds, 0 or more');
  return { queues: queues.data, waitMs: seconds * 1000, reserveMs };
}

/** The error as it may be logged: its name, and its message with phone numbers, emails and the contact's own number redacted. */
function safeError(error: unknown, contact: ConnectContact): Error {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  let text = redactText(message);
  if (contact.phoneNumber) text = text.split(contact.phoneNumber).join('[PHONE]');
  const safe = new Error(text);
  safe.name = name;
  return safe;
}
