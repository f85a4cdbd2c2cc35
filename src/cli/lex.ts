/**
 * `parley lex`: Amazon Lex V2 bots from intent files and back.
 *   parley lex build [intents-dir] [--out dist/lex/<BotName>-LexJson.zip] [--bot-name Name]
 *   parley lex import <zip|dir> [--out intents]
 *   parley lex deploy [intents-dir] --bot Name [--plan] (lex-deploy.ts)
 * Each sub-command is made by its own function.
 */
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { readIntents } from '../content/read-intents.js';
import { writeIntentFiles } from '../content/write-intent-files.js';
import { IntentFileError } from '../core/errors.js';
import { lintIntents } from '../lint/index.js';
import { lexDeployCommand } from './lex-deploy.js';
import { compileWithLosses, type CompileLexBotOptions } from '../../bot-deploy/lex-v2/compile-lex-bot.js';
import { importLexArchive } from '../../bot-deploy/lex-v2/import-lex-bot.js';
import { readLexBotSettings, writeLexBotSettings } from '../../bot-deploy/lex-v2/lex-bot-settings.js';
import type { LexArchive, LossItem } from '../../bot-deploy/lex-v2/lex-archive-types.js';
import { readLexArchive } from '../../bot-deploy/lex-v2/read-lex-archive.js';
import { writeLexArchive } from '../../bot-deploy/lex-v2/write-lex-archive.js';

/** The bot name when neither `--bot-name` nor `lex-bot.json` gives one. */
export const defaultBotName = 'ParleyBot';

/**
 * The `lex` command with its sub-commands.
 *
 * @example
 * program.addCommand(lexCommand())
 */
export function lexCommand(): Command {
  return new Command('lex')
    .description('Amazon Lex V2: build a bot export from intent files, import one, or deploy with plan and apply')
    .addCommand(lexBuildCommand())
    .addCommand(lexImportCommand())
    .addCommand(lexDeployCommand());
}

interface BuildOptions {
  out?: string;
  botName?: string;
  description?: string;
  voice?: string;
  voiceEngine?: CompileLexBotOptions['voiceEngine'];
  threshold?: number;
  ttl?: number;
  childDirected?: boolean;
  overwrite?: boolean;
  verbose?: boolean;
}

export function lexBuildCommand(): Command {
  return new Command('build')
    .description('compile intent files into a Lex V2 bot export (LexJson zip or folder); refuses files with lint errors')
    .argument('[intents-dir]', 'the intents folder (one folder per locale)', 'intents')
    .option('-o, --out <zip-or-dir>', 'where to write: a .zip, or a folder (default dist/lex/<BotName>-LexJson.zip)')
    .option('--bot-name <name>', `the Lex bot's name (default: lex-bot.json's, else ${defaultBotName})`)
    .option('--description <text>', "the bot's description")
    .option('--voice <voiceId>', 'a Polly voice for every locale, e.g. Joanna')
    .addOption(new Option('--voice-engine <engine>', 'the Polly engine of that voice').choices(['standard', 'neural', 'long-form', 'generative']))
    .option('--threshold <confidence>', 'the NLU confidence threshold, 0–1 (default 0.40)', parseNumber(0, 1))
    .option('--ttl <seconds>', 'idle session timeout, 60–86400 (default 300)', parseNumber(60, 86400))
    .option('--child-directed', 'the bot is directed at children under 13 (COPPA)')
    .option('--overwrite', 'replace the bot files in an output folder that is not empty')
    .option('--verbose', 'list each thing the archive does not carry, not only their counts')
    .action(async (dir: string, options: BuildOptions) => {
      const report = await lintIntents(dir, { targets: ['lex'], measure: false });
      const errors = report.findings.filter((finding) => finding.severity === 'error');
      if (errors.length > 0) throw new IntentFileError(errors.map(({ file, line, column, message, hint }) => (hint === undefined ? { file, line, column, message } : { file, line, column, message, hint })));
      const settings = { ...(await readLexBotSettings(dir)), ...definedOnly({
        botName: options.botName,
        description: options.description,
        voiceId: options.voice,
        voiceEngine: options.voiceEngine,
        nluConfidenceThreshold: options.threshold,
        idleSessionTTLInSeconds: options.ttl,
        childDirected: options.childDirected,
      }) };
      const compileOptions: CompileLexBotOptions = { ...settings, botName: settings.botName ?? defaultBotName };
      const { archive, losses } = compileWithLosses(report.model, compileOptions);
      const out = options.out ?? join('dist', 'lex', `${compileOptions.botName}-LexJson.zip`);
      const { files } = await writeLexArchive(archive, out, { overwrite: options.overwrite ?? false });
      console.log(`Wrote ${out}${files.length > 1 ? ` (${files.length} files)` : ''}: Lex V2 bot ${archive.bot.name}`);
      for (const line of archiveSummary(archive)) console.log(`  ${line}`);
      if (losses.length > 0) {
        console.log('Not in the archive (Parley, as the code hook, still has them):');
        for (const line of options.verbose ? losses.map((item) => item.message) : countByKind(losses)) console.log(`  ${line}`);
      }
    });
}

interface ImportOptions {
  out: string;
  overwrite?: boolean;
}

