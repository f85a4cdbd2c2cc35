/**
 * The web chat channel: a JSON API any client can use, server-sent events for messages that arrive
 * outside a turn, and a small accessible chat page. An edge mapper: it parses requests into
 * TurnInput and renders TurnOutput; the bot knows nothing of the web.
 *
 * A conversation is reachable only with the token issued when it started (see conversation-tokens.ts),
 * and only if the web channel owns it. Starting conversations and sending messages are rate-limited
 * per client address and per conversation; event streams are capped per conversation.
 */
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { ParleyError, type ConversationBusyError } from '../../src/core/errors.js';
import { createConversationId, isSafeId } from '../../src/core/ids.js';
import { clientAddress } from '../../src/runtime/client-address.js';
import type { Bot } from '../../src/runtime/create-bot.js';
import { createRateLimiter, type RateLimiter } from '../../src/runtime/rate-limiter.js';
import { conversationNotFound, errorReply } from './api-errors.js';
import { createChatPage } from './chat-page.js';
import { createConversationTokens, readBearerToken, type ConversationTokenOptions } from './conversation-tokens.js';
import { takeTurn, type Track } from './conversation-turns.js';
import { streamConversation } from './event-stream.js';
import { messageBody, messageShapeHint, readEntryId, startBody } from './message-payloads.js';
import { readJsonBody } from './read-json-body.js';
import { createAssetFolder, findPublicDirectory } from './static-assets.js';

export interface WebChatLimits {
  /** Conversations one client address may start per minute (default 30). */
  conversationsPerMinute: number;
  /** Messages per minute in one conversation (default 30). */
  messagesPerMinute: number;
  /** Messages per minute from one client address, across its conversations (default 300). */
  messagesPerMinutePerAddress: number;
  /** Event streams open at once on one conversation (default 5: a few tabs). */
  eventStreamsPerConversation: number;
  /** Proxies in front of the server whose `X-Forwarded-For` is believed (default 0: the socket's address). */
  proxyHops: number;
}

export interface WebChatOptions {
  bot: Bot;
  /** Receives ids, counts and error codes; never what customers wrote. */
  logger?: Logger;
  /** Largest request body accepted, in bytes (default 64 kB). */
  maxBodyBytes?: number;
  /** How often an idle event stream gets a keep-alive comment (default 15 s). */
  heartbeatMs?: number;
  /**
   * How long an event stream stays open before it ends and the browser reconnects (with
   * `Last-Event-ID`, after two seconds). Default: as long as the client stays. `0` sends what is
   * stored and ends at once: for hosts that deliver a response only whole, like AWS Lambda.
   */
  eventStreamMs?: number;
  /** The chat page's files (default: `channels/web/public/` of the installed package). */
  publicDirectory?: string | URL;
  /** Wraps every turn, so the server can wait for turns in flight at shutdown (default: runs it as is). */
  track?: Track;
  /** Aborted at shutdown: open event streams close. */
  signal?: AbortSignal;
  /** The conversation tokens' signing key and lifetime (default: a random key per process, an hour). */
  tokens?: ConversationTokenOptions;
  limits?: Partial<WebChatLimits>;
  /** Milliseconds, for the rate limits (default performance.now), for tests. */
  now?: () => number;
}

export const defaultWebChatLimits: WebChatLimits = {
  conversationsPerMinute: 30,
  messagesPerMinute: 30,
  messagesPerMinutePerAddress: 300,
  eventStreamsPerConversation: 5,
  proxyHops: 0,
};

const channel = 'web';

/**
 * A hono app serving the web chat at `/`: the page, its assets and `/api/conversations/...`.
 *
 * @example
 * const bot = await createBot(acmeTelecom);
 * const app = createWebChatApp({ bot, tokens: { secret: process.env.PARLEY_WEB_TOKEN_SECRET } });
 * serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 3000 });
 */
