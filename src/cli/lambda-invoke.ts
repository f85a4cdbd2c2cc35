/**
 * `parley lambda invoke <handler> <event.json…>`: a Lambda handler of the bot run here, on events
 * from files, as `sam local invoke` runs a function: each answer as a line of JSON on standard output,
 * the time it took (and the handler's logs) on standard error, exit code 1 with a one-line reason for
 * an event the handler refuses, an error, or no answer within the caller's time. Several files run in
 * order against one bot and one store, so a whole conversation can be replayed from files.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigurationError, ParleyError } from '../core/errors.js';
import { describeSyntaxError, parseConfigText } from '../core/config-text.js';
import { loadRuntimeConfig, modelCacheOf, type RuntimeConfig } from '../runtime/config.js';
import { lambdaHandlers, loadLambdaHandlerFactory, type LambdaHandler, type LambdaHandlerKind } from '../runtime/lambda/lambda-handler-kinds.js';
import { createLogger } from '../runtime/logger.js';
import { loadOrTrainModel } from '../runtime/model-cache.js';
import { findBotModule, loadBotModule } from './load-bot-module.js';

export interface LambdaInvokeOptions {
  handler: LambdaHandlerKind;
  /** The event files, run in order. */
  events: readonly string[];
  /** The bot module (default: the config's, else bot.ts, else dialogs/index.ts). */
  bot?: string;
  /** The caller's time in seconds (default: the handler kind's, 30 or 8). */
  timeoutSeconds?: number;
  /** A config file (default parley.config.yaml or .json if present). */
  configFile?: string;
}

/** Lambda's own longest timeout. */
const longestTimeoutSeconds = 900;

/**
 * Runs the events and says whether each was answered: 0 when all were, else 1 (the reason printed).
 *
 * @example
 * process.exitCode = await invokeLambda({ handler: 'connect-flow', events: ['event.json'] });
 */
export async function invokeLambda(options: LambdaInvokeOptions): Promise<number> {
  const timeoutSeconds = options.timeoutSeconds ?? lambdaHandlers[options.handler].waitSeconds;
  if (!(timeoutSeconds > 0 && timeoutSeconds <= longestTimeoutSeconds)) {
    throw new ConfigurationError('--timeout', `is the caller's time in seconds, like ${lambdaHandlers[options.handler].waitSeconds}: more than 0, at most ${longestTimeoutSeconds}`);
  }
  // Every file is read before anything runs: a typo in the last one stops the replay before it starts.
  const events = await Promise.all(options.events.map(readEvent));
  const handler = await makeHandler(options);
  for (const { file, event } of events) {
    const started = performance.now();
    const outcome = await answerWithin(handler, event, timeoutSeconds * 1000);
    const ms = Math.round(performance.now() - started);
    if (outcome.kind !== 'answer') {
      console.error(`parley: ${file}: ${outcome.kind === 'late' ? `no answer within ${timeoutSeconds} s, the time ${lambdaHandlers[options.handler].caller} waits (--timeout to change)` : oneLine(outcome.error)}`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify(outcome.response)}\n`);
    console.error(`${file}: answered in ${ms} ms`);
  }
  return 0;
}

async function readEvent(file: string): Promise<{ file: string; event: unknown }> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ConfigurationError(file, error.code === 'ENOENT' ? 'no such file' : `cannot be read: ${error.message}`);
  });
  // A syntax error is told by line and column, never quoting the event: it holds a customer's data.
  const parsed = parseConfigText(text, 'json');
  if (parsed.kind === 'syntax-error') throw new ConfigurationError(file, `is not valid JSON: ${describeSyntaxError(parsed)}`);
  return { file, event: parsed.value };
}

/** The handler of the bot, made with the environment's settings as a function instance would be, its logs on standard error. */
async function makeHandler(options: LambdaInvokeOptions): Promise<LambdaHandler> {
  const config = localSettings(loadRuntimeConfig({ file: options.configFile, overrides: { bot: options.bot } }), options.handler);
  const botModule = findBotModule(config.bot);
  const definition = await loadBotModule(botModule);
  const handlerOptions = await optionsExport(botModule, options.handler);
  // The cold start loads what `parley serve` and `parley build` keep in the model cache; written here, so the next run loads it.
  const cache = modelCacheOf(config);
  if (cache && !cache.readOnly) await loadOrTrainModel(definition.intents, cache);
  const create = await loadLambdaHandlerFactory(options.handler);
  const handler = create(definition, { ...handlerOptions, config, logger: createLogger({ ...config.logging, destination: process.stderr }) });
  await handler.ready();
  return handler;
}

/**
 * The settings as a function instance would have them, here: a file store (the default), which
 * handlers refuse on Lambda, becomes memory; the HTTP handler, without a web token secret, gets one
 * for this run.
 */
export function localSettings(config: RuntimeConfig, handler: LambdaHandlerKind): RuntimeConfig {
  const local = config.store.kind === 'file' ? { ...config, store: { kind: 'memory' as const } } : config;
  if (handler !== 'http' || local.webChat.tokenSecret) return local;
  return { ...local, webChat: { ...local.webChat, tokenSecret: randomBytes(32).toString('base64') } };
}

/** The bot module's export of the handler's options (`connectFlow`: `lookupCustomer`, `chooseQueue`…), when it has one. */
export async function optionsExport(botModule: string, handler: LambdaHandlerKind): Promise<Record<string, unknown>> {
  const name = lambdaHandlers[handler].optionsExport;
  if (!name) return {};
  // Loaded already by loadBotModule: this is the same module instance.
  const module = (await import(pathToFileURL(resolve(botModule)).href)) as Record<string, unknown>;
  const value = module[name];
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigurationError(name, `${botModule} exports ${name}, which must be an object of the ${handler} handler's options`);
  }
  return value as Record<string, unknown>;
}

type Outcome = { kind: 'answer'; response: unknown } | { kind: 'error'; error: unknown } | { kind: 'late' };

/** The handler's answer, given a context whose remaining time counts down from the caller's time. */
async function answerWithin(handler: LambdaHandler, event: unknown, timeoutMs: number): Promise<Outcome> {
  const deadline = performance.now() + timeoutMs;
  const context = { getRemainingTimeInMillis: () => Math.max(0, Math.round(deadline - performance.now())), awsRequestId: randomUUID() };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Outcome>((resolve) => (timer = setTimeout(() => resolve({ kind: 'late' }), timeoutMs)));
  try {
    return await Promise.race([handler(event, context).then((response): Outcome => ({ kind: 'answer', response }), (error: unknown): Outcome => ({ kind: 'error', error })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** An error in one line: its message (a Parley error's says what to fix), never its stack. */
function oneLine(error: unknown): string {
  const text = ParleyError.isInstance(error) ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s*\n\s*/g, ' ');
}
