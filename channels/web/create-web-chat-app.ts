/**
 * The web chat channel: a JSON API any client can use, server-sent events for messages that arrive
 * outside a turn, and a small accessible chat page. An edge mapper: it parses requests into
 * TurnInput and renders TurnOutput as transcript entries; the bot knows nothing of the web.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { ParleyError } from '../../src/core/errors.js';
import { createConversationId, isSafeId } from '../../src/core/ids.js';
import type { Bot } from '../../src/runtime/create-bot.js';
import type { ConversationHub } from '../../src/runtime/conversation-hub.js';
import { conversationNotFound, errorReply } from './api-errors.js';
import { createChatPage } from './chat-page.js';
import { createConversationTurns, type Track } from './conversation-turns.js';
import { streamConversation } from './event-stream.js';
import { messageBody, messageShapeHint, readEntryId, startBody } from './message-payloads.js';
import { readJsonBody } from './read-json-body.js';
import { createAssetFolder, findPublicDirectory } from './static-assets.js';

export interface WebChatOptions {
  bot: Bot;
  /** The per-conversation transcript: what a reload shows and what the event stream delivers. */
  hub: ConversationHub;
  /** Receives ids, counts and error codes; never what customers wrote. */
  logger?: Logger;
  /** Largest request body accepted, in bytes (default 64 kB). */
  maxBodyBytes?: number;
  /** How often an idle event stream gets a keep-alive comment (default 15 s). */
  heartbeatMs?: number;
  /** Wraps every turn, so the server can wait for turns in flight at shutdown (default: runs it as is). */
  track?: Track;
  /** Aborted at shutdown: open event streams close. */
  signal?: AbortSignal;
}

const rememberedLocales = 10_000;

/**
 * A hono app serving the web chat at `/`: the page, its assets and `/api/conversations/...`.
 *
 * @example
 * const bot = await createBot(acmeTelecom);
 * const app = createWebChatApp({ bot, hub: createConversationHub() });
 * serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 3000 });
 */
export function createWebChatApp(options: WebChatOptions): Hono {
  const { bot, hub, logger, signal } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const turns = createConversationTurns({ bot, hub, track: options.track ?? ((work) => work()) });
  const chatPage = createChatPage(createAssetFolder(findPublicDirectory()), { botName: bot.name, language: bot.defaultLocale });
  // The locale a client asked for at the start, until the stored conversation remembers it.
  const locales = new Map<string, string>();

  /** Whether an id names a conversation: checked for shape before the store ever sees it. */
  const isKnown = async (conversationId: string) =>
    isSafeId(conversationId) && (hub.has(conversationId) || (await bot.exists(conversationId)));

  const app = new Hono();

  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) => errorReply(c, 'payload-too-large', `The body is larger than ${maxBodyBytes} bytes.`),
  });
  app.use('/api/*', async (c, next) => {
    // A declared length is checked without touching the body (hono's bodyLimit builds a whole web
    // Request to look at it, a third of a turn's HTTP cost); a streamed body is counted as it arrives.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('Content-Length');
    if (declared !== undefined && /^\d+$/.test(declared) && c.req.header('Transfer-Encoding') === undefined) {
      return Number(declared) > maxBodyBytes ? limitBody(c, next) : next();
    }
    return limitBody(c, next);
  });
  app.use('/api/*', async (c, next) => {
    // Set before the reply exists, so hono writes them with it instead of copying the reply to add them.
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
  });

  app.post('/api/conversations', async (c) => {
    const body = await readJsonBody(c, startBody, { optional: true, hint: 'send {} or { "locale": "en-US" }' });
    if (body.kind === 'refused') return body.response;
    const conversationId = `web-${createConversationId()}`;
    // An empty transcript: the hub now knows the conversation, and the store is untouched until a turn.
    hub.append(conversationId, []);
    if (body.value?.locale) {
      locales.set(conversationId, body.value.locale);
      if (locales.size > rememberedLocales) locales.delete(locales.keys().next().value!);
    }
    logger?.info({ conversationId }, 'web chat conversation started');
    return c.json({ conversationId }, 201);
  });

  app.post('/api/conversations/:id/messages', async (c) => {
    const conversationId = c.req.param('id');
    if (!isSafeId(conversationId)) return conversationNotFound(c);
    const body = await readJsonBody(c, messageBody, { hint: messageShapeHint });
    if (body.kind === 'refused') return body.response;
    if (!body.value || !(await isKnown(conversationId))) return conversationNotFound(c);
    const started = performance.now();
    const reply = await turns.take(conversationId, body.value, body.value.locale ?? locales.get(conversationId));
    logger?.debug(
      { conversationId, ms: Math.round(performance.now() - started), replies: reply.messages.length, directives: reply.directives.map((d) => d.kind) },
      'web chat turn',
    );
    return c.json({ customer: reply.customer, messages: reply.messages, directives: reply.directives, view: reply.view });
  });

  app.get('/api/conversations/:id/messages', async (c) => {
    const conversationId = c.req.param('id');
    const after = readEntryId(c.req.query('after'));
    if (!(await isKnown(conversationId))) return conversationNotFound(c);
    if (after === undefined) return errorReply(c, 'invalid-payload', '"after" is the id of the last entry seen: a whole number.');
    return c.json({ messages: hub.since(conversationId, after) });
  });

  app.get('/api/conversations/:id/events', async (c) => {
    const conversationId = c.req.param('id');
    const lastEventId = c.req.header('Last-Event-ID');
    const after = readEntryId(lastEventId ?? c.req.query('after'));
    if (!(await isKnown(conversationId))) return conversationNotFound(c);
    if (after === undefined) return errorReply(c, 'invalid-payload', 'Last-Event-ID or "after" is the id of the last entry seen: a whole number.');
    return streamConversation(c, { hub, conversationId, after, heartbeatMs, retryMs: 2000, signal });
  });

  app.get('/', async (c) => (await chatPage.page(c)) ?? errorReply(c, 'not-found', 'The chat page is missing from this installation.'));
  app.get('/assets/:name', async (c) => (await chatPage.asset(c, c.req.param('name'))) ?? errorReply(c, 'not-found', 'No such file.'));

  app.notFound((c) => errorReply(c, 'not-found', 'Nothing here. The chat API lives under /api/conversations.'));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      return errorReply(c, error.status === 413 ? 'payload-too-large' : 'invalid-payload', 'The request could not be read.');
    }
    // Name, code and message only: no stack to the client, and no request body anywhere.
    logger?.error(
      { path: c.req.routePath, error: { name: error.name, code: ParleyError.isInstance(error) ? error.code : undefined, message: error.message } },
      'web chat request failed',
    );
    return errorReply(c, 'internal', 'Something went wrong on our side. Please try again.');
  });

  return app;
}
