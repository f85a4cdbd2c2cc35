/**
 * Trains a recognizer and tests it: on a dataset's splits, or by k-fold cross-validation over an
 * intent model's locale. Times training and each recognition, and watches peak memory.
 */
import type { IntentModel, LocaleModel } from '../../content/intent-model.js';
import type { Recognition, Recognizer } from '../recognizer.js';
import type { Dataset, DatasetExample } from './dataset.js';
import { datasetToIntentModel } from './dataset-model.js';
import { buildReport, type EvaluationReport } from './evaluation-report.js';
import { fitCalibrationReport } from './fit-calibration-report.js';
import { defaultFoldSeed, splitIntoFolds } from './folds.js';
import { startMemorySampler, type MemorySampler } from './memory-sampler.js';
import type { NameMap } from './model-names.js';
import type { LabelledUtterance, Prediction } from './prediction.js';
import type { EvaluationProvider } from './providers.js';
import { chooseThreshold, defaultMaxAccuracyDrop } from './threshold.js';

export interface EvaluationOptions {
  /** What to train and test: `findProvider('local')`, say. */
  provider: EvaluationProvider;
  /** BCP 47; default `en-US`. */
  locale?: string;
  /** The recognizer's own confidence threshold; its default when absent. */
  threshold?: number;
  /** In-scope validation accuracy the out-of-scope threshold may give up (a share); default 0.01. */
  maxAccuracyDrop?: number;
  /** Values kept per generated slot type; default 200. */
  maxSlotValues?: number;
  /** Also fit a Platt calibration of the provider's confidence (on `val` when there is one, else on the test predictions). */
  calibrate?: boolean;
}

/** Recognitions read "today" against a fixed instant, so that results never depend on the day they ran. */
const fixedTime = { now: new Date(Date.UTC(2030, 0, 1, 12)), timeZone: 'UTC' };
const identity = { toDataset: (name: string) => name };

/**
 * Trains on `train` and tests on `test` (and `oos_test`); `val` and `oos_val` only choose the
 * out-of-scope threshold.
 *
 * @example
 * const report = await evaluateDataset(await readDataset('snips2017.json'), { file: 'snips2017.json', provider: localProvider })
 * report.accuracy // 0.97
 */
export async function evaluateDataset(dataset: Dataset, options: EvaluationOptions & { file: string }): Promise<EvaluationReport> {
  const memory = startMemorySampler();
  const provider = options.provider;
  const locale = options.locale ?? 'en-US';
  const converted = datasetToIntentModel(dataset.intents, dataset.train, { locale, ...(options.maxSlotValues === undefined ? {} : { maxSlotValues: options.maxSlotValues }) });
  const { recognizer, trainMs } = await train(provider, converted.model, options, memory);
  const names = { intents: converted.intents, slots: converted.slots };
  const recognizeAll = (examples: readonly DatasetExample[], inScope: boolean) =>
    predictAll(recognizer, locale, examples.map((example) => labelled(example, inScope)), names, memory);

  const test = [...(await recognizeAll(dataset.test, true)), ...(await recognizeAll(dataset.outOfScopeTest, false))];
  const canChoose = dataset.val.length > 0 && dataset.outOfScopeVal.length > 0;
  const useVal = canChoose || (options.calibrate === true && dataset.val.length > 0);
  const val = useVal ? { inScope: await recognizeAll(dataset.val, true), outOfScope: await recognizeAll(dataset.outOfScopeVal, false) } : undefined;
  const threshold = canChoose && val ? chooseThreshold(val.inScope, val.outOfScope, options.maxAccuracyDrop ?? defaultMaxAccuracyDrop) : undefined;
  const calibration = !options.calibrate ? undefined : val ? fitCalibrationReport([...val.inScope, ...val.outOfScope], 'val') : fitCalibrationReport(test, 'test');
  const notes = [...converted.notes, ...(provider.note ? [provider.note] : [])];
  if (dataset.outOfScopeTrain.length > 0) notes.push(`oos_train (${dataset.outOfScopeTrain.length}) is not used: out-of-scope examples only choose the threshold`);
  return buildReport({
    provider: provider.name,
    locale,
    source: { kind: 'dataset', file: options.file, name: dataset.name },
    counts: {
      intents: dataset.intents.length,
      train: dataset.train.length,
      test: dataset.test.length,
      outOfScopeTest: dataset.outOfScopeTest.length,
      val: dataset.val.length,
      outOfScopeVal: dataset.outOfScopeVal.length,
    },
    test,
    ...(threshold ? { threshold } : {}),
    trainMs,
    peakRssBytes: memory.stop(),
    notes,
    ...(calibration ? { calibration } : {}),
  });
}

