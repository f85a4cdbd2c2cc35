/** An evaluation report as text for a terminal: the figures, then the tables worth reading. */
import type { EvaluationReport } from './evaluation-report.js';
import { formatTable } from './format-table.js';

export interface TextReportOptions {
  /** Every intent and slot, not only the worst. */
  all?: boolean;
}

const worstShown = 15;
const labelWidth = 28;

/**
 * The report as aligned text.
 *
 * @example
 * console.log(formatTextReport(report))
 */
export function formatTextReport(report: EvaluationReport, options: TextReportOptions = {}): string {
  const sections = [heading(report), summary(report), confusedPairs(report), worstIntents(report, options), worstSlots(report, options), notes(report)];
  return sections.filter((section) => section !== '').join('\n\n');
}

/** `97.14%` */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}

/** `0.971` */
export function formatScore(value: number): string {
  return value.toFixed(3);
}

/** `0.21 ms`, `1.23 s` */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`;
}

/** In words: where the data came from and what was tested. */
export function describeSource(report: EvaluationReport): string {
  const { source, counts } = report;
  if (source.kind === 'dataset') return `${source.name} (${source.file}), trained on ${count(counts.train)} examples, tested on ${count(counts.test)}`;
  return `${source.folder}, ${source.folds}-fold cross-validation over ${count(counts.train)} utterances (seed ${source.seed})`;
}

function heading(report: EvaluationReport): string {
  const oos = report.counts.outOfScopeTest > 0 ? ` (+${count(report.counts.outOfScopeTest)} out of scope)` : '';
  return `NLU evaluation of the ${report.provider} recognizer, ${report.locale}, ${report.counts.intents} intents\n${describeSource(report)}${oos}`;
}

function summary(report: EvaluationReport): string {
  const lines = [
    'Intents',
    row('accuracy', `${formatPercent(report.accuracy)}   (ranked first: ${formatPercent(report.rankedAccuracy)})`),
    row('macro-F1', `${formatScore(report.macroF1)}    (precision ${formatScore(report.macroPrecision)}, recall ${formatScore(report.macroRecall)})`),
  ];
  if (report.outOfScope) {
    lines.push(`Out of scope (${count(report.outOfScope.support)} test examples)`);
    lines.push(row('precision', formatPercent(report.outOfScope.precision)), row('recall', formatPercent(report.outOfScope.recall)));
  }
  const threshold = report.threshold;
  if (threshold) {
    const { validation, test } = threshold;
    lines.push(
      `Threshold, chosen on val (${count(validation.examples)}) + oos_val (${count(validation.outOfScopeExamples)}); accuracy may drop ${(threshold.maxAccuracyDrop * 100).toFixed(1)} points`,
      row('in scope when confidence ≥', threshold.value === 0 ? '0 (none beyond the recognizer\'s own: any would cost too much accuracy)' : formatScore(threshold.value)),
      row('test accuracy', `${formatPercent(report.accuracy)} → ${formatPercent(test.accuracy)}`),
    );
    if (report.oosRecall !== null && test.oosRecall !== null) lines.push(row('test out-of-scope recall', `${formatPercent(report.oosRecall)} → ${formatPercent(test.oosRecall)}`));
    if (report.oosPrecision !== null && test.oosPrecision !== null) lines.push(row('test out-of-scope precision', `${formatPercent(report.oosPrecision)} → ${formatPercent(test.oosPrecision)}`));
    lines.push(
      row('val accuracy', `${formatPercent(validation.accuracyWithout)} → ${formatPercent(validation.accuracyWith)}`),
      row('val out-of-scope recall', `${formatPercent(validation.outOfScopeRecallWithout)} → ${formatPercent(validation.outOfScopeRecallWith)}`),
    );
  }
  const slots = report.slots;
  if (slots) {
    lines.push(`Slots (${count(slots.expected)} labelled, ${count(slots.predicted)} predicted)`);
    lines.push(row('exact span', prf(slots.span)), row('value', prf(slots.value)));
    if (slots.predicted === 0) lines.push(row('', 'the recognizer tied no value to a slot (entity.slot), so precision and recall are 0'));
  }
  lines.push(
    'Speed and memory',
    row(report.source.kind === 'folds' ? 'training (mean per fold)' : 'training', formatDuration(report.trainMs)),
    row('per utterance', `p50 ${formatDuration(report.p50Ms)}, p99 ${formatDuration(report.p99Ms)} (mean ${formatDuration(report.meanMs)})`),
    row('peak memory (RSS)', `${report.peakRssMb.toFixed(0)} MB`),
  );
  return lines.join('\n');
}

function confusedPairs(report: EvaluationReport): string {
  if (report.confusedPairs.length === 0) return 'Most confused intents: none';
  const rows = report.confusedPairs.map((cell) => [String(cell.count), cell.expected ?? '', cell.predicted ?? '']);
  return `Most confused intents (expected → predicted)\n${formatTable([{ header: 'count', align: 'right' }, { header: 'expected' }, { header: 'predicted' }], rows, '  ')}`;
}

function worstIntents(report: EvaluationReport, options: TextReportOptions): string {
  const sorted = [...report.perIntent].sort((a, b) => a.f1 - b.f1 || b.support - a.support || (a.intent < b.intent ? -1 : 1));
  const shown = options.all ? sorted : sorted.slice(0, worstShown);
  const title = options.all || shown.length === sorted.length ? `Intents by F1 (all ${sorted.length})` : `Worst intents by F1 (${shown.length} of ${sorted.length}; --all for every intent)`;
  const rows = shown.map((each) => [each.intent, formatScore(each.precision), formatScore(each.recall), formatScore(each.f1), String(each.support), String(each.rejected)]);
  const columns = [
    { header: 'intent' },
    { header: 'precision', align: 'right' as const },
    { header: 'recall', align: 'right' as const },
    { header: 'F1', align: 'right' as const },
    { header: 'support', align: 'right' as const },
    { header: 'out of scope', align: 'right' as const },
  ];
  return `${title}\n${formatTable(columns, rows, '  ')}`;
}

function worstSlots(report: EvaluationReport, options: TextReportOptions): string {
  if (!report.slots) return '';
  const sorted = [...report.slots.perSlot].sort((a, b) => a.span.f1 - b.span.f1 || b.expected - a.expected || (a.slot < b.slot ? -1 : 1));
  const shown = options.all ? sorted : sorted.slice(0, worstShown);
  const title = options.all || shown.length === sorted.length ? `Slots by span F1 (all ${sorted.length})` : `Worst slots by span F1 (${shown.length} of ${sorted.length}; --all for every slot)`;
  const rows = shown.map((each) => [each.slot, formatScore(each.span.precision), formatScore(each.span.recall), formatScore(each.span.f1), formatScore(each.value.f1), String(each.expected), String(each.predicted)]);
  const columns = [
    { header: 'slot' },
    { header: 'precision', align: 'right' as const },
    { header: 'recall', align: 'right' as const },
    { header: 'F1', align: 'right' as const },
    { header: 'value F1', align: 'right' as const },
    { header: 'labelled', align: 'right' as const },
    { header: 'predicted', align: 'right' as const },
  ];
  return `${title}\n${formatTable(columns, rows, '  ')}`;
}

function notes(report: EvaluationReport): string {
  return report.notes.length === 0 ? '' : `Notes\n${report.notes.map((note) => `  - ${note}`).join('\n')}`;
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(labelWidth)} ${value}`;
}

function prf(score: { precision: number; recall: number; f1: number }): string {
  return `precision ${formatScore(score.precision)}, recall ${formatScore(score.recall)}, F1 ${formatScore(score.f1)}`;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}
