/**
 * One Bot Framework request, framework-neutral: a parsed JSON body and the Authorization header in, a
 * status and JSON body out. The HTTP layer (hono) only reads the request and writes this answer.
 */
import { createHash } from 'node:crypto';
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { ParleyError, type ConversationBusyError } from '../../src/core/errors.js';
import type { Logger } from 'pino';
import type { Bot } from '../../src/runtime/create-bot.js';
import { AuthenticationFailure, type ActivityAdapter } from './activity-adapter.js';
import { createAgentReplies } from './agent-replies.js';
import { errorAnswer, type ActivityAnswer } from './activity-answer.js';
import type { InboundActivity } from './inbound-activity.js';
import { parseActivity, type ParseActivityOptions } from './parse-activity.js';
import { renderActivities, renderMessage } from './render-activities.js';
import { addressOf, referenceOf } from './conversation-address.js';
import type { ChannelAddress, Message } from '../../src/core/turn.js';

export interface ActivityHandlerOptions {
  bot: Bot;
  adapter: ActivityAdapter;
  logger: Logger;
  parse?: ParseActivityOptions;
  /** Whether replies may be POSTed to this serviceUrl (see service-url-policy.ts). Default: anywhere. */
  serviceUrlAllowed?: (serviceUrl: string) => boolean;
  /** The bot's app id, for messages sent outside a turn (a person's, after a handoff). Default: none (the Emulator). */
  appId?: string;
}

export function createActivityHandler({ bot, adapter, logger, parse, serviceUrlAllowed, appId = '' }: ActivityHandlerOptions) {
  const agentReplies = createAgentReplies({ bot, adapter, appId, logger });
  return Object.assign(async function handleActivity(body: unknown, authorization: string): Promise<ActivityAnswer> {
    const started = performance.now();
    const latencyMs = () => Math.round(performance.now() - started);
    const parsed = parseActivity(body, parse);
    if (parsed.kind === 'invalid') {
      logger.info({ outcome: 'rejected', problems: parsed.problems, latencyMs: latencyMs() }, 'bot-framework activity rejected');
      return errorAnswer(400, 'invalid-activity', 'The body is not a Bot Framework activity.', parsed.problems);
    }
    const { activity, conversationId } = parsed;
    // Ids and types only: no text, values or names, which may identify the customer.
    const fields = { conversationId, channelId: activity.channelId, activityType: activity.type, deliveryMode: activity.deliveryMode ?? undefined };
    // Before anything runs: an unauthenticated caller must not be able to make the bot POST to any host.
    if (serviceUrlAllowed && !serviceUrlAllowed(activity.serviceUrl)) {
      logger.warn({ ...fields, outcome: 'refused', reason: 'service-url-not-allowed', serviceUrlHost: hostOf(activity.serviceUrl), latencyMs: latencyMs() }, 'bot-framework activity refused');
      return errorAnswer(403, 'service-url-not-allowed', 'The activity\'s serviceUrl is not one this bot replies to (see botFramework.allowedServiceUrls).');
    }
    let stage: 'authenticate' | 'turn' | 'send' = 'authenticate';
    let replies = 0;
    let redelivered = false;
    try {
      const answer = await adapter.run(authorization, toBotbuilderActivity(activity), async (context) => {
        stage = 'turn';
        if (parsed.kind === 'ignore') return;
        // Channels redeliver an activity when its answer is slow or lost (Teams and the connector
        // retry). The activity id is the turn's idempotency key: the bot keeps each recent answer with
        // the conversation, so a redelivery (to this process or another, before or after a restart)
        // gets it without a second turn. Only after authentication: an unauthenticated caller never
        // learns what was answered.
        // Where notifications reach this conversation later: its reference, kept with it.
        const address = addressOf(TurnContext.getConversationReference(context.activity));
        const input = { ...parsed.input, ...(address ? { address } : {}) };
        const output = await bot.handle(activity.id ? { ...input, idempotencyKey: idempotencyKeyOf(activity.id) } : input);
        const activities = renderActivities(output, context.activity);
        // A person has the conversation: what they say comes outside the turns, to this conversation.
        if (output.withAgent) agentReplies.follow(parsed.input.conversationId, TurnContext.getConversationReference(context.activity));
        redelivered = output.redelivered === true;
        replies = activities.length;
        stage = 'send';
        // With expectReplies the replies travel in this response; otherwise a redelivery's were already sent.
        if (activities.length > 0 && (!redelivered || activity.deliveryMode === 'expectReplies')) await context.sendActivities(activities);
      });
      const status = answer?.status ?? 200;
      const outcome =
        parsed.kind === 'ignore' ? { outcome: 'ignored', reason: parsed.reason } : { outcome: redelivered ? 'redelivered' : 'answered', replies };
      logger.info({ ...fields, ...outcome, status, latencyMs: latencyMs() }, 'bot-framework activity');
      if (answer?.body !== undefined) return { status, body: answer.body };
      // botbuilder answers an invoke no turn handled with a bare 501; the API's refusals are all JSON.
      if (status === 501) return errorAnswer(501, 'not-implemented', `This bot does not answer ${activity.type} activities.`);
      return { status };
    } catch (error) {
      if (error instanceof AuthenticationFailure && error.status === 503) {
        logger.error({ ...fields, outcome: 'unavailable', status: 503, err: describeError(error.cause), latencyMs: latencyMs() }, 'bot-framework signing keys unavailable');
        const answer = errorAnswer(503, 'authentication-unavailable', 'The Bot Framework signing keys cannot be fetched just now; retry shortly.');
        return { ...answer, headers: { 'Retry-After': '30' } };
      }
      const status = stage === 'authenticate' ? statusOf(error) : undefined;
      if (status === 401 || status === 403) {
        // Why, for the operator (botbuilder's or jsonwebtoken's words about the token; never the token).
        const cause = error instanceof AuthenticationFailure ? describeError(error.cause) : describeError(error);
        logger.info({ ...fields, outcome: 'unauthorized', status, reason: { name: cause.name, message: cause.message }, latencyMs: latencyMs() }, 'bot-framework activity unauthorized');
        const answer = errorAnswer(status, 'unauthorized', 'The request has no valid Bot Framework token.');
        return { ...answer, headers: { 'WWW-Authenticate': 'Bearer' } };
      }
      // Set inside the turn callback, which the compiler cannot follow.
      const reached = stage as 'authenticate' | 'turn' | 'send';
      const known = reached === 'turn' ? turnRefusal(error) : undefined;
      if (known) {
        logger.warn({ ...fields, outcome: 'refused', reason: known.body && (known.body as { error: { code: string } }).error.code, status: known.status, latencyMs: latencyMs() }, 'bot-framework activity refused');
        return known;
      }
      logger.error({ ...fields, outcome: 'failed', stage, err: describeError(error), latencyMs: latencyMs() }, 'bot-framework activity failed');
      // The turn ran and is saved; the connector would not take the replies. Its fault, not the caller's.
      if (reached === 'send') return errorAnswer(502, 'connector-failed', 'The turn was answered, but the replies could not be sent to the serviceUrl.');
      return errorAnswer(500, 'internal', 'The activity could not be processed.');
    }
  }, {
    /** Writes to a conversation outside a turn (a notification), as botbuilder's continueConversation. */
    async deliver(address: ChannelAddress, messages: readonly Message[]): Promise<void> {
      await adapter.continueConversationAsync(appId, referenceOf(address) as ConversationReference, async (context) => {
        await context.sendActivities(messages.map((message) => renderMessage(message, (message.quickReplies?.length ?? 0) > 0)));
      });
    },
  });
}

