// The embedded recognizer's public surface.
export { createLocalRecognizer, type LocalRecognizerOptions } from './local-recognizer.js';
export { defaultClassifierSettings, type ClassifierSettings } from './classifier-settings.js';
export { resolveModelLocale } from './resolve-locale.js';
export { trainLocalModel, trainedModelFormat, type TrainedLocalModel, type TrainedLocale } from './trained-model.js';
export { decodeTrainedModel, encodeTrainedModel, type TrainedLocalModelJson } from './trained-model-json.js';