export function lexImportCommand(): Command {
  return new Command('import')
    .description('import a Lex V2 bot export (the .zip or its folder) into intent files, with a report of what they cannot hold')
    .argument('<export>', 'the LexJson .zip, or the folder holding its Manifest.json')
    .option('-o, --out <dir>', 'the intents folder to write', 'intents')
    .option('--overwrite', 'write into a folder that is not empty (its locale folders\' YAML files are replaced)')
    .action(async (source: string, options: ImportOptions) => {
      const archive = await readLexArchive(source);
      const { model, botSettings, report } = importLexArchive(archive);
      const { files } = await writeIntentFiles(model, options.out, { overwrite: options.overwrite ?? false });
      const settingsFile = await writeLexBotSettings(options.out, botSettings);
      const locales = Object.values(model.locales);
      const intentFiles = files.filter((file) => /\.ya?ml$/i.test(file)).length;
      const kept = locales.reduce((sum, locale) => sum + (locale.lexPassthrough?.length ?? 0), 0);
      const keptText = kept === 0 ? '' : `, ${plural(kept, 'Lex-only intent')} kept as they are (<locale>/lex-passthrough/)`;
      console.log(`Imported Lex bot ${archive.bot.name} into ${options.out}: ${intentFiles} intent files${keptText} and ${settingsFile}`);
      for (const locale of locales) {
        const slots = locale.intents.reduce((sum, intent) => sum + intent.slots.length, 0);
        const utterances = locale.intents.reduce((sum, intent) => sum + intent.utterances.length, 0);
        console.log(`  ${locale.locale}: ${plural(locale.intents.length, 'intent')}, ${plural(slots, 'slot')}, ${plural(locale.slotTypes.length, 'slot type')}, ${plural(utterances, 'utterance')}`);
      }
      console.log(report.length === 0 ? 'Nothing was left out.' : `Not imported or changed (${plural(report.length, 'item')}):`);
      for (const [file, items] of byFile(report)) {
        console.log(`  ${file}`);
        for (const item of items) console.log(`    ${item.path === '' ? '' : `${item.path}: `}${item.message}`);
      }
      const { problems } = await readIntents(options.out);
      if (problems.length > 0) {
        console.log(`The written files have ${plural(problems.length, 'problem')} to fix before the bot can load them (parley intents lint ${options.out}):`);
        for (const problem of problems) console.log(`  ${problem.file}:${problem.line}:${problem.column}: ${problem.message}`);
      }
    });
}

/** Per locale: intents (with FallbackIntent and those kept as imported), slots, slot types, utterances. */
export function archiveSummary(archive: LexArchive): string[] {
  return archive.locales.map((locale) => {
    const kept = locale.passthroughIntents ?? [];
    const slots = locale.intents.reduce((sum, entry) => sum + entry.slots.length, 0) + kept.reduce((sum, entry) => sum + entry.slots.length, 0);
    const utterances = locale.intents.reduce((sum, entry) => sum + (entry.intent.sampleUtterances?.length ?? 0), 0);
    const included = kept.length === 0 ? 'FallbackIntent' : `FallbackIntent and ${kept.length} kept as imported`;
    return `${locale.localeId}: ${plural(locale.intents.length + kept.length, 'intent')} (${included} included), ${plural(slots, 'slot')}, ${plural(locale.slotTypes.length, 'slot type')}, ${plural(utterances, 'utterance')}`;
  });
}

const kindWords: Record<string, [one: string, many: string]> = {
  'slot-help': ['slot help text', 'slot help texts'],
  'slot-aliases': ['slot alias list', 'slot alias lists'],
  'utterance-examples': ['intent with example values in utterances', 'intents with example values in utterances'],
  'utterance-repeats': ['intent with utterances that differ only in examples', 'intents with utterances that differ only in examples'],
  'prompt-variations': ['prompt with more wordings than Lex holds', 'prompts with more wordings than Lex holds'],
  'max-attempts': ['slot with more attempts than Lex allows', 'slots with more attempts than Lex allows'],
  'free-text': ['text slot written as AMAZON.AlphaNumeric', 'text slots written as AMAZON.AlphaNumeric'],
  'regex-case': ['case-insensitive pattern', 'case-insensitive patterns'],
  'regex-separators': ['pattern with separators', 'patterns with separators'],
  'regex-transform': ['pattern with a transform', 'patterns with a transform'],
  'regex-examples': ['pattern with examples', 'patterns with examples'],
  'built-in-utterances': ['Lex built-in without Parley\'s utterances (Lex has its own)', 'Lex built-ins without Parley\'s utterances (Lex has its own)'],
  'built-in-slots': ['Lex built-in without its slots', 'Lex built-ins without their slots'],
};

function countByKind(items: LossItem[]): string[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  return [...counts].map(([kind, count]) => {
    const [one, many] = kindWords[kind] ?? [kind, kind];
    return `${count} ${count === 1 ? one : many}`;
  });
}

function byFile(items: LossItem[]): Map<string, LossItem[]> {
  const files = new Map<string, LossItem[]>();
  for (const item of items) files.set(item.file, [...(files.get(item.file) ?? []), item]);
  return files;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function parseNumber(least: number, most: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value < least || value > most) throw new InvalidArgumentError(`give a number from ${least} to ${most}`);
    return value;
  };
}
