import type { LocaleModel } from '../../content/intent-model.js';
import { defaultClassifierSettings, epochsFor, type ClassifierSettings } from './classifier-settings.js';
import { outOfScopeSentences } from './out-of-scope-sentences.js';
import { hashText } from './seeded-random.js';
import { predictProbabilities, trainSoftmaxRegression, type SoftmaxModel } from './softmax-regression.js';
import { crossValidatedTemperature, sharpen } from './temperature-scaling.js';
import { buildFeatureSpace, classifierWords, countFeatures, isTypeToken, vectorize, type FeatureSpace, type SparseVector } from './text-features.js';
import { buildTrainingExamples, type ValueSpan } from './training-examples.js';

/** Finds the values in a text, so that they are read as their types' tokens. */
export type FindValues = (text: string) => ValueSpan[];

/** How sure the classifier is of each intent, and how much of the text it could read at all. */
export interface Classification {
  /** Every intent, best first, with its probability (the background class takes the rest); empty when no feature is known. */
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

const seed = 20300304;

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
  const stems = settings.stems ?? /^en\b/i.test(localeModel.locale);
  const examples = buildTrainingExamples(localeModel, settings.variants);
  const intents = Array.from(new Set(examples.map((example) => example.intent))).sort();
  const exampleCounts = examples.map((example) => countFeatures(classifierWords(example.text, withFoundValues(example, findValues)), stems));
  const backgroundCounts = outOfScopeSentences.map((sentence) => countFeatures(classifierWords(sentence, findValues(sentence)), stems));
  const space = buildFeatureSpace([...exampleCounts, ...backgroundCounts]);

  const inputs = exampleCounts.map((counts) => vectorize(space, counts));
  const labels = examples.map((example) => intents.indexOf(example.intent));
  const weights = labels.map(() => 1);
  const groups = examples.map((example) => `${example.intent}\u0000${example.utterance}`);
  const background = intents.length;
  const backgroundWeight = Math.min(1, (settings.backgroundShare * examples.length) / Math.max(intents.length, 1) / outOfScopeSentences.length);
  const ownVectors = [...inputs];
  const scratch = new Float64Array(space.idf.length);
  backgroundCounts.forEach((counts, position) => {
    const vector = vectorize(space, counts);
    if (highestSimilarity(vector, ownVectors, scratch) > settings.backgroundSimilarity) return;
    inputs.push(vector);
    labels.push(background);
    weights.push(backgroundWeight);
    groups.push(outOfScopeSentences[position]!);
  });

  const train = (chosen: readonly number[]): SoftmaxModel =>
    trainSoftmaxRegression(
      chosen.map((index) => inputs[index]!),
      chosen.map((index) => labels[index]!),
      intents.length + 1,
      space.idf.length,
      {
        epochs: epochsFor(settings, chosen.length),
        l2: settings.regularization / Math.max(chosen.length, 1),
        learningRate: settings.learningRate,
        seed,
        exampleWeights: chosen.map((index) => weights[index]!),
      },
    );
  const model = train(Array.from(inputs.keys()));
  // Samples of one utterance share a fold, or the held-out predictions would have seen their twins.
  const folds = groups.map((group) => hashText(group) % Math.max(settings.calibrationFolds, 1));
  const temperature = settings.calibrationFolds > 1 ? crossValidatedTemperature({ inputs, labels, weights, folds }, train) : 1;

  return {
    intents,
    classify(text, values) {
      const words = classifierWords(text, values);
      const vector = vectorize(space, countFeatures(words, stems));
      const coverage = coverageOf(words, space);
      // Nothing the classifier knows (emoji, another script, an empty message): no ranking to give.
      if (vector.indices.length === 0) return { ranked: [], outOfScope: 1, coverage, featureCount: 0 };
      const probabilities = sharpen(predictProbabilities(model, vector), temperature);
      const ranked = intents
        .map((name, index) => ({ name, confidence: probabilities[index]! }))
        .sort((a, b) => b.confidence - a.confidence || (a.name < b.name ? -1 : 1));
      return { ranked, outOfScope: probabilities[background]!, coverage, featureCount: vector.indices.length };
    },
  };
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