/** Answers for turns the bot refused on purpose: none of them is an internal error. */
function turnRefusal(error: unknown): ActivityAnswer | undefined {
  if (!ParleyError.isInstance(error)) return undefined;
  switch (error.code) {
    case 'conversation-busy': {
      const retryAfter = String((error as ConversationBusyError).retryAfterSeconds);
      return { ...errorAnswer(503, 'conversation-busy', 'The conversation is busy with other activities; retry shortly.'), headers: { 'Retry-After': retryAfter } };
    }
    case 'store-full':
      return { ...errorAnswer(503, 'at-capacity', 'The bot is at capacity; retry in a minute.'), headers: { 'Retry-After': '60' } };
    case 'idempotency-conflict':
      return errorAnswer(409, 'activity-id-reused', 'This activity id was already used for a different activity in this conversation.');
    default:
      return undefined;
  }
}

/** Activity ids are at most 1,024 characters here; the bot keeps keys of up to 200. */
function idempotencyKeyOf(activityId: string): string {
  return activityId.length <= 200 ? activityId : `sha256:${createHash('sha256').update(activityId).digest('base64url')}`;
}

/** botbuilder's own `validateAndFixActivity`: ISO timestamps become Dates, the strings are kept. */
function toBotbuilderActivity(activity: InboundActivity): Activity {
  const copy: Record<string, unknown> = { ...activity };
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const value = copy[field];
    if (typeof value === 'string') {
      copy[raw] = value;
      copy[field] = new Date(value);
    }
  }
  return copy as unknown as Activity;
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof AuthenticationFailure) return error.status;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function hostOf(serviceUrl: string): string | undefined {
  return URL.canParse(serviceUrl) ? new URL(serviceUrl).host : undefined;
}

/**
 * Chosen fields only, whatever the error carries: a connector RestError also holds the request it made
 * (our reply, which may repeat what the customer said) and the connector's response.
 */
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { name: typeof error };
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  return { name: error.name, message: error.message.slice(0, 200), code, statusCode, stack: error.stack };
}
