/**
 * `parley lambda`: the bot on AWS Lambda.
 *   parley lambda build [bot-module] [--handler http|lex-code-hook|connect-flow] [--out dist/lambda/<handler>]
 *   parley lambda invoke <handler> <event.json…> [--bot module] [--timeout seconds]
 */
import { join, relative, sep } from 'node:path';
import { Command, Option } from 'commander';
import { buildLambdaBundle, type WrittenFile } from '../../bot-deploy/lambda/build-lambda-bundle.js';
import { ConfigurationError } from '../core/errors.js';
import { isLambdaHandlerKind, lambdaHandlerKinds, lambdaHandlers, type LambdaHandlerKind } from '../runtime/lambda/lambda-handler-kinds.js';
import { findBotModule } from './load-bot-module.js';

interface BuildFlags {
  handler: LambdaHandlerKind;
  out?: string;
}

interface InvokeFlags {
  bot?: string;
  timeout?: string;
  config?: string;
}

/**
 * @example
 * program.addCommand(lambdaCommand())
 */
export function lambdaCommand(): Command {
  return new Command('lambda').description('run the bot on AWS Lambda').addCommand(buildCommand()).addCommand(invokeCommand());
}

/** The handler kinds, as help lists them. */
const handlerChoices = lambdaHandlerKinds.map((kind) => `${kind} (${lambdaHandlers[kind].caller})`).join(', ');

function buildCommand(): Command {
  return new Command('build')
    .description('bundle the bot and a handler for AWS Lambda: index.mjs and the files it reads, and a .zip to upload (handler: index.handler, runtime nodejs22.x)')
    .argument('[bot-module]', 'module whose default export is defineBot({...}) (default: bot.ts, else dialogs/index.ts)')
    .addOption(new Option('--handler <kind>', `what calls the function: ${handlerChoices}`).choices(lambdaHandlerKinds).default('http'))
    .option('-o, --out <dir>', 'the folder to write; the zip goes beside it (default dist/lambda/<handler>)')
    .action(async (module: string | undefined, flags: BuildFlags) => {
      const botModule = findBotModule(module);
      const { directory, files, zip } = await buildLambdaBundle({ handler: flags.handler, botModule, outDirectory: flags.out ?? `dist/lambda/${flags.handler}` });
      const rows = [...summarize(directory, files), { name: relative(process.cwd(), zip.path), size: formatBytes(zip.bytes), note: '(upload this: handler index.handler, runtime nodejs22.x)' }];
      const width = Math.max(...rows.map((row) => row.name.length));
      for (const row of rows) console.log(`  ${row.name.padEnd(width)}  ${row.size}${row.note ? `  ${row.note}` : ''}`);
    });
}

function invokeCommand(): Command {
  return new Command('invoke')
    .description('run a handler of the bot here on events from files, as sam local invoke does: each answer as a line of JSON on stdout, its duration on stderr; several files run in order on one bot and store (a conversation replayed)')
    .argument('<handler>', `the handler: ${lambdaHandlerKinds.join(', ')}`)
    .argument('<events...>', 'JSON files of the events, as the caller sends them')
    .option('--bot <module>', 'module whose default export is defineBot({...}) (default: the config, else bot.ts, else dialogs/index.ts)')
    .option('--timeout <seconds>', `the caller's time, which the handler's context counts down (default ${lambdaHandlerKinds.map((kind) => `${lambdaHandlers[kind].waitSeconds} for ${kind}`).join(', ')})`)
    .option('-c, --config <file>', 'a config file (default parley.config.yaml or .json if present); the store is memory unless it names DynamoDB')
    .action(async (handler: string, events: string[], flags: InvokeFlags) => {
      if (!isLambdaHandlerKind(handler)) throw new ConfigurationError('handler', `${handler} is not a handler: give one of ${lambdaHandlerKinds.join(', ')}`);
      const { invokeLambda } = await import('./lambda-invoke.js');
      process.exitCode = await invokeLambda({ handler, events, bot: flags.bot, timeoutSeconds: flags.timeout === undefined ? undefined : Number(flags.timeout), configFile: flags.config });
    });
}

/** The bundle's files as printed: each file at the top, each folder as one line with its count. */
function summarize(directory: string, files: readonly WrittenFile[]): Array<{ name: string; size: string; note?: string }> {
  const groups = new Map<string, WrittenFile[]>();
  for (const file of files) {
    const [top = '', ...rest] = relative(directory, file.path).split(sep);
    const key = rest.length === 0 ? top : `${top}${sep}`;
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  return [...groups].map(([key, group]) => {
    const bytes = group.reduce((sum, file) => sum + file.bytes, 0);
    const name = relative(process.cwd(), join(directory, key)) + (key.endsWith(sep) ? sep : '');
    if (!key.endsWith(sep)) return { name, size: formatBytes(bytes) };
    return { name, size: formatBytes(bytes), note: `${group.length} file${group.length === 1 ? '' : 's'}${key === `chunks${sep}` ? ', loaded when first used' : ''}` };
  });
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
