import type { LocaleModel } from '../../content/intent-model.js';
import { outOfScopeSentences } from './out-of-scope-sentences.js';
import { hashText } from './seeded-random.js';
import { predictProbabilities, trainSoftmaxRegression, type SoftmaxModel } from './softmax-regression.js';
import { fitTemperature, sharpen } from './temperature-scaling.js';
import { buildFeatureSpace, classifierWords, countFeatures, isTypeToken, vectorize, type FeatureSpace, type SparseVector } from './text-features.js';
import { buildTrainingExamples, type ValueSpan } from './training-examples.js';

/** Finds the values in a text, so that they are read as their types' tokens. */
export type FindValues = (text: string) => ValueSpan[];

/** How sure the classifier is of each intent, and how much of the text it could read at all. */
export interface Classification {
  /** Every intent, best first, with its probability (the background class takes the rest). */
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
}

/** Knobs of the classifier's training; the defaults suit a bot's few hundred utterances. */
export interface ClassifierSettings {
  /** Slot samples per utterance with placeholders. */
  variants: number;
  /** Background sentences closer than this (cosine) to an intent's own example are dropped: the intent owns them. */
  backgroundSimilarity: number;
  /** The background class weighs as much as this many intents of average size (each sentence at most 1). */
  backgroundShare: number;
  /** Total L2 penalty, spread over the examples: larger sets are held back less per example. */
  regularization: number;
  learningRate: number;
  /** Whether words also count by their English stem; default: for English locales. */
  stems?: boolean;
  /** Folds of the cross-validation that fits the probability temperature; 0 or 1 to skip it. */
  calibrationFolds: number;
  /** Passes over the data: about this many steps in all, within [minEpochs, maxEpochs]. */
  steps: number;
  minEpochs: number;
  maxEpochs: number;
}

export const defaultClassifierSettings: ClassifierSettings = {
  variants: 3,
  backgroundSimilarity: 0.5,
  backgroundShare: 2,
  regularization: 0.02,
  learningRate: 0.5,
  calibrationFolds: 0,
  steps: 30_000,
  minEpochs: 8,
  maxEpochs: 40,
};