/**
 * Stratified k-fold cross-validation over one locale of an intent model: trains k times, each time
 * without one fold, and scores every held-out utterance once.
 *
 * @example
 * const report = await evaluateFolds(model.locales['en-US']!, { folds: 5, folder: 'intents', provider: localProvider })
 */
export async function evaluateFolds(
  localeModel: LocaleModel,
  options: EvaluationOptions & { folds: number; folder: string; seed?: number },
): Promise<EvaluationReport> {
  const memory = startMemorySampler();
  const provider = options.provider;
  const seed = options.seed ?? defaultFoldSeed;
  const locale = localeModel.locale;
  const test: Prediction[] = [];
  let trainMs = 0;
  const folds = splitIntoFolds(localeModel, options.folds, seed);
  for (const fold of folds) {
    const trained = await train(provider, { locales: { [locale]: fold.train } }, options, memory);
    trainMs += trained.trainMs;
    test.push(...(await predictAll(trained.recognizer, locale, fold.test, { intents: identity, slots: identity }, memory)));
  }
  const utterances = localeModel.intents.reduce((sum, intent) => sum + intent.utterances.length, 0);
  const untested = localeModel.intents.filter((intent) => intent.utterances.length === 1).map((intent) => intent.name);
  const notes = untested.length > 0 ? [`not tested (a single utterance, which held out could not be learnt): ${untested.join(', ')}`] : [];
  if (provider.note) notes.push(provider.note);
  return buildReport({
    provider: provider.name,
    locale,
    source: { kind: 'folds', folder: options.folder, folds: options.folds, seed },
    counts: { intents: localeModel.intents.length, train: utterances, test: test.length, outOfScopeTest: 0, val: 0, outOfScopeVal: 0 },
    test,
    trainMs: trainMs / Math.max(folds.length, 1),
    peakRssBytes: memory.stop(),
    notes,
    ...(options.calibrate ? { calibration: fitCalibrationReport(test, 'test') } : {}),
  });
}

async function train(provider: EvaluationProvider, model: IntentModel, options: EvaluationOptions, memory: MemorySampler) {
  memory.sample();
  const started = performance.now();
  const recognizer = await provider.train(model, options.threshold === undefined ? {} : { threshold: options.threshold });
  const trainMs = performance.now() - started;
  memory.sample();
  return { recognizer, trainMs };
}

type Names = { intents: Pick<NameMap, 'toDataset'>; slots: Pick<NameMap, 'toDataset'> };

async function predictAll(recognizer: Recognizer, locale: string, utterances: readonly LabelledUtterance[], names: Names, memory: MemorySampler): Promise<Prediction[]> {
  const predictions: Prediction[] = [];
  for (const utterance of utterances) {
    const started = performance.now();
    const recognition = await recognizer.recognize({ text: utterance.text, locale, ...fixedTime });
    const latencyMs = performance.now() - started;
    predictions.push(toPrediction(utterance, recognition, latencyMs, names));
    if (predictions.length % 250 === 0) memory.sample();
  }
  return predictions;
}

function toPrediction(utterance: LabelledUtterance, recognition: Recognition, latencyMs: number, names: Names): Prediction {
  const top = recognition.topIntent;
  const ranked = recognition.intents[0];
  const answered = top === null ? undefined : recognition.intents.find((intent) => intent.name === top);
  return {
    text: utterance.text,
    expected: utterance.intent,
    predicted: top === null ? null : names.intents.toDataset(top),
    ranked: ranked ? names.intents.toDataset(ranked.name) : null,
    confidence: (answered ?? ranked)?.confidence ?? 0,
    expectedSlots: utterance.slots,
    predictedSlots: recognition.entities.flatMap((entity) =>
      entity.slot === undefined ? [] : [{ name: names.slots.toDataset(entity.slot), start: entity.start, end: entity.end, text: entity.text }],
    ),
    latencyMs,
  };
}

function labelled(example: DatasetExample, inScope: boolean): LabelledUtterance {
  return { text: example.text, intent: inScope ? example.intent : null, slots: inScope ? (example.slots ?? []) : [] };
}
