/** A bot's recognizer from an `nlu` config section, for `parley serve` and `parley chat --policy`. */
import { loadIntents } from '../content/index.js';
import { createRecognizerFromConfig, type NluConfigInput, type RecognizerFromConfigOptions } from '../nlu/config/index.js';
import type { Recognizer } from '../nlu/recognizer.js';
import type { BotDefinition } from './define-bot.js';

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
  options: Omit<RecognizerFromConfigOptions, 'model'> = {},
): Promise<{ definition: BotDefinition; recognizer: Recognizer }> {
  const model = typeof bot.intents === 'object' && 'locales' in bot.intents ? bot.intents : await loadIntents(bot.intents);
  return { definition: { ...bot, intents: model }, recognizer: createRecognizerFromConfig(nlu, { ...options, model }) };
}
