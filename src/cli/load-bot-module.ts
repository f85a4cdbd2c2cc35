/**
 * Finds and imports a bot module (TypeScript or JavaScript), wherever its project lives, and checks
 * it exports a bot. A module that cannot load is explained in one sentence with the fix (see
 * bot-module-errors.ts), never with a Node stack trace.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigurationError } from '../core/errors.js';
import type { BotDefinition } from '../runtime/define-bot.js';
import { checkModuleFormat, describeLoadFailure } from './bot-module-errors.js';

/**
 * Where a bot is looked for when no path is given, in order: a project made by `parley init`
 * (`bot.ts`), other common spellings, and this repository's reference assistant.
 */
export const botModuleCandidates = ['bot.ts', 'bot.mts', 'bot.js', 'bot.mjs', 'src/bot.ts', 'dialogs/index.ts'] as const;

let typeScriptReady: Promise<void> | undefined;

/** Lets `import()` read .ts files, through tsx's loader, once per process. */
function enableTypeScript(): Promise<void> {
  typeScriptReady ??= import('tsx/esm/api').then(({ register }) => void register());
  return typeScriptReady;
}

/** The bot module to load: the path given, else the first of `botModuleCandidates` in the working folder. */
export function findBotModule(path?: string): string {
  if (path !== undefined) {
    if (!existsSync(resolve(path))) {
      throw new ConfigurationError('bot', `no bot module at ${path}; give the path of a module whose default export is defineBot({...})`);
    }
    return path;
  }
  const found = botModuleCandidates.find((candidate) => existsSync(resolve(candidate)));
  if (!found) {
    throw new ConfigurationError(
      'bot',
      `no bot here (looked for ${botModuleCandidates.join(', ')}); give the bot module's path (parley serve path/to/bot.ts), or create a bot with parley init my-bot`,
    );
  }
  return found;
}

export async function loadBotModule(path?: string): Promise<BotDefinition> {
  const shown = findBotModule(path);
  const file = resolve(shown);
  checkModuleFormat(file, shown);
  if (/\.[cm]?tsx?$/.test(file)) await enableTypeScript();
  let module: { default?: unknown; bot?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as typeof module;
  } catch (error) {
    throw describeLoadFailure(error, file, shown);
  }
  const bot = (module.default ?? module.bot) as Partial<BotDefinition> | undefined;
  if (!bot || typeof bot !== 'object' || typeof bot.name !== 'string' || !bot.intents || !Array.isArray(bot.dialogs)) {
    throw new ConfigurationError('bot', `${shown} does not export a bot; export default defineBot({ name, intents, dialogs })`);
  }
  return bot as BotDefinition;
}
