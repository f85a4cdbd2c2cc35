/**
 * The HTTP runtime on AWS Lambda: the app `parley serve` serves (the web chat page and its JSON API,
 * Bot Framework, health, readiness and metrics) behind API Gateway (REST or HTTP API) or a function
 * URL, through hono's Lambda adapter. The bot is made once per instance, at its cold start, and serves
 * every request the instance gets; conversations live in DynamoDB, so any instance serves any turn.
 */
import type { Hono } from 'hono';
// hono's own Lambda adapter (hono 5 moves it to a package of its own, @hono/aws-lambda).
import { defaultIsContentTypeBinary, handle } from 'hono/aws-lambda';
import { madeOnce } from '../../core/made-once.js';
import type { BotDefinition } from '../define-bot.js';
import { createServerApp } from '../server.js';
import { errorResult, refuseEvent, type LambdaHttpResult } from './http-event.js';
import { checkWebTokenSecret } from './lambda-config.js';
import { createLambdaRuntime, type LambdaInstance, type LambdaRuntime, type LambdaRuntimeOptions } from './lambda-runtime.js';

export interface LambdaHttpHandlerOptions extends LambdaRuntimeOptions {
  /** The chat page's files; `parley lambda build` ships them in `public/` beside the bundle. Default: the installed package's. */
  publicDirectory?: string | URL;
}

/** A Lambda handler: `(event, context) => result`, with a way to wait for the cold start. */
export interface LambdaHttpHandler {
  (event: unknown, context?: unknown): Promise<LambdaHttpResult>;
  /** Resolves once the bot is made and its store open; rejects with why it cannot be. */
  ready(): Promise<void>;
}

type Serve = (event: unknown, context?: unknown) => Promise<LambdaHttpResult>;

/**
 * Checks the settings at once (throwing a ConfigurationError that says what to set), then starts
 * making the bot, so the cold start's work begins before the first request arrives.
 *
 * @example
 * // index.ts, bundled by `parley lambda build`
 * import bot from './bot.js';
 * export const handler = createLambdaHttpHandler(bot);
 * await handler.ready(); // during the function's init phase
 */
export function createLambdaHttpHandler(definition: BotDefinition, options: LambdaHttpHandlerOptions = {}): LambdaHttpHandler {
  const runtime = createLambdaRuntime(definition, options, 'serving on AWS Lambda', checkWebTokenSecret);
  const { logger } = runtime;
  const start = madeOnce(async () => serveHttp(await runtime.start(), runtime, options));
  start().catch(() => {}); // told by ready() and by the requests that wait for it
  const handler = async (event: unknown, context?: unknown): Promise<LambdaHttpResult> => {
    const refused = refuseEvent(event);
    if (refused) {
      logger.warn({ statusCode: refused.statusCode, body: refused.body }, 'event refused');
      return refused;
    }
    let serve: Serve;
    try {
      serve = await start();
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      logger.error({ err: { name, message } }, 'the bot could not start');
      return errorResult(503, 'unavailable', 'The assistant could not start; retry shortly.', { 'retry-after': '5' });
    }
    return serve(event, context);
  };
  return Object.assign(handler, { ready: async () => void (await start()) });
}

function serveHttp({ bot, metrics }: LambdaInstance, { config, logger }: LambdaRuntime, options: LambdaHttpHandlerOptions): Serve {
  const app: Hono = createServerApp({
    bot,
    config,
    logger,
    metrics,
    // A function instance is frozen between requests and never shut down by us: nothing to drain.
    shutdown: new AbortController().signal,
    track: (work) => work(),
    // A response reaches the client only whole: an event stream sends what is stored and ends, and the
    // page's EventSource reconnects (every two seconds) for more.
    webChat: { eventStreamMs: 0, ...(options.publicDirectory ? { publicDirectory: options.publicDirectory } : {}) },
  });
  // Text stays text (hono's default sends an event stream base64-encoded).
  const serve = handle(app, { isContentTypeBinary: (type) => !/^text\//i.test(type) && defaultIsContentTypeBinary(type) }) as unknown as Serve;
  return async (event, context) => withoutHopByHopHeaders(await serve(event, context));
}

/** Headers of a connection (an event stream's), which mean nothing in a whole response handed to API Gateway. */
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding']);

function withoutHopByHopHeaders(result: LambdaHttpResult): LambdaHttpResult {
  for (const headers of [result.headers, result.multiValueHeaders]) {
    for (const name of Object.keys(headers ?? {})) if (hopByHop.has(name.toLowerCase())) delete headers![name];
  }
  return result;
}
