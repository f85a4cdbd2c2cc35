/** `parley intents lint [dir]`: what a content designer runs before committing intent files. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { formatReport, lintFormats, lintIntents, targets, type LintFormat, type Target } from '../lint/index.js';

export function intentsCommand(): Command {
  const intents = new Command('intents').description('work with intent files');
  intents
    .command('lint')
    .description('check intent files: loader errors, confused utterances (measured), thin intents, slot values, locales, Lex V2 and CLU limits')
    .argument('[dir]', 'the intents folder (one folder per locale)', 'intents')
    .addOption(new Option('-f, --format <format>', 'output format').choices(lintFormats).default('text'))
    .option('-t, --target <targets>', `services whose limits are errors: ${targets.join(', ')} or none`, parseTargets, targets)
    .option('--no-measure', 'skip the cross-validation that finds confused utterances')
    .option('--folds <k>', 'folds of that cross-validation', parseWhole(2, 20), 5)
    .option('--min-utterances <n>', 'fewer sample utterances than this is a warning', parseWhole(1, 1000), 10)
    .action(async (dir: string, options: { format: LintFormat; target: Target[]; measure: boolean; folds: number; minUtterances: number }) => {
      const report = await lintIntents(dir, { targets: options.target, measure: options.measure, folds: options.folds, minUtterances: options.minUtterances });
      console.log(formatReport(report, options.format));
      // Warnings alone pass: they are advice, and CI should not fail on them.
      if (report.errors > 0) process.exitCode = 1;
    });
  return intents;
}

function parseTargets(raw: string): Target[] {
  if (raw === 'none') return [];
  const chosen = raw.split(',').map((name) => name.trim());
  for (const name of chosen) {
    if (!(targets as readonly string[]).includes(name)) throw new InvalidArgumentError(`unknown target ${name}; use ${targets.join(', ')} or none`);
  }
  return chosen as Target[];
}

function parseWhole(least: number, most: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < least || value > most) throw new InvalidArgumentError(`give a whole number from ${least} to ${most}`);
    return value;
  };
}
