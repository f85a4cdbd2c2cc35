/**
 * The HTTP runtime on AWS Lambda: the app `parley serve` serves (the web chat page and its JSON API,
 * Bot Framework, health, readiness and metrics) behind API Gateway (REST or HTTP API) or a function
 * URL, through hono's Lambda adapter. The bot is made once per instance, at its cold start, and serves
 * every request the instance gets; conversations live in DynamoDB, so any instance serves any turn.
 */
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
// hono's own Lambda adapter (hono 5 moves it to a package of its own, @hono/aws-lambda).
import { defaultIsContentTypeBinary, handle } from 'hono/aws-lambda';
import { loadRuntimeConfig, modelCacheOf, type RuntimeConfig } from '../config.js';
import { createStoreFromConfig } from '../configured-store.js';
import type { BotDefinition } from '../define-bot.js';
import { createLogger, type Logger } from '../logger.js';
import { createRuntimeMetrics } from '../metrics.js';
import { createRuntimeBot } from '../runtime-bot.js';
import { createServerApp } from '../server.js';
import { errorResult, refuseEvent, type LambdaHttpResult } from './http-event.js';
import { checkLambdaConfig } from './lambda-config.js';

export interface LambdaHttpHandlerOptions {
  /**
   * Default: read as `parley serve` reads them, from the environment (and `PARLEY_CONFIG`, or a
   * `parley.config.*` in the function's folder).
   */
  config?: RuntimeConfig;
  /** The chat page's files; `parley lambda build` ships them in `public/` beside the bundle. Default: the installed package's. */
  publicDirectory?: string | URL;
  /**
   * The folder of the bot's model artefact (`parley build`), from which a cold start loads the
   * trained recognizer instead of training; `parley lambda build` ships it in `model/`. Default: the
   * config's `modelCache`. Only read: a function's files cannot be written.
   */
  modelDirectory?: string | URL;
  /** Default: JSON lines on standard output, which Lambda sends to CloudWatch Logs, at `LOG_LEVEL`. */
  logger?: Logger;
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
  const config = readOnlyModelCache(options.config ?? loadRuntimeConfig(), options.modelDirectory);
  checkLambdaConfig(config);
  const logger = options.logger ?? createLogger(config.logging);
  let starting: Promise<Serve> | undefined;
  // A start that failed (the table out of reach) is tried again by the next request.
  const start = () =>
    (starting ??= startServing(definition, config, logger, options).catch((error: unknown) => {
      starting = undefined;
      throw error;
    }));
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

async function startServing(definition: BotDefinition, config: RuntimeConfig, logger: Logger, options: LambdaHttpHandlerOptions): Promise<Serve> {
  // Each instance answers /metrics for itself; the process's own gauges say little of a function.
  const metrics = createRuntimeMetrics({ processMetrics: false });
  const store = createStoreFromConfig(config.store, { onDynamoDbRequest: metrics.countStoreRequest });
  const bot = await createRuntimeBot(definition, { config, logger, metrics, store });
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
  logger.info({ bot: bot.name, locales: bot.locales, store: config.store.kind, recognizer: bot.recognizer.name, startMs: Math.round(performance.now()) }, 'serving on AWS Lambda');
  // Text stays text (hono's default sends an event stream base64-encoded).
  const serve = handle(app, { isContentTypeBinary: (type) => !/^text\//i.test(type) && defaultIsContentTypeBinary(type) }) as unknown as Serve;
  return async (event, context) => withoutHopByHopHeaders(await serve(event, context));
}

/** The model cache, only read: from `modelDirectory` when given. */
function readOnlyModelCache(config: RuntimeConfig, modelDirectory: string | URL | undefined): RuntimeConfig {
  const directory = modelDirectory === undefined ? modelCacheOf(config)?.directory : modelDirectory instanceof URL ? fileURLToPath(modelDirectory) : modelDirectory;
  return { ...config, modelCache: directory === undefined ? false : { directory, readOnly: true } };
}

/** Headers of a connection (an event stream's), which mean nothing in a whole response handed to API Gateway. */
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding']);

function withoutHopByHopHeaders(result: LambdaHttpResult): LambdaHttpResult {
  for (const headers of [result.headers, result.multiValueHeaders]) {
    for (const name of Object.keys(headers ?? {})) if (hopByHop.has(name.toLowerCase())) delete headers![name];
  }
  return result;
}
