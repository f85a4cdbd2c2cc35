/** Everything `parley serve` assembles: logs, metrics, the store, the bot, the server. */
import { createBot, type Bot } from './create-bot.js';
import type { BotDefinition } from './define-bot.js';
import type { RuntimeConfig } from './config.js';
import { configureRecognizer } from './configured-recognizer.js';
import type { ShadowComparison } from '../nlu/router/route-trace.js';
import { createLogger, type Logger } from './logger.js';
import { createRuntimeMetrics } from './metrics.js';
import { startServer, type ParleyServer } from './server.js';
import { webTokenSecret } from './web-token-secret.js';
import { guardProcess } from './guard-process.js';
import { createStoreFromConfig } from './configured-store.js';

export interface Runtime {
  bot: Bot;
  server: ParleyServer;
  logger: Logger;
  /** Closes the server (turns in flight finish), then the store (what it holds reaches the disk). */
  close(): Promise<void>;
}

export async function startRuntime(definition: BotDefinition, config: RuntimeConfig, logger = createLogger(config.logging)): Promise<Runtime> {
  // Before the store is opened: a bad `nlu` section stops the start with nothing to close. Without
  // one, the bot trains the local recognizer, as createBot does by default.
  const metrics = createRuntimeMetrics();
  // Shadow answers arrive after the reply: they are counted, and logged without what was said.
  const onShadow = (comparison: ShadowComparison) => {
    metrics.countShadow(comparison);
    if (!comparison.agree) logger.info({ conversationId: comparison.conversationId, primary: comparison.primary, shadow: comparison.shadow, primaryIntent: comparison.primaryIntent, shadowIntent: comparison.shadowIntent }, 'shadow disagreed');
  };
  const configured = config.nlu ? await configureRecognizer(definition, config.nlu, { onShadow }) : { definition, recognizer: undefined };
  const store = createStoreFromConfig(config.store);
  await store.open?.(); // a store folder another process holds, or a missing table, stops the start here, not every turn with a 500
  let stopGuarding = () => {};
  let bot: Bot;
  let server: ParleyServer;
  try {
    bot = await createBot(configured.definition, {
      store,
      transcript: config.transcript,
      ...(configured.recognizer ? { recognizer: configured.recognizer } : {}),
      observer: {
        turn(event) {
          metrics.observer.turn?.(event);
          // Ids, timings and names only: what the customer said stays out of the logs.
          logger.info(
            { conversationId: event.conversationId, channel: event.channel, ms: Number(event.ms.toFixed(2)), outcome: event.outcome, intent: event.intent, dialog: event.dialog, directives: event.directives.map((directive) => directive.kind) },
            'turn',
          );
        },
        recognized: (event) => metrics.observer.recognized?.(event),
        routed: (route) => metrics.observer.routed?.(route),
      },
      onError(error, context) {
        metrics.countError(context.stage);
        logger.error({ conversationId: context.conversationId, stage: context.stage, dialog: context.dialog, err: { name: error.name, message: error.message } }, 'turn failed');
      },
    });
    stopGuarding = guardProcess(logger, metrics);
    server = await startServer({ bot, config, logger, metrics, webTokenSecret: await webTokenSecret(config) });
  } catch (error) {
    // Nothing is served: let go of the store (its folder's lock) and the process handlers.
    stopGuarding();
    await store.close?.();
    throw error;
  }
  logger.info({ url: server.url, bot: bot.name, locales: bot.locales, store: config.store.kind, recognizer: bot.recognizer.name }, 'serving');
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await server.close();
      await store.close?.();
      stopGuarding();
    })());
  return { bot, server, logger, close };
}
