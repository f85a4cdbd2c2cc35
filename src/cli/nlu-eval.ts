/** `parley nlu eval`: trains and tests a recognizer on a labelled dataset or an intents folder. */
import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { ConfigurationError } from '../core/errors.js';
import { matchLocale } from '../core/locales.js';
// The evaluation's own modules, not the eval index: what only some runs need (intent files, a policy's
// cloud providers, calibration files) is loaded by the runs that need it, and the memory a dataset
// evaluation reports stays the recognizer's and the evaluation's.
import { defaultMaxSlotValues } from '../nlu/eval/dataset-model.js';
import { readDataset } from '../nlu/eval/dataset.js';
import type { EvaluationReport } from '../nlu/eval/evaluation-report.js';
import { formatHtmlReport } from '../nlu/eval/format-html-report.js';
import { formatTextReport } from '../nlu/eval/format-text-report.js';
import { findProvider, type EvaluationProvider } from '../nlu/eval/providers.js';
import { evaluateDataset, evaluateFolds, type EvaluationOptions } from '../nlu/eval/run-evaluation.js';

interface EvalOptions {
  data?: string;
  folds?: string;
  provider: string;
  locale: string;
  threshold?: string;
  maxAccuracyDrop: string;
  maxSlotValues: string;
  report?: string;
  json?: boolean;
  all?: boolean;
  policy?: string;
  calibration?: string;
}

const defaultIntentsFolder = 'intents';
const defaultFolds = 5;

export function nluCommand(): Command {
  return new Command('nlu').description('language understanding tools').addCommand(nluEvalCommand());
}

export function nluEvalCommand(): Command {
  return new Command('eval')
    .description('train and test a recognizer: accuracy, macro-F1, confusions, out of scope, slots, speed and memory')
    .argument('[intents-folder]', `intents to cross-validate (default ${defaultIntentsFolder}/), when --data is not given`)
    .option('--data <file>', 'a labelled dataset (JSON): trains on train, tests on test; val and oos_val choose the threshold')
    .option('--folds <k>', `cross-validation folds over the intents folder (default ${defaultFolds})`)
    .option('--provider <name>', 'the recognizer to evaluate: local, or with --policy lex, clu, router or a provider the file names', 'local')
    .option('--policy <file>', 'YAML or JSON with the providers (and policy) to reach lex, clu or the router: as for parley chat --policy')
    .option('--calibration <file>', "write a Platt calibration of the provider's confidence (fitted on val when the dataset has it, else on test), for a policy's calibrationFile")
    .option('--locale <locale>', 'the locale to train and test', 'en-US')
    .option('--threshold <confidence>', "the recognizer's own confidence threshold, 0–1 (default: the recognizer's)")
    .option('--max-accuracy-drop <points>', 'val accuracy the out-of-scope threshold may give up, in percentage points', '1')
    .option('--max-slot-values <n>', 'values kept per slot type made from a dataset, the most frequent first', String(defaultMaxSlotValues))
    .option('--report <file>', 'also write a self-contained HTML report')
    .option('--json', 'print one JSON object instead of text')
    .option('--all', 'list every intent and slot, not only the 15 worst')
    .action(async (folder: string | undefined, options: EvalOptions) => {
      const report = await evaluate(folder, options).catch((error: unknown) => {
        // Every answer right (or every one wrong) leaves nothing to fit a curve to.
        if (error instanceof RangeError && options.calibration) throw new ConfigurationError('--calibration', `cannot fit: ${error.message}; use a dataset with val and oos_val, or harder examples`);
        throw error;
      });
      if (options.calibration && report.calibration) {
        const { curve, fittedOn, points } = report.calibration;
        if (curve.kind !== 'platt') throw new ConfigurationError('--calibration', 'the fit gave no Platt curve');
        const { writeCalibrationFile } = await import('../nlu/config/calibration-file.js');
        await writeCalibrationFile(options.calibration, { ...curve, provider: report.provider, locale: report.locale, fittedOn, points, fittedAt: new Date().toISOString() }).catch((error: unknown) => {
          throw new ConfigurationError('--calibration', `cannot write ${options.calibration}: ${error instanceof Error ? error.message : String(error)}`);
        });
      }
      if (options.report) {
        await writeFile(options.report, formatHtmlReport(report)).catch((error: unknown) => {
          throw new ConfigurationError('--report', `cannot write ${options.report}: ${error instanceof Error ? error.message : String(error)}`);
        });
      }
      if (options.json) {
        console.log(JSON.stringify(report, null, 2));
        return;
      }
      console.log(formatTextReport(report, { all: options.all === true }));
      if (options.report) console.log(`\nreport written to ${options.report}`);
      if (options.calibration) console.log(`calibration (fitted on ${report.calibration!.fittedOn}, ${report.calibration!.points} points) written to ${options.calibration}`);
    });
}

