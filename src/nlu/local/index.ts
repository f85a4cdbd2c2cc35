// The embedded recognizer's public surface.
export { createLocalRecognizer, type LocalRecognizerOptions } from './local-recognizer.js';
export { defaultClassifierSettings, type ClassifierSettings } from './classifier-settings.js';
export { resolveModelLocale } from './resolve-locale.js';
