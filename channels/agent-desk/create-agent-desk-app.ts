/**
 * Parley's agent desk: the page where a person takes over a conversation the bot handed off, for a
 * handoff provider that a desk can staff (`provider.desk`: Parley's local relay). Mounted at
 * `/agent-desk`: the page and its files (public: they hold no data) and a JSON API under `api/`,
 * all of it behind the operator token:
 *
 * - `GET api/handoffs`: the waiting and joined handoffs, oldest first, each with its envelope.
 * - `POST api/handoffs/:id/join` `{ agentName }`: the person takes it; the customer sees them join.
 * - `POST api/handoffs/:id/messages` `{ text }`: the person's message to the customer.
 * - `POST api/handoffs/:id/end`: the person leaves; the bot has the conversation again.
 * - `GET api/handoffs/:id/events` (`?after=` or `Last-Event-ID`): the conversation as server-sent
 *   events, from after the handoff by default.
 *
 * Desk actions are logged with the conversation id and the person's name, never what was written.
 */
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import * as z from 'zod';
import { ParleyError } from '../../src/core/errors.js';
import { packagePath } from '../../src/core/package-info.js';
import { DeskHandoffError, type AgentDeskSide, type DeskHandoff } from '../../src/handoff/agent-desk-side.js';
import type { Bot } from '../../src/runtime/create-bot.js';
import type { Logger } from '../../src/runtime/logger.js';
import type { RuntimeMetrics } from '../../src/runtime/metrics.js';
import { requireOperator } from '../../src/runtime/operator/operator-auth.js';
import { readJsonBody } from '../web/read-json-body.js';
import { createAssetFolder } from '../web/static-assets.js';
import { deskError, type AgentDeskErrorCode } from './desk-errors.js';
import { streamHandoff } from './desk-event-stream.js';
import { createDeskHandoffs } from './desk-handoffs.js';
import { createDeskPage } from './desk-page.js';

export interface AgentDeskOptions {
  bot: Bot;
  /** The handoff provider's desk side (`createLocalRelay().desk`). */
  desk: AgentDeskSide;
  /** The operator token (`operator.token`, `PARLEY_OPERATOR_TOKEN`); undefined: the API answers 403 and says how to turn it on. */
  token: string | undefined;
  /** Receives conversation ids, the person's name and error codes; never what anyone wrote. */
  logger: Logger;
  metrics: RuntimeMetrics;
  /** Proxies in front of the server whose `X-Forwarded-For` is believed, for the log of refused requests. */
  proxyHops: number;
  /** The longest message the person may write, in characters (default 2000). */
  maxMessageLength?: number;
  /** Largest request body accepted, in bytes (default 16 kB). */
  maxBodyBytes?: number;
  /** How often an idle event stream gets a keep-alive comment and checks that its handoff is open (default 15 s). */
  heartbeatMs?: number;
  /** Event streams open at once (default 20). */
  maxStreams?: number;
  /** Aborted at shutdown: open event streams close. */
  signal?: AbortSignal;
  /** The page's files (default: `channels/agent-desk/public/` of the installed package). */
  publicDirectory?: string | URL;
}

/** A person's name as the customer sees it, and a message: text without control characters (a message may have line breaks). */
const nameControl = /[\u0000-\u001F\u007F-\u009F]/;
const messageControl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const maxNameLength = 80;
const joinBody = z.object({ agentName: z.string() });
const messageBody = z.object({ text: z.string() });
const entryId = /^\d{1,15}$/;

/**
 * @example
 * const handoff = createLocalRelay();
 * const bot = await createBot(definition, { handoff });
 * app.route('/agent-desk', createAgentDeskApp({ bot, desk: handoff.desk, token: process.env.PARLEY_OPERATOR_TOKEN, logger, metrics, proxyHops: 0 }));
 */
