/**
 * One Bot Framework request, framework-neutral: a parsed JSON body and the Authorization header in, a
 * status and JSON body out. The HTTP layer (hono) only reads the request and writes this answer.
 */
import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { Bot } from '../../src/runtime/create-bot.js';
import type { ActivityAdapter } from './activity-adapter.js';
import type { InboundActivity } from './inbound-activity.js';
import { parseActivity, type ParseActivityOptions } from './parse-activity.js';
import { renderActivities } from './render-activities.js';

export interface ActivityAnswer {
  status: number;
  /** JSON; absent for a plain acknowledgement. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Stable codes a caller can branch on, in `{ error: { code, message } }`. */
export type BotFrameworkErrorCode =
  | 'invalid-json'
  | 'invalid-activity'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'method-not-allowed'
  | 'unauthorized'
  | 'internal';

export function errorAnswer(status: number, code: BotFrameworkErrorCode, message: string, details?: string[]): ActivityAnswer {
  return { status, body: { error: details ? { code, message, details } : { code, message } } };
}

export interface ActivityHandlerOptions {
  bot: Bot;
  adapter: ActivityAdapter;
  logger: Logger;
  parse?: ParseActivityOptions;
}

/** Activity ids remembered per handler, to answer a redelivered activity without a second turn. */
const rememberedActivities = 5000;

export function createActivityHandler({ bot, adapter, logger, parse }: ActivityHandlerOptions) {
  // Channels redeliver an activity when its answer is slow or lost (Teams and the connector retry);
  // running the turn twice would answer twice and move the dialog on twice. Keyed by conversation and
  // activity id; holds the replies, so an `expectReplies` redelivery gets the same answer.
  const delivered = new Map<string, Promise<Partial<Activity>[]>>();
  const remember = (key: string, replies: Promise<Partial<Activity>[]>) => {
    delivered.set(key, replies);
    if (delivered.size > rememberedActivities) delivered.delete(delivered.keys().next().value!);
    replies.catch(() => delivered.delete(key));
  };

  return async function handleActivity(body: unknown, authorization: string): Promise<ActivityAnswer> {
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
    let stage: 'authenticate' | 'turn' | 'send' = 'authenticate';
    let replies = 0;
    let redelivered = false;
    try {
      const answer = await adapter.run(authorization, toBotbuilderActivity(activity), async (context) => {
        stage = 'turn';
        if (parsed.kind === 'ignore') return;
        // Only after authentication: an unauthenticated caller never learns what was answered.
        const key = activity.id ? `${conversationId}\n${activity.id}` : undefined;
        const earlier = key ? delivered.get(key) : undefined;
        if (earlier) {
          redelivered = true;
          const activities = await earlier;
          replies = activities.length;
          stage = 'send';
          // With expectReplies the replies travel in this response; otherwise they were already sent.
          if (activity.deliveryMode === 'expectReplies' && activities.length > 0) await context.sendActivities(activities);
          return;
        }
        const rendered = bot.handle(parsed.input).then((output) => renderActivities(output, context.activity));
        if (key) remember(key, rendered);
        const activities = await rendered;
        replies = activities.length;
        stage = 'send';
        if (activities.length > 0) await context.sendActivities(activities);
      });
      const status = answer?.status ?? 200;
      const outcome =
        parsed.kind === 'ignore' ? { outcome: 'ignored', reason: parsed.reason } : { outcome: redelivered ? 'redelivered' : 'answered', replies };
      logger.info({ ...fields, ...outcome, status, latencyMs: latencyMs() }, 'bot-framework activity');
      return answer?.body === undefined ? { status } : { status, body: answer.body };
    } catch (error) {
      const status = stage === 'authenticate' ? statusOf(error) : undefined;
      if (status === 401 || status === 403) {
        logger.info({ ...fields, outcome: 'unauthorized', status, latencyMs: latencyMs() }, 'bot-framework activity unauthorized');
        const answer = errorAnswer(status, 'unauthorized', 'The request has no valid Bot Framework token.');
        return { ...answer, headers: { 'WWW-Authenticate': 'Bearer' } };
      }
      logger.error({ ...fields, outcome: 'failed', stage, err: describeError(error), latencyMs: latencyMs() }, 'bot-framework activity failed');
      return errorAnswer(500, 'internal', 'The activity could not be processed.');
    }
  };
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
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
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
