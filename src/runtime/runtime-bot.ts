/**
 * The bot as the runtime serves it, whatever hosts it (`parley serve`, the Lambda handler): the
 * recognizer the `nlu` section describes, the configured store, and every turn, recognizer call and
 * failure in the logs and metrics, without what customers said.
 */
import type { ShadowComparison } from '../nlu/router/route-trace.js';
import { defaultTtlSeconds, type ConversationStore } from '../state/conversation-store.js';
import { modelCacheOf, type RuntimeConfig } from './config.js';
import { handoffProviderOf } from './handoff-config.js';
import type { HandoffProvider } from '../handoff/handoff-provider.js';
import { createBot, defaultIdleTimeoutMinutes, type Bot } from './create-bot.js';
import type { BotDefinition } from './define-bot.js';
import type { Logger } from './logger.js';
import type { RuntimeMetrics } from './metrics.js';
import type { ModelCacheEvent } from './model-cache.js';

export interface RuntimeBotOptions {
  config: RuntimeConfig;
  logger: Logger;
  metrics: RuntimeMetrics;
  /** Not yet opened: it is opened once the `nlu` section is known to work. */
  store: ConversationStore;
  /** Made already (`parley serve` shares it with the agent desk and the ACS channels); default: the `handoff` section's. */
  handoff?: HandoffProvider;
}

/**
 * Configures the recognizer, opens the store, creates the bot. When the bot cannot be made, the
 * store is closed again (its folder's lock let go).
 *
 * @example
 * const store = createStoreFromConfig(config.store);
 * const bot = await createRuntimeBot(definition, { config, logger, metrics, store });
 */
export async function createRuntimeBot(definition: BotDefinition, { config, logger, metrics, store, ...made }: RuntimeBotOptions): Promise<Bot> {
  // Shadow answers arrive after the reply: they are counted, and logged without what was said.
  const onShadow = (comparison: ShadowComparison) => {
    metrics.countShadow(comparison);
    if (!comparison.agree) logger.info({ conversationId: comparison.conversationId, primary: comparison.primary, shadow: comparison.shadow, primaryIntent: comparison.primaryIntent, shadowIntent: comparison.shadowIntent }, 'shadow disagreed');
  };
  // Before the store is opened: a bad `nlu` section stops the start with nothing to close. Without
  // one, the bot trains the local recognizer, as createBot does by default.
  const cache = modelCacheOf(config);
  const modelCache = cache && { ...cache, report: (event: ModelCacheEvent) => logModelCache(logger, event) };
  // The router, Lex and CLU are loaded only for a bot whose config names them.
  const configured = config.nlu
    ? await (await import('./configured-recognizer.js')).configureRecognizer(definition, config.nlu, { onShadow, ...(modelCache ? { modelCache } : {}) })
    : { definition, recognizer: undefined };
  const handoff = made.handoff ?? (await handoffProviderOf(config.handoff, config.acs));
  await store.open?.(); // a store folder another process holds, or a missing table, stops the start here, not every turn with a 500
  warnOfShortRetention(config.store, definition.idleTimeoutMinutes ?? defaultIdleTimeoutMinutes, logger);
  try {
    return await createBot(configured.definition, {
      store,
      transcript: config.transcript,
      ...(handoff ? { handoff } : {}),
      ...(config.notifications.quietHours ? { notifications: { quietHours: config.notifications.quietHours } } : {}),
      ...(configured.recognizer ? { recognizer: configured.recognizer } : {}),
      ...(modelCache ? { modelCache } : {}),
      observer: {
        turn(event) {
          metrics.observer.turn?.(event);
          // Ids, timings and names only: what the customer said stays out of the logs.
          logger.info(
            { conversationId: event.conversationId, channel: event.channel, ms: Number(event.ms.toFixed(2)), outcome: event.outcome, intent: event.intent, dialog: event.dialog, directives: event.directives.map((directive) => directive.kind), ...(event.lapsed ? { lapsed: true } : {}) },
            'turn',
          );
        },
        recognized: (event) => metrics.observer.recognized?.(event),
        routed: (route) => metrics.observer.routed?.(route),
        contended: (event) => metrics.observer.contended?.(event),
      },
      onError(error, context) {
        metrics.countError(context.stage);
        logger.error({ conversationId: context.conversationId, stage: context.stage, dialog: context.dialog, err: { name: error.name, message: error.message } }, 'turn failed');
      },
    });
  } catch (error) {
    await store.close?.();
    throw error;
  }
}

/** Whether the start loaded the trained recognizer or trained it, and how long that took. */
function logModelCache(logger: Logger, event: ModelCacheEvent): void {
  if (event.kind === 'warning') logger.warn(event.message);
  else if (event.kind === 'loaded') logger.info({ file: event.file, ms: Math.round(event.ms) }, 'recognizer loaded from its model artefact');
  else logger.info({ ms: Math.round(event.ms), ...(event.file ? { file: event.file } : {}) }, event.file ? 'recognizer trained; model artefact written' : 'recognizer trained');
}

/**
 * A store that deletes conversations before the bot's idle timeout leaves nothing to tell a returning
 * customer: the task is simply gone. Allowed (privacy may want it), but said at start.
 */
function warnOfShortRetention(store: RuntimeConfig['store'], idleTimeoutMinutes: number, logger: Logger): void {
  if (store.kind === 'memory') return;
  const ttlSeconds = store.ttlSeconds ?? defaultTtlSeconds;
  if (ttlSeconds * 1000 >= idleTimeoutMinutes * 60_000) return;
  logger.warn({ ttlSeconds, idleTimeoutMinutes }, 'store.ttlSeconds is shorter than the bot\'s idle timeout: a customer coming back to a task left half done finds it gone without being told; raise store.ttlSeconds above the idle timeout');
}
