// The Azure CLU recognizer's public surface. The Azure SDK itself loads only on the first call.
export { createCluRecognizer, type CluRecognizerOptions, type CluClient } from './clu-recognizer.js';
export { mapCluResult, cluProvider, type CluMappingOptions } from './map-clu-result.js';
export { toCluCallError } from './clu-call-error.js';
export { readCluDateTime, type DateTimeValue } from './read-clu-date-time.js';