async function evaluate(folder: string | undefined, options: EvalOptions): Promise<EvaluationReport> {
  const settings: EvaluationOptions = {
    provider: await chooseProvider(options),
    calibrate: options.calibration !== undefined,
    locale: options.locale,
    maxAccuracyDrop: readNumber('--max-accuracy-drop', options.maxAccuracyDrop, 0, 100) / 100,
  };
  if (options.threshold !== undefined) settings.threshold = readNumber('--threshold', options.threshold, 0, 1);
  if (options.data !== undefined) {
    if (folder !== undefined) throw new ConfigurationError('--data', `give either --data or an intents folder (${folder}), not both`);
    if (options.folds !== undefined) throw new ConfigurationError('--folds', 'cross-validation is for an intents folder; a dataset has its own test split');
    settings.maxSlotValues = readWholeNumber('--max-slot-values', options.maxSlotValues, 1, 1_000_000);
    const dataset = await readDataset(options.data);
    progress(`training the ${options.provider} recognizer on ${dataset.train.length.toLocaleString('en-US')} examples…`);
    return evaluateDataset(dataset, { ...settings, file: options.data });
  }
  const folds = options.folds === undefined ? defaultFolds : readWholeNumber('--folds', options.folds, 2, 100);
  const intentsFolder = folder ?? defaultIntentsFolder;
  const { loadIntents } = await import('../content/read-intents.js');
  const model = await loadIntents(intentsFolder);
  const locales = Object.keys(model.locales).sort();
  const locale = matchLocale(options.locale, locales);
  if (locale === undefined) {
    const has = locales.length === 0 ? 'it has no locale folders' : `it has ${locales.join(', ')}`;
    throw new ConfigurationError('--locale', `${intentsFolder} has no intents for ${options.locale}; ${has}`);
  }
  progress(`cross-validating ${intentsFolder} (${locale}) over ${folds} folds…`);
  return evaluateFolds(model.locales[locale]!, { ...settings, folds, folder: intentsFolder });
}

/** The provider to evaluate; with `--policy`, any the file names (its clouds' clients are loaded then). */
async function chooseProvider(options: EvalOptions): Promise<EvaluationProvider> {
  if (options.policy === undefined) return findProvider(options.provider);
  const [{ loadNluConfigFile }, { findConfiguredProvider }] = await Promise.all([
    import('../nlu/config/load-nlu-config-file.js'),
    import('../nlu/eval/configured-providers.js'),
  ]);
  return findConfiguredProvider(options.provider, loadNluConfigFile(options.policy));
}

function readNumber(option: string, written: string, least: number, most: number): number {
  const value = Number(written);
  if (written.trim() === '' || !Number.isFinite(value) || value < least || value > most) {
    throw new ConfigurationError(option, `must be a number from ${least} to ${most}, not ${JSON.stringify(written)}`);
  }
  return value;
}

function readWholeNumber(option: string, written: string, least: number, most: number): number {
  const value = Number(written);
  if (!/^\s*\d+\s*$/.test(written) || value < least || value > most) {
    throw new ConfigurationError(option, `must be a whole number from ${least} to ${most}, not ${JSON.stringify(written)}`);
  }
  return value;
}

/** Training a large set takes a while; say so on a terminal, never into a pipe. */
function progress(message: string): void {
  if (process.stderr.isTTY) console.error(message);
}