export function createWebChatApp(options: WebChatOptions): Hono {
  const { bot, logger, signal } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const track: Track = options.track ?? ((work) => work());
  const limits = { ...defaultWebChatLimits, ...options.limits };
  const tokens = createConversationTokens(options.tokens);
  const limiter = (perMinute: number): RateLimiter => createRateLimiter({ perMinute, now: options.now });
  const startsPerAddress = limiter(limits.conversationsPerMinute);
  const messagesPerConversation = limiter(limits.messagesPerMinute);
  const messagesPerAddress = limiter(limits.messagesPerMinutePerAddress);
  const openStreams = new Map<string, number>();
  const publicDirectory = options.publicDirectory instanceof URL ? fileURLToPath(options.publicDirectory) : options.publicDirectory;
  const chatPage = createChatPage(createAssetFolder(publicDirectory ?? findPublicDirectory()), bot);

  /** The rate limits a request meets, in order; the first that refuses answers 429. */
  const limited = (c: Context, ...checks: Array<[RateLimiter, string]>): Response | undefined => {
    for (const [limit, key] of checks) {
      const decision = limit.take(key);
      if (!decision.allowed) {
        return errorReply(c, 'rate-limited', `Too many requests; try again in ${decision.retryAfterSeconds} s.`, decision.retryAfterSeconds);
      }
    }
    return undefined;
  };

  /**
   * The conversation a request names, if its token is for it and the web channel owns it. The token
   * is checked first, so the store is never asked about a conversation the caller cannot prove is theirs.
   */
  const authorize = async (c: Context, options: { queryToken?: boolean; readsConversation?: boolean } = {}): Promise<{ conversationId: string } | { refused: Response }> => {
    const conversationId = c.req.param('id') ?? '';
    if (!conversationId.startsWith(`${channel}-`) || !isSafeId(conversationId)) return { refused: conversationNotFound(c) };
    const token = readBearerToken(c.req.header('Authorization'), options.queryToken ? c.req.query('token') : undefined);
    const check = tokens.check(token, conversationId);
    if (check === 'expired') return { refused: errorReply(c, 'token-expired', 'The conversation token has expired; start a new conversation.') };
    if (check !== 'valid') {
      return { refused: errorReply(c, 'unauthorized', 'Send the conversation token from POST /api/conversations as "Authorization: Bearer <token>".') };
    }
    // A route that reads the conversation anyway (a turn, the transcript) refuses a missing one as it
    // reads it; the others ask first.
    if (!options.readsConversation && !(await bot.exists(conversationId, channel))) return { refused: conversationNotFound(c) };
    return { conversationId };
  };

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
    const refused = limited(c, [startsPerAddress, clientAddress(c, limits.proxyHops)]);
    if (refused) return refused;
    const body = await readJsonBody(c, startBody, { optional: true, hint: 'send {} or { "locale": "en-US" }' });
    if (body.kind === 'refused') return body.response;
    const conversationId = `${channel}-${createConversationId()}`;
    // Stored now, before any turn: the conversation and its token outlive a restart.
    await bot.start(conversationId, { channel, locale: body.value?.locale });
    logger?.info({ conversationId }, 'web chat conversation started');
    return c.json({ conversationId, ...tokens.issue(conversationId) }, 201);
  });

  app.post('/api/conversations/:id/token', async (c) => {
    const found = await authorize(c);
    if ('refused' in found) return found.refused;
    return c.json(tokens.issue(found.conversationId));
  });

  app.post('/api/conversations/:id/messages', async (c) => {
    const found = await authorize(c, { readsConversation: true });
    if ('refused' in found) return found.refused;
    const { conversationId } = found;
    const refused = limited(c, [messagesPerConversation, conversationId], [messagesPerAddress, clientAddress(c, limits.proxyHops)]);
    if (refused) return refused;
    const body = await readJsonBody(c, messageBody, { hint: messageShapeHint });
    if (body.kind === 'refused') return body.response;
    if (!body.value) return errorReply(c, 'invalid-payload', `Unexpected body: ${messageShapeHint}.`);
    const started = performance.now();
    const reply = await takeTurn(bot, track, conversationId, body.value);
    logger?.debug(
      { conversationId, ms: Math.round(performance.now() - started), replies: reply.messages.length, directives: reply.directives.map((d) => d.kind) },
      'web chat turn',
    );
    return c.json(reply);
  });

  app.get('/api/conversations/:id/messages', async (c) => {
    const found = await authorize(c, { readsConversation: true });
    if ('refused' in found) return found.refused;
    const after = readEntryId(c.req.query('after'));
    if (after === undefined) return errorReply(c, 'invalid-payload', '"after" is the id of the last entry seen: a whole number.');
    const messages = await bot.transcript(found.conversationId, { channel, after });
    return messages ? c.json({ messages }) : conversationNotFound(c);
  });

  app.get('/api/conversations/:id/events', async (c) => {
    const found = await authorize(c, { queryToken: true });
    if ('refused' in found) return found.refused;
    const { conversationId } = found;
    const after = readEntryId(c.req.header('Last-Event-ID') ?? c.req.query('after'));
    if (after === undefined) return errorReply(c, 'invalid-payload', 'Last-Event-ID or "after" is the id of the last entry seen: a whole number.');
    const open = openStreams.get(conversationId) ?? 0;
    if (open >= limits.eventStreamsPerConversation) {
      return errorReply(c, 'too-many-streams', `At most ${limits.eventStreamsPerConversation} event streams may be open on one conversation.`, 5);
    }
    openStreams.set(conversationId, open + 1);
    const closed = () => {
      const left = (openStreams.get(conversationId) ?? 1) - 1;
      if (left > 0) openStreams.set(conversationId, left);
      else openStreams.delete(conversationId);
    };
    return streamConversation(c, { bot, conversationId, after, heartbeatMs, retryMs: 2000, maxMs: options.eventStreamMs, signal, onClose: closed });
  });

  app.get('/', async (c) => (await chatPage.page(c)) ?? errorReply(c, 'not-found', 'The chat page is missing from this installation.'));
  app.get('/assets/:name', async (c) => (await chatPage.asset(c, c.req.param('name'))) ?? errorReply(c, 'not-found', 'No such file.'));

  app.notFound((c) => errorReply(c, 'not-found', 'Nothing here. The chat API lives under /api/conversations.'));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      return errorReply(c, error.status === 413 ? 'payload-too-large' : 'invalid-payload', 'The request could not be read.');
    }
    const known = knownFailure(c, error);
    if (known) return known;
    // Name, code and message only: no stack to the client, and no request body anywhere.
    logger?.error(
      { path: c.req.routePath, error: { name: error.name, code: ParleyError.isInstance(error) ? error.code : undefined, message: error.message } },
      'web chat request failed',
    );
    return errorReply(c, 'internal', 'Something went wrong on our side. Please try again.');
  });

  return app;
}

/** Errors that are an answer, not a fault: a reused message id, a busy conversation, a full store. */
function knownFailure(c: Context, error: Error): Response | undefined {
  if (!ParleyError.isInstance(error)) return undefined;
  switch (error.code) {
    case 'idempotency-conflict':
      return errorReply(c, 'message-id-reused', 'This clientMessageId was already used for a different message; give each message its own id.');
    case 'conversation-busy':
      return errorReply(c, 'conversation-busy', 'The conversation is busy with other messages; retry shortly.', (error as ConversationBusyError).retryAfterSeconds);
    case 'conversation-not-found':
      return conversationNotFound(c);
    case 'store-full':
      return errorReply(c, 'at-capacity', 'The service is at capacity; try again in a minute.', 60);
    default:
      return undefined;
  }
}
