/**
 * `parley intents lint`: everything the loader refuses, plus what loads but will hurt — measured
 * confusions, thin or repetitive intents, unused or colliding slot values, locales that lag behind,
 * and the limits of Lex V2 and CLU. Errors block a deploy; warnings are advice.
 */
import { readIntents } from '../content/read-intents.js';
import { displayPath } from '../content/display-path.js';
import { compareText } from '../content/locate.js';
import type { IntentModel } from '../content/intent-model.js';
import { checkConfusions } from './confusion-check.js';
import { checkLocaleContent } from './content-checks.js';
import { finding, type LintFinding } from './finding.js';
import { checkLocaleParity } from './locale-checks.js';
import { checkTargetLimits, targets, type Target } from './target-limits.js';

export interface LintOptions {
  /** Services the files must fit (default both): their limits are errors. */
  targets?: readonly Target[];
  /** Cross-validate the recognizer to find confused utterances (default true; costs a training per fold). */
  measure?: boolean;
  /** Folds of that cross-validation (default 5). */
  folds?: number;
  /** Fewer sample utterances than this is a warning (default 10). */
  minUtterances?: number;
  /** Share of shared words above which two utterances of an intent are near-copies (default 0.8). */
  similarity?: number;
}

export interface LintReport {
  findings: LintFinding[];
  errors: number;
  warnings: number;
  model: IntentModel;
}

/**
 * Lints an intents folder.
 *
 * @example
 * const report = await lintIntents('intents');
 * if (report.errors > 0) process.exitCode = 1;
 */
export async function lintIntents(dir: string, options: LintOptions = {}): Promise<LintReport> {
  const folder = displayPath(dir);
  const { model, problems } = await readIntents(dir);
  const findings: LintFinding[] = problems.map((problem) => finding('error', 'intent-file', problem, problem.message, problem.hint));
  for (const locale of Object.values(model.locales)) {
    findings.push(...checkLocaleContent(locale, { minUtterances: options.minUtterances ?? 10, similarity: options.similarity ?? 0.8, folder }));
  }
  findings.push(...checkLocaleParity(model, folder));
  findings.push(...checkTargetLimits(model, options.targets ?? targets, folder));
  // Training on files the loader refused would measure something other than what is written.
  if ((options.measure ?? true) && problems.length === 0) {
    findings.push(...(await checkConfusions(model, { folds: options.folds ?? 5, folder })));
  }
  const sorted = sortFindings(findings);
  const errors = sorted.filter((item) => item.severity === 'error').length;
  return { findings: sorted, errors, warnings: sorted.length - errors, model };
}

function sortFindings(findings: LintFinding[]): LintFinding[] {
  return findings
    .map((item, index) => ({ item, index }))
    .sort((a, b) => compareText(a.item.file, b.item.file) || a.item.line - b.item.line || a.item.column - b.item.column || a.index - b.index)
    .map(({ item }) => item);
}
