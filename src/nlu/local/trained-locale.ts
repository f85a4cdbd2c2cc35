/**
 * One locale of the embedded recognizer: trained from the locale's content, or made again from what a
 * training produced (a model artefact), so that a start need not train. Both give the same parts,
 * which recognize alike.
 */
import type { LocaleModel, SlotType } from '../../content/intent-model.js';
import type { GuardedWords } from '../../slots/entity-match.js';
import { findEntities } from '../../slots/find-entities.js';
import type { ClassifierSettings } from './classifier-settings.js';
import { createIntentClassifier, trainIntentClassifier, type IntentClassifier, type TrainedClassifier } from './intent-classifier.js';
import { guardedWordsOf } from './strong-phrases.js';
import { createSlotTagger, trainSlotTagger, type SlotTagger, type TrainedSlotTagger } from './tagger/slot-tagger.js';
import { createUnlistedReader, type UnlistedReader } from './unlisted-values.js';

/** What a locale's training produced, as data: no functions, maps or sets. */
export interface TrainedLocale {
  classifier: TrainedClassifier;
  /** Absent when no utterance of the locale gives a slot an example value. */
  slotTagger?: TrainedSlotTagger;
  /** Words of strong phrases that list values take only as written, and the list types each is guarded against. */
  guardedWords: [word: string, types: string[]][];
}

/** What a locale's recognition uses. */
export interface LocaleParts {
  slotTypes: readonly SlotType[];
  classifier: IntentClassifier;
  slotTagger: SlotTagger | undefined;
  /** Words of other requests that list values take only as written. */
  guardedWords: GuardedWords;
  readUnlisted: UnlistedReader;
}

/** Training reads dates against a fixed instant, so that the model never depends on when it was built. */
const trainingContext = { now: new Date(Date.UTC(2030, 0, 1, 12)), timeZone: 'UTC' };

/**
 * Trains a locale (`locale`: its key in the intent model): the intent classifier over the values found in every utterance, the slot tagger,
 * and the words list values must not take.
 *
 * @example
 * const parts = trainLocale('en-US', model.locales['en-US']!);
 * parts.classifier.classify('where is my order', []).ranked[0]?.name // 'CheckOrderStatus'
 */
export function trainLocale(locale: string, localeModel: LocaleModel, training?: Partial<ClassifierSettings>): LocaleParts {
  // A request a customer may make at any question ("talk to a person") is no misspelt value of a
  // list: training and recognition read its words as words (strong-phrases.ts).
  const guardedWords = guardedWordsOf(localeModel);
  const context = { slotTypes: localeModel.slotTypes, locale, ...trainingContext, guardedWords };
  const classifier = trainIntentClassifier(localeModel, (text) => findEntities(text, context), training);
  // The tagger reads list values with its own gazetteer: only the other finders run on its texts.
  const patternContext = { ...context, slotTypes: localeModel.slotTypes.filter((slotType) => slotType.kind !== 'list') };
  const slotTagger = trainSlotTagger(localeModel, (text) => findEntities(text, patternContext));
  return partsOf(localeModel, classifier, slotTagger, guardedWords);
}

/**
 * A trained locale made again from its data, with no training: it recognizes exactly as the locale
 * `trainLocale` returned, given the same content.
 *
 * @example
 * const parts = restoreLocale(localeModel, trainedLocaleOf(trainLocale('en-US', localeModel)));
 */
export function restoreLocale(localeModel: LocaleModel, trained: TrainedLocale): LocaleParts {
  const guardedWords: GuardedWords = new Map(trained.guardedWords.map(([word, types]) => [word, new Set(types)]));
  const slotTagger = trained.slotTagger && createSlotTagger(trained.slotTagger, localeModel.slotTypes);
  return partsOf(localeModel, createIntentClassifier(trained.classifier), slotTagger, guardedWords);
}

/**
 * The data of a trained locale, which `restoreLocale` turns back into it.
 *
 * @example
 * const trained = trainedLocaleOf(trainLocale('en-US', localeModel)); // JSON-ready but for its typed arrays
 */
export function trainedLocaleOf(parts: LocaleParts): TrainedLocale {
  return {
    classifier: parts.classifier.trained,
    ...(parts.slotTagger ? { slotTagger: parts.slotTagger.trained } : {}),
    guardedWords: Array.from(parts.guardedWords, ([word, types]) => [word, Array.from(types)]),
  };
}

function partsOf(localeModel: LocaleModel, classifier: IntentClassifier, slotTagger: SlotTagger | undefined, guardedWords: GuardedWords): LocaleParts {
  const readUnlisted = createUnlistedReader(localeModel, classifier.knowsWord);
  return { slotTypes: localeModel.slotTypes, classifier, slotTagger, guardedWords, readUnlisted };
}
