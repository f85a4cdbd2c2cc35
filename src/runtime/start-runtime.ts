/** Everything `parley serve` assembles: logs, metrics, the store, the bot, the server. */
import type { Bot } from './create-bot.js';
import type { BotDefinition } from './define-bot.js';
import type { RuntimeConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { createRuntimeMetrics } from './metrics.js';
import { startServer, type ParleyServer } from './server.js';
import { webTokenSecret } from './web-token-secret.js';
import { guardProcess } from './guard-process.js';
import { createStoreFromConfig } from './configured-store.js';
import { createRuntimeBot } from './runtime-bot.js';
import { handoffProviderOf } from './handoff-config.js';
import { shareMetricsWithCluster } from './cluster-metrics.js';

export interface Runtime {
  bot: Bot;
  server: ParleyServer;
  logger: Logger;
  /** Closes the server (turns in flight finish), then the store (what it holds reaches the disk). */
  close(): Promise<void>;
}

export async function startRuntime(definition: BotDefinition, config: RuntimeConfig, logger = createLogger(config.logging)): Promise<Runtime> {
  // Under `parley serve --workers N`, /metrics answers for every worker (cluster-metrics.ts).
  const metrics = shareMetricsWithCluster(createRuntimeMetrics());
  const store = createStoreFromConfig(config.store, { onDynamoDbRequest: metrics.countStoreRequest });
  // Opens the store; when the bot cannot be made, closes it again.
  const handoff = await handoffProviderOf(config.handoff, config.acs);
  const bot = await createRuntimeBot(definition, { config, logger, metrics, store, ...(handoff ? { handoff } : {}) });
  let stopGuarding = () => {};
  let server: ParleyServer;
  try {
    stopGuarding = guardProcess(logger, metrics);
    // ACS chat and SMS, when the `acs` section is set: their modules load only then.
    const acsEvents = config.acs
      ? (await import('./acs-channels.js')).acsChannels({ bot, acs: config.acs, eventGrid: config.eventGrid, handoff, logger, maxBodyBytes: config.limits.maxBodyBytes, countError: (kind) => metrics.countError(kind) })
      : undefined;
    server = await startServer({ bot, config, logger, metrics, webTokenSecret: await webTokenSecret(config), ...(handoff?.desk ? { desk: handoff.desk } : {}), ...(acsEvents ? { acsEvents } : {}) });
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
      await bot.close();
      await store.close?.();
      stopGuarding();
    })());
  return { bot, server, logger, close };
}
