/**
 * `parley emulate lex --code-hook <target>`: the code hook the emulated bot invokes on every turn, as
 * Lex invokes its Lambda. The target is a Lambda invoke URL (`sam local start-lambda`'s
 * `/2015-03-31/functions/NAME/invocations`), or a bot module, answered in-process by Parley's own Lex
 * code hook handler for that bot; then the emulator serves that bot's intents, so `parley emulate lex
 * --code-hook bot.ts` and the Lex client of a chat are the whole Amazon Connect chat path on one machine.
 */
import type { IntentModel } from '../content/intent-model.js';
import { ConfigurationError } from '../core/errors.js';
import { loadRuntimeConfig } from '../runtime/config.js';
import { loadIntentModel } from '../runtime/model-cache.js';
import { createLambdaEndpointCodeHook } from '../testing/emulators/lex-runtime/lambda-endpoint-code-hook.js';
import type { LexCodeHook } from '../testing/emulators/lex-runtime/lex-code-hook.js';
import { loadBotModule } from './load-bot-module.js';
import { optionsExport } from './lambda-invoke.js';

export interface EmulatedCodeHook {
  codeHook: LexCodeHook;
  /** A bot module's own intents, which the emulator serves in place of the intents folder. */
  model?: IntentModel;
  /** What answers, for the start-up lines. */
  description: string;
}

/**
 * @example
 * const { codeHook } = await loadEmulatedCodeHook('http://127.0.0.1:3001/2015-03-31/functions/ParleyBot/invocations');
 */
export async function loadEmulatedCodeHook(target: string): Promise<EmulatedCodeHook> {
  if (/^https?:\/\//i.test(target)) {
    try {
      return { codeHook: createLambdaEndpointCodeHook(target), description: `the Lambda function at ${target}` };
    } catch (error) {
      throw new ConfigurationError('--code-hook', `${target} is not a URL: ${(error as Error).message}`, { cause: error });
    }
  }
  if (/^[a-z][a-z0-9+.-]+:/i.test(target)) {
    throw new ConfigurationError('--code-hook', `${target}: give an http(s) URL of a Lambda invoke endpoint, or the path of a bot module (bot.ts)`);
  }
  const definition = await loadBotModule(target);
  const { createLexCodeHookHandler } = await import('../../channels/connect/index.js');
  const config = loadRuntimeConfig();
  // The handler runs here, in one process, not on Lambda: the file store it refuses there becomes memory.
  // The module's `lexCodeHook` options, as `parley lambda build --handler lex-code-hook` and `lambda invoke` take them.
  const options = await optionsExport(target, 'lex-code-hook');
  const handler = createLexCodeHookHandler(definition, { ...options, config: config.store.kind === 'file' ? { ...config, store: { kind: 'memory' } } : config });
  const [model] = await Promise.all([loadIntentModel(definition.intents), handler.ready()]);
  return { codeHook: (event, context) => handler(event, context), model, description: `bot ${definition.name} (${target}), answered by Parley's Lex code hook handler` };
}

