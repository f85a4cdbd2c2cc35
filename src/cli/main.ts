/** The `parley` command: one file per sub-command, wired here. */
import { Command } from 'commander';
import { ParleyError } from '../core/errors.js';
import { packageInfo } from '../core/package-info.js';
import { keepYoungGenerationSmall } from '../core/young-generation.js';
/**
 * Each sub-command's module, loaded only when that command runs (or for the full help): `parley nlu
 * eval` then never loads the engine, the channels or the cloud SDKs, which keeps start-up quick and
 * the evaluation's measured memory its own.
 */
const commands: Record<string, () => Promise<Command>> = {
  init: async () => (await import('./init.js')).initCommand(),
  serve: async () => (await import('./serve.js')).serveCommand(),
  chat: async () => (await import('./chat.js')).chatCommand(),
  build: async () => (await import('./build.js')).buildCommand(),
  test: async () => (await import('./test.js')).testCommand(),
  nlu: async () => (await import('./nlu-eval.js')).nluCommand(),
  intents: async () => (await import('./intents.js')).intentsCommand(),
  lex: async () => (await import('./lex.js')).lexCommand(),
  clu: async () => (await import('./clu.js')).cluCommand(),
  emulate: async () => (await import('./emulate.js')).emulateCommand(),
  connect: async () => (await import('./connect.js')).connectCommand(),
  store: async () => (await import('./store.js')).storeCommand(),
  lambda: async () => (await import('./lambda.js')).lambdaCommand(),
};

/** Commands that train recognizers on whole data sets, as batch jobs: see keepYoungGenerationSmall. */
const trainingCommands = new Set(['nlu', 'intents']);

export async function main(argv: string[]): Promise<void> {
  const { version } = packageInfo();
  const program = new Command('parley')
    .description('Parley: build, run and test customer-service assistants')
    .version(version)
    .showHelpAfterError();
  const named = argv[2];
  if (named !== undefined && trainingCommands.has(named)) keepYoungGenerationSmall();
  const loaded = named !== undefined && Object.hasOwn(commands, named) ? [commands[named]!] : Object.values(commands);
  for (const load of loaded) program.addCommand(await load());
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
