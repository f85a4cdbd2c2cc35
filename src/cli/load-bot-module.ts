/** Finds and imports a bot module (TypeScript or JavaScript) and checks it exports a bot. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigurationError } from '../core/errors.js';
import type { BotDefinition } from '../runtime/define-bot.js';

export const defaultBotModule = 'dialogs/index.ts';

let typeScriptReady: Promise<void> | undefined;

/** Lets `import()` read .ts files, through tsx's loader, once per process. */
function enableTypeScript(): Promise<void> {
  typeScriptReady ??= import('tsx/esm/api').then(({ register }) => void register());
  return typeScriptReady;
}

export async function loadBotModule(path: string = defaultBotModule): Promise<BotDefinition> {
  const file = resolve(path);
  if (!existsSync(file)) {
    throw new ConfigurationError('bot', `no bot module at ${path}; give the path of a module whose default export is defineBot({...})`);
  }
  if (/\.[cm]?tsx?$/.test(file)) await enableTypeScript();
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown; bot?: unknown };
  const bot = (module.default ?? module.bot) as Partial<BotDefinition> | undefined;
  if (!bot || typeof bot !== 'object' || typeof bot.name !== 'string' || !bot.intents || !Array.isArray(bot.dialogs)) {
    throw new ConfigurationError('bot', `${path} does not export a bot; export default defineBot({ name, intents, dialogs })`);
  }
  return bot as BotDefinition;
}
