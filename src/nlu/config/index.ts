// Understanding from config: the `nlu` section (providers, router settings, policy) to a Recognizer.
export { createRecognizerFromConfig, type RecognizerFromConfigOptions } from './create-recognizer-from-config.js';
export { parseNluConfig, nluConfigSchema, type NluConfig, type NluConfigInput, type ProviderConfig, type ProviderSettingsConfig } from './nlu-config-schema.js';
export { loadNluConfigFile } from './load-nlu-config-file.js';
export { readCalibrationFile, writeCalibrationFile, type CalibrationFile } from './calibration-file.js';