export function createAgentDeskApp(options: AgentDeskOptions): Hono {
  const { bot, desk, logger, signal } = options;
  const maxMessageLength = options.maxMessageLength ?? 2000;
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxStreams = options.maxStreams ?? 20;
  const handoffs = createDeskHandoffs(bot, desk);
  const publicDirectory = options.publicDirectory instanceof URL ? fileURLToPath(options.publicDirectory) : options.publicDirectory;
  const page = createDeskPage(createAssetFolder(publicDirectory ?? packagePath('channels', 'agent-desk', 'public')), { botName: bot.name, maxMessageLength });
  let openStreams = 0;

  /** The open handoff the path names, or the 404 to answer. */
  const handoffOf = async (c: Context): Promise<DeskHandoff | Response> =>
    (await handoffs.find(c.req.param('id') ?? '')) ?? deskError(c, 'handoff-not-found', 'No such handoff is open: it ended, or the customer left.');

  /** Runs a desk action; a refusal becomes its 4xx answer. */
  const act = async (c: Context, action: () => Promise<void>): Promise<Response | undefined> => {
    try {
      await action();
      return undefined;
    } catch (error) {
      if (error instanceof DeskHandoffError) return deskError(c, deskCodes[error.code], error.message);
      if (ParleyError.isInstance(error) && error.code === 'input-rejected') return deskError(c, 'invalid-payload', `The desk could not take that: ${error.message}.`);
      throw error;
    }
  };

  const app = new Hono();
  app.use('/api/*', requireOperator({ token: options.token, logger, metrics: options.metrics, proxyHops: options.proxyHops }));
  app.use('/api/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
  });
  app.post('/api/*', bodyLimit({ maxSize: maxBodyBytes, onError: (c) => deskError(c, 'payload-too-large', `The body is larger than ${maxBodyBytes} bytes.`) }));

  app.get('/api/handoffs', async (c) => c.json({ handoffs: await handoffs.list() }));

  app.post('/api/handoffs/:id/join', async (c) => {
    const body = await readJsonBody(c, joinBody, { hint: 'send { "agentName": "Sam" }' });
    if (body.kind === 'refused') return body.response;
    const agentName = body.value!.agentName.trim();
    if (agentName === '' || agentName.length > maxNameLength || nameControl.test(agentName)) {
      return deskError(c, 'invalid-payload', `agentName is your name as the customer sees it: 1–${maxNameLength} characters.`);
    }
    const handoff = await handoffOf(c);
    if (handoff instanceof Response) return handoff;
    const refused = await act(c, () => desk.join(handoff.id, { name: agentName }));
    if (refused) return refused;
    logger.info({ conversationId: handoff.conversationId, agentName }, 'agent desk: joined a handoff');
    return c.json({ handoff: await handoffs.view({ ...handoff, state: 'joined', agentName }) });
  });

  app.post('/api/handoffs/:id/messages', async (c) => {
    const body = await readJsonBody(c, messageBody, { hint: 'send { "text": "…" }' });
    if (body.kind === 'refused') return body.response;
    const text = body.value!.text.trim();
    if (text === '' || messageControl.test(text)) return deskError(c, 'invalid-payload', 'text is the message to the customer: words, without control characters.');
    if (text.length > maxMessageLength) return deskError(c, 'message-too-long', `A message is at most ${maxMessageLength} characters; this one has ${text.length}.`);
    const handoff = await handoffOf(c);
    if (handoff instanceof Response) return handoff;
    const refused = await act(c, () => desk.say(handoff.id, text));
    if (refused) return refused;
    logger.info({ conversationId: handoff.conversationId, agentName: handoff.agentName }, 'agent desk: wrote to the customer');
    return c.json({ sent: true });
  });

  app.post('/api/handoffs/:id/end', async (c) => {
    const handoff = await handoffOf(c);
    if (handoff instanceof Response) return handoff;
    const refused = await act(c, () => desk.end(handoff.id));
    if (refused) return refused;
    logger.info({ conversationId: handoff.conversationId, agentName: handoff.agentName }, 'agent desk: ended a handoff');
    return c.json({ id: handoff.id, ended: true });
  });

  app.get('/api/handoffs/:id/events', async (c) => {
    const handoff = await handoffOf(c);
    if (handoff instanceof Response) return handoff;
    const asked = c.req.header('Last-Event-ID') ?? c.req.query('after');
    if (asked !== undefined && !entryId.test(asked)) return deskError(c, 'invalid-payload', 'Last-Event-ID or "after" is the id of the last entry seen: a whole number.');
    const { handoffEntryId } = await handoffs.view(handoff);
    // By default, what was said after the handoff; when its entry is not (or no longer) kept, from now on.
    const after = asked !== undefined ? Number(asked) : (handoffEntryId ?? (await bot.transcript(handoff.conversationId))?.at(-1)?.id ?? 0);
    if (openStreams >= maxStreams) return deskError(c, 'too-many-streams', `At most ${maxStreams} event streams may be open at the desk.`, 5);
    openStreams += 1;
    return streamHandoff(c, {
      bot,
      conversationId: handoff.conversationId,
      after,
      handoffEntryId: handoffEntryId ?? 0,
      heartbeatMs,
      isOpen: async () => (await handoffs.find(handoff.id)) !== undefined,
      ...(signal ? { signal } : {}),
      onClose: () => (openStreams -= 1),
    });
  });

  app.get('/', async (c) => {
    // The page's files are named relative to it: `/agent-desk` becomes `/agent-desk/`.
    if (!c.req.path.endsWith('/')) return c.redirect(`${c.req.path}/`, 308);
    return (await page.page(c)) ?? deskError(c, 'not-found', 'The agent desk page is missing from this installation.');
  });
  app.get('/assets/:name', async (c) => (await page.asset(c, c.req.param('name'))) ?? deskError(c, 'not-found', 'No such file.'));
  app.get('/*', async (c) => {
    // Mounted at `/agent-desk`, the app's `/` is `/agent-desk` alone; `/agent-desk/` comes here.
    const mountedAt = c.req.routePath.slice(0, -'/*'.length);
    if (c.req.path === `${mountedAt}/`) return (await page.page(c)) ?? deskError(c, 'not-found', 'The agent desk page is missing from this installation.');
    return deskError(c, 'not-found', 'Nothing here. The agent desk API lives under api/handoffs.');
  });

  app.notFound((c) => deskError(c, 'not-found', 'Nothing here. The agent desk API lives under api/handoffs.'));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      return deskError(c, error.status === 413 ? 'payload-too-large' : 'invalid-payload', 'The request could not be read.');
    }
    options.metrics.countError('agent-desk');
    // Name and message only: no stack to the client, and no request body anywhere.
    logger.error({ path: c.req.routePath, error: { name: error.name, message: error.message } }, 'agent desk request failed');
    return deskError(c, 'internal', 'Something went wrong on our side. Please try again.');
  });
  return app;
}

const deskCodes: Record<DeskHandoffError['code'], AgentDeskErrorCode> = {
  'not-found': 'handoff-not-found',
  'not-waiting': 'handoff-not-waiting',
  'not-joined': 'handoff-not-joined',
  full: 'handoff-full',
};
