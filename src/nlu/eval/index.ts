// The NLU evaluator behind `parley nlu eval` and `npm run bench:nlu`.
export { readDataset, parseDataset, type Dataset, type DatasetExample, type SlotSpan } from './dataset.js';
export { datasetToIntentModel, defaultMaxSlotValues, type DatasetModel, type DatasetModelOptions } from './dataset-model.js';
export { createNameMap, type NameMap } from './model-names.js';
export { splitIntoFolds, labelUtterance, defaultFoldSeed, type Fold } from './folds.js';
export { shuffleSeeded, hashText } from './seeded-shuffle.js';
export type { Prediction, LabelledUtterance, ExpectedSlot, PredictedSlot } from './prediction.js';
export { predictedWithThreshold } from './prediction.js';
export {
  scoreIntents,
  scoreOutOfScope,
  confusionCells,
  mostConfusedPairs,
  percentile,
  score,
  type Score,
  type IntentScore,
  type IntentMetrics,
  type ConfusionCell,
  type OutOfScopeScore,
} from './metrics.js';
export { scoreSlots, type SlotMetrics, type SlotScore } from './slot-metrics.js';
export { chooseThreshold, defaultMaxAccuracyDrop, type ThresholdChoice } from './threshold.js';
export { findProvider, localProvider, type EvaluationProvider, type ProviderSettings } from './providers.js';
export { findConfiguredProvider } from './configured-providers.js';
export { calibrationPoints, fitCalibrationReport, type CalibrationReport } from './fit-calibration-report.js';
export { evaluateDataset, evaluateFolds, type EvaluationOptions } from './run-evaluation.js';
export { buildReport, type EvaluationReport, type EvaluationSource, type ThresholdReport, type ReportInput } from './evaluation-report.js';
export { formatTextReport, type TextReportOptions } from './format-text-report.js';
export { formatHtmlReport } from './format-html-report.js';
export { startMemorySampler, type MemorySampler } from './memory-sampler.js';
