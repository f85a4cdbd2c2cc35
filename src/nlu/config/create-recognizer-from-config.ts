/**
 * From an `nlu` section to a Recognizer: each provider created by its factory (vendor SDKs still load
 * on the first call), behind a router when there is a policy.
 */
import type { LexRuntimeV2ClientConfig } from '@aws-sdk/client-lex-runtime-v2';
import type { IntentModel } from '../../content/intent-model.js';
import { ConfigurationError } from '../../core/errors.js';
import { createCluRecognizer } from '../azure-clu/clu-recognizer.js';
import { createLexV2Recognizer } from '../lex-v2/lex-v2-recognizer.js';
import { createLocalRecognizer, type TrainedLocalModel } from '../local/index.js';
import type { Recognizer } from '../recognizer.js';
import type { Calibration } from '../router/calibration.js';
import { defaultBreaker } from '../router/circuit-breaker.js';
import { createRouter, type RouterOptions } from '../router/create-router.js';
import type { ProviderSettings } from '../router/provider-call.js';
import { readCalibrationFile } from './calibration-file.js';
import { parseNluConfig, type NluConfigInput, type ProviderConfig, type ProviderSettingsConfig } from './nlu-config-schema.js';

export interface RecognizerFromConfigOptions {
  /** The bot's intents: the local recognizer trains on them; Lex and CLU read slot types from them. */
  model: IntentModel;
  /** The local recognizer's training of `model` (`trainLocalModel`, a model artefact): used instead of training. */
  trained?: TrainedLocalModel;
  /** Where `apiKeyEnv` is looked up (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * AWS credentials for every Lex provider, instead of the SDK's default chain (`AWS_ACCESS_KEY_ID` and
   * `AWS_SECRET_ACCESS_KEY`, the profile, the instance role). For code that holds them already, and
   * for tests against `startLexRuntimeEmulator` (any keys do).
   */
  awsCredentials?: LexRuntimeV2ClientConfig['credentials'];
  /** A shadow provider's answer compared with the one used (see RouterOptions). */
  onShadow?: RouterOptions['onShadow'];
}

/**
 * Builds the recognizer an `nlu` section describes: a Router when it has a policy, else its one
 * provider. Validates the section first (errors name `nlu.<key>` and the fix).
 *
 * @example
 * const recognizer = createRecognizerFromConfig({
 *   providers: {
 *     lex: { kind: 'lex-v2', botId: 'ABCDEFGHIJ', botAliasId: 'TSTALIASID', region: 'us-east-1' },
 *     local: { kind: 'local' },
 *   },
 *   settings: { lex: { timeoutMs: 300, calibrationFile: 'calibration/lex.json' } },
 *   policy: { default: { strategy: 'fallback', providers: ['lex', 'local'] }, lastResort: 'local' },
 * }, { model });
 * const bot = await createBot({ ...definition, intents: model }, { recognizer });
 */
export function createRecognizerFromConfig(input: NluConfigInput, options: RecognizerFromConfigOptions): Recognizer {
  const nlu = parseNluConfig(input);
  const providers = Object.fromEntries(Object.entries(nlu.providers).map(([name, config]) => [name, createProvider(name, config, options)]));
  if (nlu.policy === undefined) return Object.values(providers)[0]!;
  const settings = Object.fromEntries(Object.entries(nlu.settings ?? {}).map(([name, each]) => [name, routerSettings(name, each)]));
  return createRouter({ providers, policy: nlu.policy, settings, ...(options.onShadow ? { onShadow: options.onShadow } : {}) });
}

function createProvider(name: string, config: ProviderConfig, options: RecognizerFromConfigOptions): Recognizer {
  const { model, trained } = options;
  const threshold = config.threshold === undefined ? {} : { threshold: config.threshold };
  switch (config.kind) {
    case 'local':
      return createLocalRecognizer({ model, ...threshold, ...(trained ? { trained } : {}) });
    case 'lex-v2': {
      // Retries are the router's (settings.<name>.retries): the SDK makes one attempt.
      const clientConfig: LexRuntimeV2ClientConfig = { maxAttempts: 1 };
      if (config.endpoint) clientConfig.endpoint = config.endpoint;
      if (options.awsCredentials) clientConfig.credentials = options.awsCredentials;
      const localeId = config.localeId === undefined ? {} : { localeId: config.localeId };
      return createLexV2Recognizer({ botId: config.botId, botAliasId: config.botAliasId, region: config.region, clientConfig, model, ...localeId, ...threshold });
    }
    case 'azure-clu': {
      const key = (options.env ?? process.env)[config.apiKeyEnv];
      if (!key) {
        // The name is shown only when it reads like one: a key pasted here by mistake must not be printed.
        const variable = /^[A-Z][A-Z0-9_]*$/.test(config.apiKeyEnv) ? `the environment variable ${config.apiKeyEnv}` : 'the environment variable it names (not shown: it is not written like one, LIKE_THIS)';
        throw new ConfigurationError(`nlu.providers.${name}.apiKeyEnv`, `${variable} is not set; set it to the key of the Language resource (any value for parley emulate clu)`);
      }
      return createCluRecognizer({
        endpoint: config.endpoint,
        // A KeyCredential is `{ key }`: no need to load @azure/core-auth for it.
        credential: { key },
        projectName: config.projectName,
        deploymentName: config.deploymentName,
        clientOptions: { allowInsecureConnection: config.allowInsecureConnection === true },
        model,
        ...threshold,
      });
    }
  }
}

function routerSettings(name: string, config: ProviderSettingsConfig): Partial<ProviderSettings> {
  const { breaker, calibration, calibrationFile, ...rest } = config;
  const settings: Partial<ProviderSettings> = { ...rest };
  if (breaker) settings.breaker = { ...defaultBreaker, ...breaker };
  const curve: Calibration | undefined = calibrationFile ? readCalibrationFile(calibrationFile, `nlu.settings.${name}.calibrationFile`) : calibration;
  if (curve) settings.calibration = curve;
  return settings;
}
