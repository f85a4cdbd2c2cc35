/** The `parley` command: one file per sub-command, wired here. */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { ParleyError } from '../core/errors.js';
import { chatCommand } from './chat.js';
import { cluCommand } from './clu.js';
import { connectCommand } from './connect.js';
import { emulateCommand } from './emulate.js';
import { intentsCommand } from './intents.js';
import { lexCommand } from './lex.js';
import { nluCommand } from './nlu-eval.js';
import { serveCommand } from './serve.js';
import { testCommand } from './test.js';

export async function main(argv: string[]): Promise<void> {
  const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  const program = new Command('parley')
    .description('Parley: build, run and test customer-service assistants')
    .version(version)
    .showHelpAfterError();
  program.addCommand(serveCommand());
  program.addCommand(chatCommand());
  program.addCommand(testCommand());
  program.addCommand(nluCommand());
  program.addCommand(intentsCommand());
  program.addCommand(lexCommand());
  program.addCommand(cluCommand());
  program.addCommand(emulateCommand());
  program.addCommand(connectCommand());
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (ParleyError.isInstance(error)) {
      console.error(`parley: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
