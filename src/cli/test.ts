/** `parley test <paths...>`: runs YAML conversation tests; exit code 1 when any fails. */
import { Command } from 'commander';
import { loadConversationTests } from '../testing/conversation-test-file.js';
import { formatConversationResults, runConversationTests } from '../testing/run-conversation-tests.js';
import { loadBotModule } from './load-bot-module.js';

export function testCommand(): Command {
  return new Command('test')
    .description('run conversation tests (YAML files, or folders searched for *.yaml)')
    .argument('<paths...>', 'test files or folders')
    .option('-b, --bot <module>', 'the bot module to test (default: bot.ts, else dialogs/index.ts)')
    .action(async (paths: string[], options: { bot?: string }) => {
      const [bot, tests] = await Promise.all([loadBotModule(options.bot), loadConversationTests(paths)]);
      const results = await runConversationTests(tests, bot);
      console.log(formatConversationResults(results));
      if (tests.length === 0 || results.some((result) => !result.passed)) process.exitCode = 1;
    });
}
