/**
 * What every Parley Lambda handler shares (the HTTP runtime, the Lex code hook, the Connect flow
 * function): the settings read from the environment, the model artefact only read, and the bot made
 * once per instance, at its cold start — tried again by the next invocation when it could not be.
 */
import { fileURLToPath } from 'node:url';
import { loadRuntimeConfig, modelCacheOf, type RuntimeConfig } from '../config.js';
import { createStoreFromConfig } from '../configured-store.js';
import type { Bot } from '../create-bot.js';
import type { BotDefinition } from '../define-bot.js';
import { createLogger, type Logger } from '../logger.js';
import { createRuntimeMetrics, type RuntimeMetrics } from '../metrics.js';
import { createRuntimeBot } from '../runtime-bot.js';
import { madeOnce } from '../../core/made-once.js';
import { checkLambdaStore } from './lambda-config.js';

export interface LambdaRuntimeOptions {
  /**
   * Default: read as `parley serve` reads them, from the environment (and `PARLEY_CONFIG`, or a
   * `parley.config.*` in the function's folder).
   */
  config?: RuntimeConfig;
  /**
   * The folder of the bot's model artefact (`parley build`), from which a cold start loads the
   * trained recognizer instead of training; `parley lambda build` ships it in `model/`. Default: the
   * config's `modelCache`. Only read: a function's files cannot be written.
   */
  modelDirectory?: string | URL;
  /** Default: JSON lines on standard output, which Lambda sends to CloudWatch Logs, at `LOG_LEVEL`. */
  logger?: Logger;
}

export interface LambdaInstance {
  bot: Bot;
  metrics: RuntimeMetrics;
}

/** What a Lambda handler is given besides the event; Parley's handlers read only the remaining time. */
export interface LambdaInvocationContext {
  getRemainingTimeInMillis?(): number;
  awsRequestId?: string;
}

/** A Lambda handler, with a way to wait for the cold start. */
export interface ReadyHandler<R> {
  (event: unknown, context?: LambdaInvocationContext): Promise<R>;
  /** Resolves once the bot is made and its store open; rejects with why it cannot be. */
  ready(): Promise<void>;
}

export interface LambdaRuntime {
  config: RuntimeConfig;
  logger: Logger;
  /** The bot, made at the first call; a start that failed (the table out of reach) is tried again. */
  start(): Promise<LambdaInstance>;
  /** A handler made from the started bot, once; events wait for it, and a failed start is tried again. */
  handler<R>(make: (instance: LambdaInstance) => (event: unknown, context?: LambdaInvocationContext) => Promise<R>): ReadyHandler<R>;
}

/**
 * Checks the settings at once (throwing a ConfigurationError that says what to set) and starts making
 * the bot, so the cold start's work begins before the first event arrives.
 *
 * @example
 * const runtime = createLambdaRuntime(bot, options, 'serving Lex V2 code hooks on AWS Lambda');
 * const { bot } = await runtime.start();
 */
export function createLambdaRuntime(definition: BotDefinition, options: LambdaRuntimeOptions, what: string, check?: (config: RuntimeConfig) => void): LambdaRuntime {
  const config = readOnlyModelCache(options.config ?? loadRuntimeConfig(), options.modelDirectory);
  checkLambdaStore(config);
  check?.(config);
  const logger = options.logger ?? createLogger(config.logging);
  const start = madeOnce(() => startInstance(definition, config, logger, what));
  start().catch(() => {}); // told by the calls that wait for it
  return {
    config,
    logger,
    start,
    handler(make) {
      const made = madeOnce(async () => make(await start()));
      made().catch(() => {}); // told by ready() and by the events that wait for it
      const handler = async (event: unknown, context?: LambdaInvocationContext) => (await made())(event, context);
      return Object.assign(handler, { ready: async () => void (await made()) });
    },
  };
}

async function startInstance(definition: BotDefinition, config: RuntimeConfig, logger: Logger, what: string): Promise<LambdaInstance> {
  // Each instance answers /metrics for itself; the process's own gauges say little of a function.
  const metrics = createRuntimeMetrics({ processMetrics: false });
  const store = createStoreFromConfig(config.store, { onDynamoDbRequest: metrics.countStoreRequest });
  const bot = await createRuntimeBot(definition, { config, logger, metrics, store });
  logger.info({ bot: bot.name, locales: bot.locales, store: config.store.kind, recognizer: bot.recognizer.name, startMs: Math.round(performance.now()) }, what);
  return { bot, metrics };
}

/** The model cache, only read: from `modelDirectory` when given. */
function readOnlyModelCache(config: RuntimeConfig, modelDirectory: string | URL | undefined): RuntimeConfig {
  const directory = modelDirectory === undefined ? modelCacheOf(config)?.directory : modelDirectory instanceof URL ? fileURLToPath(modelDirectory) : modelDirectory;
  return { ...config, modelCache: directory === undefined ? false : { directory, readOnly: true } };
}
