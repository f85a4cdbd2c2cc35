// The embedded recognizer's public surface.
export { createLocalRecognizer, type LocalRecognizerOptions } from './local-recognizer.js';
export { resolveModelLocale } from './resolve-locale.js';
