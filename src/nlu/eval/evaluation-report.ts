/** The figures of one evaluation, computed from its test predictions: what the CLI prints and writes. */
import { confusionCells, mostConfusedPairs, percentile, scoreIntents, scoreOutOfScope, type ConfusionCell, type IntentScore, type OutOfScopeScore } from './metrics.js';
import { predictedWithThreshold, type Prediction } from './prediction.js';
import { scoreSlots, type SlotMetrics } from './slot-metrics.js';
import type { CalibrationReport } from './fit-calibration-report.js';
import type { ThresholdChoice } from './threshold.js';

export type EvaluationSource =
  | { kind: 'dataset'; file: string; name: string }
  | { kind: 'folds'; folder: string; folds: number; seed: number };

/** The chosen threshold, and the test figures with it applied. */
export interface ThresholdReport extends ThresholdChoice {
  test: { accuracy: number; macroF1: number; oosPrecision: number | null; oosRecall: number | null };
}

export interface EvaluationReport {
  provider: string;
  locale: string;
  source: EvaluationSource;
  counts: { intents: number; train: number; test: number; outOfScopeTest: number; val: number; outOfScopeVal: number };
  /** In-scope test examples answered with their intent (judged out of scope counts as wrong). */
  accuracy: number;
  /** In-scope test examples whose intent was ranked first, trusted or not. */
  rankedAccuracy: number;
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  /** Null when the test set has no out-of-scope example. */
  oosPrecision: number | null;
  oosRecall: number | null;
  /** Exact span (name, start, end); null when the test set has no labelled slot. */
  slotPrecision: number | null;
  slotRecall: number | null;
  slotF1: number | null;
  /** Name and words, wherever they are. */
  slotValueF1: number | null;
  /** Training time (mean per fold with --folds). */
  trainMs: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  peakRssMb: number;
  /** Null without `val` and `oos_val`. */
  threshold: ThresholdReport | null;
  /** Sorted by intent name. */
  perIntent: IntentScore[];
  /** The ten intent pairs most often confused. */
  confusedPairs: ConfusionCell[];
  /** Every non-empty cell, out-of-scope rows and columns (null) included. */
  confusion: ConfusionCell[];
  outOfScope: OutOfScopeScore | null;
  slots: SlotMetrics | null;
  notes: string[];
  /** Only when asked for (`calibrate`): the provider's confidence mapped to the chance it is right. */
  calibration?: CalibrationReport;
}

export interface ReportInput {
  provider: string;
  locale: string;
  source: EvaluationSource;
  counts: EvaluationReport['counts'];
  /** In-scope and out-of-scope test predictions. */
  test: readonly Prediction[];
  threshold?: ThresholdChoice;
  trainMs: number;
  peakRssBytes: number;
  notes?: string[];
  calibration?: CalibrationReport;
}

const confusedPairsShown = 10;

/**
 * Computes every figure from the test predictions.
 *
 * @example
 * const report = buildReport({ provider: 'local', locale: 'en-US', source, counts, test: predictions, trainMs: 1200, peakRssBytes: 3e8 })
 * report.macroF1 // 0.93
 */
export function buildReport(input: ReportInput): EvaluationReport {
  const intents = scoreIntents(input.test);
  const ranked = scoreIntents(input.test.map((each) => ({ expected: each.expected, predicted: each.ranked })));
  const outOfScope = scoreOutOfScope(input.test);
  const slots = scoreSlots(input.test.filter((each) => each.expected !== null).map((each) => ({ expected: each.expectedSlots, predicted: each.predictedSlots })));
  const confusion = confusionCells(input.test);
  const latencies = input.test.map((each) => each.latencyMs);
  return {
    provider: input.provider,
    locale: input.locale,
    source: input.source,
    counts: input.counts,
    accuracy: intents.accuracy,
    rankedAccuracy: ranked.accuracy,
    macroPrecision: intents.macroPrecision,
    macroRecall: intents.macroRecall,
    macroF1: intents.macroF1,
    oosPrecision: outOfScope?.precision ?? null,
    oosRecall: outOfScope?.recall ?? null,
    slotPrecision: slots?.span.precision ?? null,
    slotRecall: slots?.span.recall ?? null,
    slotF1: slots?.span.f1 ?? null,
    slotValueF1: slots?.value.f1 ?? null,
    trainMs: input.trainMs,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    meanMs: latencies.reduce((sum, each) => sum + each, 0) / Math.max(latencies.length, 1),
    peakRssMb: input.peakRssBytes / 2 ** 20,
    threshold: input.threshold ? { ...input.threshold, test: withThreshold(input.test, input.threshold.value) } : null,
    perIntent: intents.perIntent,
    confusedPairs: mostConfusedPairs(confusion, confusedPairsShown),
    confusion,
    outOfScope: outOfScope ?? null,
    slots: slots ?? null,
    notes: input.notes ?? [],
    ...(input.calibration ? { calibration: input.calibration } : {}),
  };
}

function withThreshold(test: readonly Prediction[], threshold: number): ThresholdReport['test'] {
  const pairs = test.map((each) => ({ expected: each.expected, predicted: predictedWithThreshold(each, threshold) }));
  const intents = scoreIntents(pairs);
  const outOfScope = scoreOutOfScope(pairs);
  return { accuracy: intents.accuracy, macroF1: intents.macroF1, oosPrecision: outOfScope?.precision ?? null, oosRecall: outOfScope?.recall ?? null };
}
