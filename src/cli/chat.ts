/** `parley chat [bot-module]`: talk to a bot in the terminal. */
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { createConversationId } from '../core/ids.js';
import type { TurnOutput } from '../core/turn.js';
import { loadNluConfigFile } from '../nlu/config/load-nlu-config-file.js';
import { configureRecognizer } from '../runtime/configured-recognizer.js';
import { createBot } from '../runtime/create-bot.js';
import { defaultModelCache, readModelCacheText } from '../runtime/config.js';
import type { ModelCacheEvent } from '../runtime/model-cache.js';
import { createFileStore } from '../state/index.js';
import { loadBotModule } from './load-bot-module.js';
import { describeTurn } from './describe-turn.js';

interface ChatOptions {
  debug?: boolean;
  modelCache: string | false;
  conversation?: string;
  locale?: string;
  store: string;
  policy?: string;
}

export function chatCommand(): Command {
  return new Command('chat')
    .description('chat with a bot in the terminal (bot.ts in this folder by default)')
    .argument('[bot-module]', 'module whose default export is defineBot({...}) (default: bot.ts, else dialogs/index.ts)')
    .option('-d, --debug', 'after each turn, show the intent, confidence, entities and dialog state')
    .option('-c, --conversation <id>', 'continue a conversation kept in the store')
    .option('-l, --locale <locale>', 'the customer locale, e.g. en-US')
    // Not the server's folder: one process owns a store folder, and `parley serve` may be running.
    .option('--store <directory>', 'where conversations are kept', '.parley/chat')
    .option('--policy <file>', 'understand through the providers and routing policy of this YAML or JSON file (see docs/understanding.md)')
    .option('--model-cache <directory>', 'where the trained recognizer is kept between starts (PARLEY_MODEL_CACHE)', process.env.PARLEY_MODEL_CACHE?.trim() || defaultModelCache)
    .option('--no-model-cache', 'train the recognizer at every start')
    .action((module: string | undefined, options: ChatOptions) => chat(module, options));
}

async function chat(module: string | undefined, options: ChatOptions): Promise<void> {
  const loaded = await loadBotModule(module);
  const directory = options.modelCache === false ? false : readModelCacheText(options.modelCache);
  const modelCache = directory === false ? undefined : { directory, report: reportModelCache };
  // Read before the store opens, so a bad policy file leaves nothing to close.
  const { definition, recognizer } = options.policy
    ? await configureRecognizer(loaded, loadNluConfigFile(options.policy), modelCache ? { modelCache } : {})
    : { definition: loaded, recognizer: undefined };
  const store = createFileStore({ directory: options.store });
  const bot = await createBot(definition, {
    store,
    ...(recognizer ? { recognizer } : {}),
    ...(modelCache ? { modelCache } : {}),
    onError: (error, { stage }) => console.error(dim(`(${stage} failed: ${error.message})`)),
  });
  const conversationId = options.conversation ?? `terminal-${createConversationId()}`;
  const interactive = process.stdin.isTTY === true;
  console.log(`${bold(definition.name)}: type a message and press Enter; Ctrl-D to leave.`);
  console.log(dim(`conversation ${conversationId} (continue it later with --conversation ${conversationId})`));
  if (options.policy) console.log(dim(`understanding through ${bot.recognizer.name} as ${options.policy} says`));
  const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive, prompt: 'you › ' });
  if (interactive) lines.prompt();
  for await (const line of lines) {
    if (!interactive) console.log(`you › ${line}`);
    if (/^\s*\/(quit|exit)\s*$/.test(line)) break;
    const output = await bot.handle({ conversationId, channel: 'terminal', locale: options.locale, content: { kind: 'text', text: line } });
    printTurn(output, options.debug === true);
    if (interactive) lines.prompt();
  }
  lines.close();
  await store.close?.();
}

function reportModelCache(event: ModelCacheEvent): void {
  if (event.kind === 'warning') console.error(dim(`(${event.message})`));
}

function printTurn(output: TurnOutput, debug: boolean): void {
  for (const message of output.messages) {
    console.log(`bot › ${message.text}`);
    if (message.quickReplies?.length) console.log(dim(`      ${message.quickReplies.map((reply) => `[${reply.title}]`).join(' ')}`));
  }
  for (const directive of output.directives) {
    console.log(dim(directive.kind === 'handoff' ? `(handed off to the ${directive.queue} queue)` : '(conversation ended; your next message starts a new one)'));
  }
  if (debug) console.log(dim(describeTurn(output)));
}

const useColour = process.stdout.isTTY === true && !process.env.NO_COLOR;
function dim(text: string): string {
  return useColour ? `\u001b[2m${text}\u001b[22m` : text;
}
function bold(text: string): string {
  return useColour ? `\u001b[1m${text}\u001b[22m` : text;
}
