/**
 * The operator routes, behind the operator token (operator-auth.ts):
 *
 * - `GET /operator/conversations/:id`: what is kept about a conversation (right of access): its
 *   channel-independent view and transcript.
 * - `DELETE /operator/conversations/:id`: erases it and everything kept about it (right to erasure);
 *   `{ erased: true }`, or 404 when there is nothing to erase.
 *
 * - `POST /operator/conversations/:id/notify`: a notification to the customer (`bot.notify`):
 *   `{ text, quickReplies?, offer?: { dialog, replies? }, urgent? }` → `{ status, offered }`; 409 with
 *   the refusal (`opted-out`, `quiet-hours`, `with-agent`, `no-address`) when it was not sent.
 *
 * Each erasure and notification is logged (the conversation id, never its content) for the audit trail.
 */
import { Hono } from 'hono';
import * as z from 'zod';
import { ConversationBusyError, ParleyError } from '../../core/errors.js';
import type { NotifyRefusal } from '../channel-reach.js';
import { isSafeId } from '../../core/ids.js';
import type { Bot } from '../create-bot.js';
import type { Logger } from '../logger.js';
import type { RuntimeMetrics } from '../metrics.js';
import { requireOperator } from './operator-auth.js';
import { operatorError } from './operator-errors.js';

export interface OperatorAppOptions {
  bot: Bot;
  /** Undefined: the routes answer 403 and say how to turn them on. */
  token: string | undefined;
  logger: Logger;
  metrics: RuntimeMetrics;
  proxyHops: number;
}

export function createOperatorApp(options: OperatorAppOptions): Hono {
  const { bot, logger } = options;
  const app = new Hono();
  app.use('*', requireOperator(options));

  app.get('/conversations/:id', async (c) => {
    const conversationId = c.req.param('id');
    if (!isSafeId(conversationId)) return badId(c);
    const transcript = await bot.transcript(conversationId);
    if (!transcript) return notFound(c, conversationId);
    return c.json({ conversationId, view: await bot.view(conversationId), transcript });
  });

  app.post('/conversations/:id/notify', async (c) => {
    const conversationId = c.req.param('id');
    if (!isSafeId(conversationId)) return badId(c);
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return operatorError(c, 'invalid-json', 'The body is not valid JSON.');
    }
    const parsed = notifyBody.safeParse(body);
    if (!parsed.success) {
      const where = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(body)'))].join(', ');
      return operatorError(c, 'invalid-payload', `Unexpected body at ${where}: send { "text": "Your technician arrives at 3pm.", "offer"?: { "dialog": "BookAppointment", "replies": ["CHANGE"] }, "urgent"?: false }.`);
    }
    if (!(await bot.exists(conversationId))) return notFound(c, conversationId);
    let result;
    try {
      result = await bot.notify(conversationId, parsed.data);
    } catch (error) {
      if (error instanceof ConversationBusyError) {
        c.header('Retry-After', '2');
        return operatorError(c, 'conversation-busy', 'Turns of this conversation are under way; retry shortly.');
      }
      if (ParleyError.isInstance(error) && error.code === 'input-rejected') return operatorError(c, 'invalid-payload', error.message);
      throw error;
    }
    logger.info({ conversationId, status: result.status, refusal: result.refusal, offered: result.offered }, 'notification by an operator');
    if (result.status === 'refused') return operatorError(c, 'notification-refused', `Not sent: ${refusals[result.refusal!]}`, { refusal: result.refusal });
    return c.json(result);
  });

  app.delete('/conversations/:id', async (c) => {
    const conversationId = c.req.param('id');
    if (!isSafeId(conversationId)) return badId(c);
    let erased: boolean;
    try {
      erased = await bot.erase(conversationId);
    } catch (error) {
      if (!(error instanceof ConversationBusyError)) throw error;
      c.header('Retry-After', '2');
      return operatorError(c, 'conversation-busy', 'Turns of this conversation are under way; retry shortly.');
    }
    logger.info({ conversationId, erased }, 'conversation erased by an operator');
    return erased ? c.json({ conversationId, erased: true }) : notFound(c, conversationId);
  });

  return app;
}

function badId(c: Parameters<typeof operatorError>[0]): Response {
  return operatorError(c, 'invalid-conversation-id', 'Conversation ids are 1–200 letters, digits or ._:@- and do not start with a dot.');
}

function notFound(c: Parameters<typeof operatorError>[0], conversationId: string): Response {
  return operatorError(c, 'conversation-not-found', `No conversation ${conversationId} is kept (never started, expired or erased).`);
}

const notifyBody = z.strictObject({
  text: z.string().trim().min(1).max(4096),
  quickReplies: z.array(z.strictObject({ title: z.string().min(1).max(100), value: z.string().min(1).max(1024) })).max(10).optional(),
  offer: z.strictObject({ dialog: z.string().min(1).max(200), replies: z.array(z.string().min(1).max(50)).max(10).optional() }).optional(),
  urgent: z.boolean().optional(),
});

const refusals: Record<NotifyRefusal, string> = {
  'opted-out': 'the customer opted out of messages on this channel (STOP).',
  'quiet-hours': 'it is inside the notification quiet hours; send it later, or with "urgent": true if it cannot wait.',
  'with-agent': 'a person has the conversation.',
  'no-address': 'the conversation has no address on its channel to write to.',
};
