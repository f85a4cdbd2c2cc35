/**
 * The operator routes, behind the operator token (operator-auth.ts):
 *
 * - `GET /operator/conversations/:id`: what is kept about a conversation (right of access): its
 *   channel-independent view and transcript.
 * - `DELETE /operator/conversations/:id`: erases it and everything kept about it (right to erasure);
 *   `{ erased: true }`, or 404 when there is nothing to erase.
 *
 * Each erasure is logged (the conversation id, never its content) for the audit trail.
 */
import { Hono } from 'hono';
import { ConversationBusyError } from '../../core/errors.js';
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
