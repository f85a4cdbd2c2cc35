import { isBuiltInSlotType, type LocaleModel } from '../../content/intent-model.js';
import { defaultClassifierSettings, type ClassifierSettings } from './classifier-settings.js';
import { trainCalibratedSvm, type LabelledExamples } from './calibrated-svm.js';
import { scoreClasses, type LinearModel } from './linear-svm.js';
import { outOfScopeSentences } from './out-of-scope-sentences.js';
import { softmaxWithTemperature } from './temperature-scaling.js';
import { buildFeatureSpace, classifierWords, coverageOf, createVectorBuffer, extractFeatures, featureHash, isTypeToken, vectorize, type ClassifierWords, type FeatureSpace, type SparseVector } from './text-features.js';
import { createFeatureTable } from './packed-texts.js';
import { buildTrainingExamples, type TrainingExample, type ValueSpan } from './training-examples.js';

/** Finds the values in a text, so that they are read as their types' tokens. */
export type FindValues = (text: string) => ValueSpan[];

/** How sure the classifier is of each intent, and how much of the text it could read at all. */
export interface Classification {
  /** Every intent, best first, with its probability (the background class takes the rest); empty when no word but values is known. */
  ranked: { name: string; confidence: number }[];
  /** Probability of the background class: nothing this locale understands. */
  outOfScope: number;
  /** 0–1: the share of the words the classifier has seen, or mostly seen (typos) in training. */
  coverage: number;
  featureCount: number;
}

export interface IntentClassifier {
  readonly intents: readonly string[];
  classify(text: string, values: readonly ValueSpan[]): Classification;
  /** Whether a word (`normalizeWord` form) was a feature of training: the content's or everyday messages'. */
  knowsWord(word: string): boolean;
  /** What training produced, from which `createIntentClassifier` makes this classifier again without training. */
  readonly trained: TrainedClassifier;
}

/** A trained classifier as data: its intents, features and weights; nothing of the training texts. */
export interface TrainedClassifier {
  /** Sorted; class i is `intents[i]`, and the last class (`intents.length`) is the background. */
  intents: string[];
  /** Whether words also count by their English stem. */
  stems: boolean;
  /** The hash of each feature's name (`featureHash`), by position: ascending. */
  features: Int32Array;
  /** Each feature's inverse document frequency, by position. */
  idf: Float64Array;
  /** The SVMs' weights, feature-major (see `LinearModel`): features × (intents + 1). */
  weights: Float32Array;
  /** One per class. */
  bias: Float64Array;
  /** Multiplies the scores before their softmax. */
  temperature: number;
}

const seed = 20300304;

/**
 * Trains a locale's intent classifier: TF-IDF word, bigram and char n-gram features of the words, and
 * the type tokens of the values found in them; one-vs-rest linear SVMs over the intents and a background
 * class of everyday messages; and a temperature, fitted on held-out folds, that turns the SVM scores
 * into probabilities.
 *
 * The result depends only on the model's content, never on the order of its intents or utterances:
 * the examples are sorted, and the solver visits them in its own seeded order.
 *
 * @example
 * const classifier = trainIntentClassifier(localeModel, (text) => findEntities(text, context));
 * classifier.classify('where is my order', []).ranked[0] // { name: 'CheckOrderStatus', confidence: 0.9 }
 */
export function trainIntentClassifier(
  localeModel: LocaleModel,
  findValues: FindValues,
  overrides: Partial<ClassifierSettings> = {},
): IntentClassifier {
  const settings = { ...defaultClassifierSettings, ...overrides };
  const stems = settings.stems ?? /^en\b/i.test(localeModel.locale);
  const examples = buildTrainingExamples(localeModel, settings.variants);
  const intents = Array.from(new Set(examples.map((example) => example.intent))).sort();
  const { space, inputs, background } = vectorizeAll(examples, findValues, stems, settings, intents.length + 1);
  const labelled = withBackground(examples, intents, inputs, background, settings);
  const trained = trainCalibratedSvm(
    labelled,
    intents.length + 1,
    space.idf.length,
    { cost: settings.cost, tolerance: settings.tolerance, maxEpochs: settings.maxEpochs, seed },
    { folds: settings.calibrationFolds, heldOutExamples: settings.calibrationExamples },
  );
  return createIntentClassifier({
    intents,
    stems,
    features: Int32Array.from(space.index.keys()),
    idf: space.idf,
    weights: trained.model.weights,
    bias: trained.model.bias,
    temperature: trained.temperature,
  });
}

/**
 * The feature space and the vectors of the examples and of the background sentences. Large sets keep
 * only features seen in two texts or more, and at most as many as fit the weight budget, most common
 * first (see `ClassifierSettings`). Each text's words are read once; its feature hashes are packed
 * with the others' (see `packed-texts.ts`), then its vector written over them, so training holds no
 * per-text arrays and no second copy.
 */
function vectorizeAll(examples: readonly TrainingExample[], findValues: FindValues, stems: boolean, settings: ClassifierSettings, classCount: number) {
  const table = createFeatureTable();
  for (const example of examples) table.add(extractFeatures(classifierWords(example.text, withFoundValues(example, findValues)), stems));
  for (const sentence of outOfScopeSentences) table.add(extractFeatures(classifierWords(sentence, findValues(sentence)), stems));
  const fewestTexts = examples.length > settings.rareFeatureTexts ? 2 : 1;
  const space = buildFeatureSpace(table.all(), fewestTexts, Math.floor(settings.maxWeights / classCount));
  const buffer = createVectorBuffer();
  const vectors = table.toVectors((features) => vectorize(space, features, buffer));
  return { space, inputs: vectors.slice(0, examples.length), background: vectors.slice(examples.length) };
}

