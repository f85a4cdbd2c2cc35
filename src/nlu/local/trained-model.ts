/**
 * The embedded recognizer's training as data: what `createLocalRecognizer` would otherwise compute at
 * every start (weights, vocabularies, calibration, tagger weights, guarded words), per locale. A model
 * artefact keeps it in a file (`trained-model-json.ts` writes it compactly), so that a start loads it
 * in a few milliseconds instead of training for hundreds.
 */
import type { IntentModel } from '../../content/intent-model.js';
import { ParleyError } from '../../core/errors.js';
import type { ClassifierSettings } from './classifier-settings.js';
import { restoreLocale, trainedLocaleOf, trainLocale, type LocaleParts, type TrainedLocale } from './trained-locale.js';

export type { TrainedLocale } from './trained-locale.js';

/**
 * The version of what training produces. Raise it with any change to the trained data's shape or to
 * what training computes from the same content, so that artefacts written before are trained again
 * rather than read (within one package version, nothing else tells them apart).
 */
export const trainedModelFormat = 1;

/**
 * A trained local recognizer, per locale of its intent model. Plain data (no functions, maps or sets);
 * its numeric tables are typed arrays, which `encodeTrainedModel` writes as base64 for JSON.
 */
export interface TrainedLocalModel {
  format: typeof trainedModelFormat;
  locales: Record<string, TrainedLocale>;
}

/**
 * Trains the local recognizer of an intent model, as `createLocalRecognizer` does, and returns what
 * it learnt; `createLocalRecognizer({ model, trained })` then recognizes without training.
 *
 * @example
 * const trained = trainLocalModel(model);
 * const recognizer = createLocalRecognizer({ model, trained });
 */
export function trainLocalModel(model: IntentModel, training?: Partial<ClassifierSettings>): TrainedLocalModel {
  const locales: Record<string, TrainedLocale> = {};
  for (const [locale, localeModel] of Object.entries(model.locales)) locales[locale] = trainedLocaleOf(trainLocale(locale, localeModel, training));
  return { format: trainedModelFormat, locales };
}

/**
 * Each locale of the model made from `trained`, after checking that it was trained on this model: a
 * locale or an intent of one and not of the other means it was trained on other content.
 *
 * @example
 * const locales = restoreLocales(artefact.intents, artefact.trained); // Map { 'en-US' => parts }
 */
export function restoreLocales(model: IntentModel, trained: TrainedLocalModel): Map<string, LocaleParts> {
  if (trained.format !== trainedModelFormat) {
    throw mismatch(`it is of format ${String(trained.format)}, and this version of Parley reads format ${trainedModelFormat}`);
  }
  const locales = Object.keys(model.locales);
  const trainedLocales = Object.keys(trained.locales);
  const missing = locales.filter((locale) => !Object.hasOwn(trained.locales, locale));
  const extra = trainedLocales.filter((locale) => !Object.hasOwn(model.locales, locale));
  if (missing.length > 0 || extra.length > 0) {
    throw mismatch(`its locales are ${trainedLocales.join(', ') || 'none'}, the intents' ${locales.join(', ') || 'none'}`);
  }
  const restored = new Map<string, LocaleParts>();
  for (const [locale, localeModel] of Object.entries(model.locales)) {
    const trainedLocale = trained.locales[locale]!;
    const known = new Set(localeModel.intents.map((intent) => intent.name));
    const taggedIntents = trainedLocale.slotTagger?.intents.map((tagger) => tagger.intent) ?? [];
    const unknown = [...trainedLocale.classifier.intents, ...taggedIntents].find((intent) => !known.has(intent));
    if (unknown !== undefined) throw mismatch(`it knows intent ${unknown}, which the ${locale} intents do not have`);
    restored.set(locale, restoreLocale(localeModel, trainedLocale));
  }
  return restored;
}

function mismatch(reason: string): ParleyError {
  return new ParleyError('configuration', `the trained model does not belong to these intents: ${reason}; train it again from them (parley build)`);
}