/**
 * Trains a locale's intent classifier: TF-IDF word, bigram and char n-gram features with values
 * replaced by type tokens, and a softmax regression with a background class of everyday messages.
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
  const examples = buildTrainingExamples(localeModel, settings.variants);
  const stems = settings.stems ?? /^en\b/i.test(localeModel.locale);
  const featuresOf = (text: string, values: readonly ValueSpan[]) => countFeatures(classifierWords(text, values), stems);
  const intents = Array.from(new Set(examples.map((example) => example.intent))).sort();
  const exampleCounts = examples.map((example) => featuresOf(example.text, withFoundValues(example.text, example.values, findValues)));
  const backgroundCounts = outOfScopeSentences.map((sentence) => featuresOf(sentence, findValues(sentence)));
  const space = buildFeatureSpace([...exampleCounts, ...backgroundCounts]);
  const inputs = exampleCounts.map((counts) => vectorize(space, counts));
  const labels = examples.map((example) => intents.indexOf(example.intent));
  const exampleWeights = labels.map(() => 1);
  const backgroundWeight = Math.min(1, (settings.backgroundShare * examples.length) / Math.max(intents.length, 1) / outOfScopeSentences.length);
  const background = intents.length;
  const scratch = new Float64Array(space.idf.length);
  const backgroundTexts: string[] = [];
  backgroundCounts.forEach((counts, position) => {
    const vector = vectorize(space, counts);
    if (highestSimilarity(vector, inputs, scratch) > settings.backgroundSimilarity) return;
    backgroundTexts.push(outOfScopeSentences[position]!);
    inputs.push(vector);
    labels.push(background);
    exampleWeights.push(backgroundWeight);
  });
  const groups = [...examples.map((example) => `${example.intent}\u0000${example.utterance}`)];
  const train = (chosen: readonly number[]): SoftmaxModel =>
    trainSoftmaxRegression(
      chosen.map((index) => inputs[index]!),
      chosen.map((index) => labels[index]!),
      intents.length + 1,
      space.idf.length,
      {
        // Small sets get more passes; large ones converge in fewer and each pass costs more.
        epochs: Math.min(settings.maxEpochs, Math.max(settings.minEpochs, Math.round(settings.steps / Math.max(chosen.length, 1)))),
        l2: settings.regularization / Math.max(chosen.length, 1),
        learningRate: settings.learningRate,
        seed: 20300304,
        exampleWeights: chosen.map((index) => exampleWeights[index]!),
      },
    );
  const all = Array.from(inputs.keys());
  const model = train(all);
  let temperature = 1;
  if (settings.calibrationFolds > 1) {
    const foldOf = all.map((index) => hashText(groups[index] ?? backgroundTexts[index - examples.length] ?? '') % settings.calibrationFolds);
    const heldOut: Float64Array[] = [];
    const heldOutLabels: number[] = [];
    const heldOutWeights: number[] = [];
    for (let fold = 0; fold < settings.calibrationFolds; fold++) {
      const foldModel = train(all.filter((index) => foldOf[index] !== fold));
      for (const index of all.filter((candidate) => foldOf[candidate] === fold)) {
        heldOut.push(predictProbabilities(foldModel, inputs[index]!));
        heldOutLabels.push(labels[index]!);
        heldOutWeights.push(exampleWeights[index]!);
      }
    }
    temperature = fitTemperature(heldOut, heldOutLabels, heldOutWeights);
  }

  return {
    intents,
    classify(text, values) {
      const words = classifierWords(text, values);
      const vector = vectorize(space, countFeatures(words, stems));
      const probabilities = vector.indices.length > 0 ? sharpen(predictProbabilities(model, vector), temperature) : undefined;
      const ranked = intents
        .map((name, index) => ({ name, confidence: probabilities?.[index] ?? 0 }))
        .sort((a, b) => b.confidence - a.confidence || (a.name < b.name ? -1 : 1));
      return { ranked, outOfScope: probabilities?.[background] ?? 1, coverage: coverageOf(words, space), featureCount: vector.indices.length };
    },
  };
}

/** The utterance's own slot values, plus values the finders see in the rest of it, as at recognition. */
function withFoundValues(text: string, values: readonly ValueSpan[], findValues: FindValues): ValueSpan[] {
  if (values.length === 0) return findValues(text);
  // The known values are blanked out (offsets kept): the finders then only read the utterance's own
  // words, and most utterances give the costly date parser nothing to read.
  let rest = text;
  for (const value of values) rest = rest.slice(0, value.start) + ' '.repeat(value.end - value.start) + rest.slice(value.end);
  return [...values, ...findValues(rest)];
}

function highestSimilarity(vector: SparseVector, others: readonly SparseVector[], scratch: Float64Array): number {
  vector.indices.forEach((index, position) => (scratch[index] = vector.values[position]!));
  let highest = 0;
  for (const other of others) {
    let dot = 0;
    for (let position = 0; position < other.indices.length; position++) dot += scratch[other.indices[position]!]! * other.values[position]!;
    if (dot > highest) highest = dot;
  }
  for (const index of vector.indices) scratch[index] = 0;
  return highest;
}

/** Known words count 1, unknown ones the share of their trigrams seen in training (a typo keeps most). */
function coverageOf(words: readonly string[], space: FeatureSpace): number {
  let total = 0;
  let known = 0;
  for (const word of words) {
    total++;
    if (isTypeToken(word) || space.index.has(`w:${word}`)) {
      known++;
      continue;
    }
    const padded = ` ${word} `;
    let grams = 0;
    let seen = 0;
    for (let start = 0; start + 3 <= padded.length; start++) {
      grams++;
      if (space.index.has(`c:${padded.slice(start, start + 3)}`)) seen++;
    }
    known += grams > 0 ? seen / grams : 0;
  }
  return total > 0 ? known / total : 0;
}
