/** `parley connect flow`: write the Amazon Connect contact flow that runs the assistant's Lex V2 bot. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { buildConnectFlow, type ConnectFlowOptions } from '../../bot-deploy/connect-flow/index.js';
import { describeSyntaxError, parseConfigText } from '../core/config-text.js';
import { ConfigurationError } from '../core/errors.js';

interface FlowFlags {
  config?: string;
  botAliasArn?: string;
  queue?: string[];
  defaultQueue?: string;
  greeting?: string;
  sessionAttribute?: string;
  locale?: string;
  lexTimeout?: string;
  endIntent?: string[];
  name?: string;
  out?: string;
}

/** Where each option can be set on the command line, so an error names the flag as well as the key. */
const flags: Record<string, string> = {
  botAliasArn: '--bot-alias-arn',
  queues: '--queue',
  defaultQueue: '--default-queue',
  greeting: '--greeting',
  sessionAttributeKey: '--session-attribute',
  locale: '--locale',
  lexTimeoutSeconds: '--lex-timeout',
  endIntents: '--end-intent',
  name: '--name',
};

export function connectCommand(): Command {
  const connect = new Command('connect').description('work with Amazon Connect');
  connect
    .command('flow')
    .description('generate a contact flow (Flow language) that greets, runs the Lex V2 bot and transfers to the queue the bot names')
    .option('-c, --config <file>', 'options in a YAML or JSON file (botAliasArn, queues, defaultQueue, greeting, messages, …); flags win')
    .option('--bot-alias-arn <arn>', 'the Lex V2 bot alias: arn:aws:lex:<region>:<account>:bot-alias/<bot id>/<alias id>')
    .option('--queue <name=queue>', 'a queue the assistant can name, and its ARN or id (repeat for each queue)', collect)
    .option('--default-queue <queue>', 'ARN or id of the queue for anything else (no queue named, an unknown one, a bot error)')
    .option('--greeting <text>', 'what the flow says before the bot starts')
    .option('--session-attribute <key>', 'the Lex session attribute holding the queue name (default parley_queue)')
    .option('--locale <locale>', 'the contact language to set, which picks the bot locale (like en-US)')
    .option('--lex-timeout <seconds>', 'how long a chat customer may stay silent in the bot')
    .option('--end-intent <intent>', 'an intent after which the flow disconnects (repeatable; default Goodbye)', collect)
    .option('--name <name>', 'the flow name shown in the flow designer')
    .option('-o, --out <file>', 'write the flow here instead of printing it')
    .action((options: FlowFlags) => {
      const flow = buildWithFlagNames(readOptions(options));
      const json = `${JSON.stringify(flow, null, 2)}\n`;
      if (!options.out) {
        process.stdout.write(json);
        return;
      }
      mkdirSync(dirname(resolve(options.out)), { recursive: true });
      writeFileSync(options.out, json);
      console.log(`wrote ${options.out}: ${flow.Actions.length} actions; import it in Amazon Connect under Routing → Flows → Create flow → Import`);
    });
  return connect;
}

function readOptions(options: FlowFlags): ConnectFlowOptions {
  const fromFile = options.config ? readConfigFile(options.config) : {};
  const queues = { ...(isRecord(fromFile.queues) ? fromFile.queues : {}), ...Object.fromEntries((options.queue ?? []).map(parseQueue)) };
  const chosen: Record<string, unknown> = {
    botAliasArn: options.botAliasArn,
    defaultQueue: options.defaultQueue,
    greeting: options.greeting,
    sessionAttributeKey: options.sessionAttribute,
    locale: options.locale,
    lexTimeoutSeconds: options.lexTimeout === undefined ? undefined : parseSeconds(options.lexTimeout),
    endIntents: options.endIntent,
    name: options.name,
  };
  const merged: Record<string, unknown> = { ...fromFile, queues };
  for (const [key, value] of Object.entries(chosen)) if (value !== undefined) merged[key] = value;
  return merged as ConnectFlowOptions;
}

function buildWithFlagNames(options: ConnectFlowOptions) {
  try {
    return buildConnectFlow(options);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    const root = error.key.split('.')[0] ?? '';
    const flag = flags[root];
    if (!flag) throw error;
    throw new ConfigurationError(`${flag} (${error.key})`, error.message.slice(error.key.length + 2), { cause: error });
  }
}

function readConfigFile(file: string): Record<string, unknown> {
  if (!existsSync(file)) throw new ConfigurationError('--config', `no file at ${file}`);
  // YAML reads JSON too. By position only: the parser's message quotes the text around the mistake.
  const parsed = parseConfigText(readFileSync(file, 'utf8'), 'yaml');
  if (parsed.kind === 'syntax-error') throw new ConfigurationError('--config', `${file} is not YAML or JSON: ${describeSyntaxError(parsed)}`);
  const content = parsed.value;
  if (!isRecord(content)) throw new ConfigurationError('--config', `${file} must hold an object of options, like botAliasArn: …, queues: { Billing: … }, defaultQueue: …`);
  return content;
}

function parseQueue(raw: string): [string, string] {
  const at = raw.indexOf('=');
  if (at <= 0 || at === raw.length - 1) throw new ConfigurationError('--queue', `"${raw}" is not name=queue; write it like --queue Billing=arn:aws:connect:…:instance/…/queue/…`);
  return [raw.slice(0, at).trim(), raw.slice(at + 1).trim()];
}

function parseSeconds(raw: string): number {
  if (!/^\d+$/.test(raw.trim())) throw new ConfigurationError('--lex-timeout', `"${raw}" is not a number of seconds; write it like --lex-timeout 300`);
  return Number(raw);
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