/**
 * Labels, weights and groups of the examples (the samples of one utterance form a group: they are
 * held out together when calibrating), followed by the background sentences that no intent owns.
 */
function withBackground(
  examples: readonly TrainingExample[],
  intents: readonly string[],
  inputs: SparseVector[],
  background: readonly SparseVector[],
  settings: ClassifierSettings,
): LabelledExamples {
  const labels = examples.map((example) => intents.indexOf(example.intent));
  const weights = labels.map(() => 1);
  const utterances = new Map<string, number>();
  const groups = examples.map((example) => {
    const key = `${example.intent}\u0000${example.utterance}`;
    if (!utterances.has(key)) utterances.set(key, utterances.size);
    return utterances.get(key)!;
  });
  const backgroundWeight = Math.min(1, (settings.backgroundShare * examples.length) / Math.max(intents.length, 1) / background.length);
  const similarities = highestSimilarities(background, inputs);
  background.forEach((vector, position) => {
    if (similarities[position]! > settings.backgroundSimilarity) return;
    inputs.push(vector);
    labels.push(intents.length);
    weights.push(backgroundWeight);
    groups.push(utterances.size + position);
  });
  return { inputs, labels, weights, groups };
}

/**
 * The classifier a training produced, made again from its data: it classifies exactly as the one
 * `trainIntentClassifier` returned.
 *
 * @example
 * const classifier = createIntentClassifier(trainIntentClassifier(localeModel, findValues).trained);
 */
export function createIntentClassifier(trained: TrainedClassifier): IntentClassifier {
  const { intents, stems, temperature } = trained;
  const space: FeatureSpace = { index: new Map(Array.from(trained.features, (hash, position) => [hash, position])), idf: trained.idf };
  const model: LinearModel = { classCount: intents.length + 1, weights: trained.weights, bias: trained.bias };
  // Each recognition's vector and scores are written into these (classify runs to its end before the
  // next starts): a bot answering all day leaves no arrays behind per message.
  const buffer = createVectorBuffer();
  const scores = new Float64Array(model.classCount);
  return {
    intents,
    trained,
    classify(text, values) {
      const words = classifierWords(text, values);
      const vector = vectorize(space, extractFeatures(words, stems), buffer);
      const coverage = coverageOf(words.typed, space);
      // Nothing the classifier knows (emoji, another script, an empty message), or nothing but dates,
      // times, numbers and such ("friday", "3pm"), which name no task by themselves: no ranking to give.
      if (vector.indices.length === 0 || onlyBuiltInValues(words, values)) return { ranked: [], outOfScope: 1, coverage, featureCount: vector.indices.length };
      const probabilities = softmaxWithTemperature(scoreClasses(model, vector, scores), temperature, scores);
      const ranked = intents
        .map((name, index) => ({ name, confidence: probabilities[index]! }))
        .sort((a, b) => b.confidence - a.confidence || (a.name < b.name ? -1 : 1));
      return { ranked, outOfScope: probabilities[intents.length]!, coverage, featureCount: vector.indices.length };
    },
    knowsWord: (word) => space.index.has(featureHash(`w:${word}`)),
  };
}

/** Whether every word of the text is part of a value of a built-in type. */
function onlyBuiltInValues(words: ClassifierWords, values: readonly ValueSpan[]): boolean {
  return words.typed.every(isTypeToken) && values.every((value) => isBuiltInSlotType(value.type));
}

/** The utterance's own slot values, plus values the finders see in the rest of it, as at recognition. */
function withFoundValues(example: { text: string; values: readonly ValueSpan[] }, findValues: FindValues): ValueSpan[] {
  const { text, values } = example;
  if (values.length === 0) return findValues(text);
  // The known values are blanked out (offsets kept): the finders then only read the utterance's own
  // words, and most utterances give the costly date parser nothing to read.
  let rest = text;
  for (const value of values) rest = rest.slice(0, value.start) + ' '.repeat(value.end - value.start) + rest.slice(value.end);
  return [...values, ...findValues(rest)];
}

/** For each of a few vectors, its highest cosine with any of many others, through an index of the few by feature. */
function highestSimilarities(few: readonly SparseVector[], many: readonly SparseVector[]): Float64Array {
  const postings = new Map<number, { vector: number; value: number }[]>();
  few.forEach((vector, position) =>
    vector.indices.forEach((feature, at) => {
      const posting = { vector: position, value: vector.values[at]! };
      const known = postings.get(feature);
      if (known) known.push(posting);
      else postings.set(feature, [posting]);
    }),
  );
  const highest = new Float64Array(few.length);
  const dots = new Float64Array(few.length);
  for (const other of many) {
    dots.fill(0);
    other.indices.forEach((feature, at) => {
      for (const { vector, value } of postings.get(feature) ?? []) dots[vector]! += value * other.values[at]!;
    });
    for (let position = 0; position < few.length; position++) highest[position] = Math.max(highest[position]!, dots[position]!);
  }
  return highest;
}

