/** A bot's recognizer from an `nlu` config section, for `parley serve` and `parley chat --policy`. */
import { createRecognizerFromConfig, parseNluConfig, type NluConfigInput, type RecognizerFromConfigOptions } from '../nlu/config/index.js';
import type { Recognizer } from '../nlu/recognizer.js';
import type { BotDefinition } from './define-bot.js';
import { loadIntentModel, loadOrTrainModel, type ModelCacheOptions } from './model-cache.js';

export interface ConfigureRecognizerOptions extends Omit<RecognizerFromConfigOptions, 'model' | 'trained'> {
  /** When a provider is the local recognizer: where its training is kept between starts (see `createBot`). */
  modelCache?: ModelCacheOptions;
}

/**
 * Loads the bot's intents once and builds the recognizer the config describes; pass both on to
 * createBot, so the intents are not loaded twice.
 *
 * @example
 * const { definition, recognizer } = await configureRecognizer(acmeTelecom, config.nlu);
 * const bot = await createBot(definition, { recognizer });
 */
export async function configureRecognizer(
  bot: BotDefinition,
  nlu: NluConfigInput,
  { modelCache, ...options }: ConfigureRecognizerOptions = {},
): Promise<{ definition: BotDefinition; recognizer: Recognizer }> {
  const trainsLocal = Object.values(parseNluConfig(nlu).providers).some((provider) => provider.kind === 'local');
  const { model, trained } = modelCache && trainsLocal
    ? await loadOrTrainModel(bot.intents, modelCache)
    : { model: await loadIntentModel(bot.intents), trained: undefined };
  return { definition: { ...bot, intents: model }, recognizer: createRecognizerFromConfig(nlu, { ...options, model, ...(trained ? { trained } : {}) }) };
}
