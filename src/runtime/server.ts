/**
 * The HTTP runtime (hono on Node): the web chat page and its JSON API, the Bot Framework route,
 * health, readiness and metrics; and a shutdown that lets turns in flight finish.
 */
import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import { Hono } from 'hono';
// The module itself, not the folder's index: the index also exports botbuilder's activity mappings.
import { createBotFrameworkApp } from '../../channels/bot-framework/create-bot-framework-app.js';
import { createAgentDeskApp } from '../../channels/agent-desk/create-agent-desk-app.js';
import { createWebChatApp, type WebChatOptions } from '../../channels/web/index.js';
import type { AgentDeskSide } from '../handoff/agent-desk-side.js';
import type { Bot } from './create-bot.js';
import { botFrameworkAppSettings } from './bot-framework-config.js';
import { createOperatorApp } from './operator/operator-app.js';
import type { RuntimeConfig } from './config.js';
import type { Logger } from './logger.js';
import type { RuntimeMetrics } from './metrics.js';

export interface ParleyServer {
  /** `http://host:port`, with the port actually bound. */
  readonly url: string;
  readonly app: Hono;
  /** Stops taking requests, lets turns in flight finish (up to the shutdown timeout), closes. */
  close(): Promise<void>;
}

export interface ServerOptions {
  bot: Bot;
  config: RuntimeConfig;
  logger: Logger;
  metrics: RuntimeMetrics;
  /** The key that signs web chat conversation tokens (see `webChat.tokenSecret`); default: random, per process. */
  webTokenSecret?: string;
  /** Milliseconds, for the web chat's rate limits and token expiry (default: the real clock), for tests. */
  now?: () => number;
  /** Where the chat page's files are, and how long its event streams stay open (a host like AWS Lambda sets both). */
  webChat?: Pick<WebChatOptions, 'publicDirectory' | 'eventStreamMs'>;
  /** The handoff provider's desk side (the local relay's, ACS's): served at `/agent-desk`, behind the operator token. */
  desk?: AgentDeskSide;
  /** The Event Grid webhook of the ACS channels (acs-channels.ts), served at `/api/acs/events`. */
  acsEvents?: Hono;
}

/** Counts turns in flight, for the shutdown log, and so that shutdown waits for them. */
function createInFlightTracker() {
  let inFlight = 0;
  const idle: Array<() => void> = [];
  return {
    track: async <T>(work: () => Promise<T>): Promise<T> => {
      inFlight += 1;
      try {
        return await work();
      } finally {
        inFlight -= 1;
        if (inFlight === 0) for (const resolve of idle.splice(0)) resolve();
      }
    },
    get count() {
      return inFlight;
    },
    /** Resolves once no turn is in flight. */
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve))),
  };
}

/** The application, without a socket: what `startServer` listens with, and what tests can call directly. */
export function createServerApp(options: ServerOptions & { shutdown: AbortSignal; track: ReturnType<typeof createInFlightTracker>['track'] }): Hono {
  const { bot, config, logger, metrics, shutdown } = options;
  const app = new Hono();
  app.onError((error, c) => {
    metrics.countError('http');
    logger.error({ err: { name: error.name, message: error.message }, path: c.req.path }, 'request failed');
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side.' } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'not-found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404));
  app.use('*', async (c, next) => {
    if (shutdown.aborted && c.req.path !== '/healthz' && c.req.path !== '/metrics') {
      c.header('Retry-After', '5');
      return c.json({ error: { code: 'shutting-down', message: 'This instance is shutting down; retry shortly.' } }, 503);
    }
    await next();
  });
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) => c.json({ status: 'ready', bot: bot.name, locales: bot.locales }));
  app.get('/metrics', async (c) => c.text(await metrics.render(), 200, { 'content-type': metrics.registry.contentType }));
  const maxBodyBytes = config.limits.maxBodyBytes;
  app.route(
    '/api/messages',
    createBotFrameworkApp({ bot, ...botFrameworkAppSettings(config.botFramework), logger, maxBodyBytes }),
  );
  if (options.acsEvents) app.route('/api/acs/events', options.acsEvents);
  app.route('/operator', createOperatorApp({ bot, token: config.operator.token, logger, metrics, proxyHops: config.limits.proxyHops }));
  if (options.desk) {
    app.route('/agent-desk', createAgentDeskApp({ bot, desk: options.desk, token: config.operator.token, logger, metrics, proxyHops: config.limits.proxyHops, signal: shutdown }));
  }
  const { maxBodyBytes: _body, ...limits } = config.limits;
  app.route(
    '/',
    createWebChatApp({
      bot,
      logger,
      maxBodyBytes,
      track: options.track,
      signal: shutdown,
      limits,
      tokens: { secret: options.webTokenSecret ?? config.webChat.tokenSecret, ttlSeconds: config.webChat.tokenTtlSeconds, now: options.now },
      now: options.now,
      ...options.webChat,
    }),
  );
  return app;
}

/**
 * Listens on the configured host and port (0 picks a free port).
 *
 * @example
 * const server = await startServer({ bot, config, logger, metrics });
 * console.log(server.url);
 */
export async function startServer(options: ServerOptions): Promise<ParleyServer> {
  const { config, logger } = options;
  const shutdown = new AbortController();
  const tracker = createInFlightTracker();
  const app = createServerApp({ ...options, shutdown: shutdown.signal, track: tracker.track });
  // Loaded here: the Lambda handler serves createServerApp's app without a server, and this module
  // would otherwise cost its cold start node:http2 (some 15 ms) for nothing.
  const { serve } = await import('@hono/node-server');
  const server = await new Promise<ServerType>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(listening));
    listening.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    app,
    close() {
      closing ??= (async () => {
        logger.info({ inFlight: tracker.count }, 'shutting down');
        // Readiness turns 503, new requests are refused, event streams end.
        shutdown.abort();
        const http = server as ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };
        const closed = new Promise<void>((resolve) => http.close(() => resolve()));
        // A turn whose client hung up runs on without a connection: the store closes after it, not under it.
        const stopped = closed.then(() => tracker.idle()).then(() => 'stopped' as const);
        // Keep-alive connections go as soon as they are idle; a connection answering a turn stays until
        // its response is written.
        const sweep = setInterval(() => http.closeIdleConnections?.(), 25);
        http.closeIdleConnections?.();
        const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, config.shutdownTimeoutMs, 'timeout').unref());
        if ((await Promise.race([stopped, timeout])) === 'timeout') {
          logger.warn({ inFlight: tracker.count }, 'shutdown timeout: closing connections with turns in flight');
          http.closeAllConnections?.();
          await closed;
        }
        clearInterval(sweep);
        logger.info('stopped');
      })();
      return closing;
    },
  };
}
