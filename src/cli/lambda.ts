/**
 * `parley lambda`: the bot on AWS Lambda.
 *   parley lambda build [bot-module] [--out dist/lambda/http]
 */
import { join, relative, sep } from 'node:path';
import { Command } from 'commander';
import { buildLambdaBundle, type WrittenFile } from '../../bot-deploy/lambda/build-lambda-bundle.js';
import { findBotModule } from './load-bot-module.js';

interface BuildFlags {
  out: string;
}

/**
 * @example
 * program.addCommand(lambdaCommand())
 */
export function lambdaCommand(): Command {
  return new Command('lambda').description('run the bot on AWS Lambda').addCommand(buildCommand());
}

function buildCommand(): Command {
  return new Command('build')
    .description('bundle the bot and the HTTP handler (API Gateway, function URLs) for AWS Lambda: index.mjs and the files it reads, and a .zip to upload (handler: index.handler, runtime nodejs22.x)')
    .argument('[bot-module]', 'module whose default export is defineBot({...}) (default: bot.ts, else dialogs/index.ts)')
    .option('-o, --out <dir>', 'the folder to write; the zip goes beside it', 'dist/lambda/http')
    .action(async (module: string | undefined, flags: BuildFlags) => {
      const botModule = findBotModule(module);
      const { directory, files, zip } = await buildLambdaBundle({ botModule, outDirectory: flags.out });
      const rows = [...summarize(directory, files), { name: relative(process.cwd(), zip.path), size: formatBytes(zip.bytes), note: '(upload this: handler index.handler, runtime nodejs22.x)' }];
      const width = Math.max(...rows.map((row) => row.name.length));
      for (const row of rows) console.log(`  ${row.name.padEnd(width)}  ${row.size}${row.note ? `  ${row.note}` : ''}`);
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
