/**
 * The recognizers `parley nlu eval` can train and test: the local recognizer, and with a policy file
 * Lex V2, CLU or the router (see configured-providers.ts), each given the same intent model.
 */
import type { IntentModel } from '../../content/intent-model.js';
import { ConfigurationError } from '../../core/errors.js';
import { createLocalRecognizer } from '../local/index.js';
import type { Recognizer } from '../recognizer.js';

export interface ProviderSettings {
  /** The recognizer's own confidence threshold, where it has one; its default otherwise. */
  threshold?: number;
}

/** Trains a recognizer from an intent model, ready to be tested. */
export interface EvaluationProvider {
  readonly name: string;
  /** How to read its figures, added to the report's notes (a deployed bot is not retrained, say). */
  readonly note?: string;
  train(model: IntentModel, settings: ProviderSettings): Promise<Recognizer>;
}

/**
 * The embedded recognizer, trained in this process.
 *
 * @example
 * const recognizer = await localProvider.train(model, {})
 */
export const localProvider: EvaluationProvider = {
  name: 'local',
  async train(model, settings) {
    return createLocalRecognizer(settings.threshold === undefined ? { model } : { model, threshold: settings.threshold });
  },
};

const needPolicy = ['lex', 'clu', 'router'];

/**
 * The provider of that name when there is no policy file: `local`. Throws `ConfigurationError` naming
 * the option and the choices (`lex`, `clu` and `router` need a policy file: see
 * `findConfiguredProvider`).
 *
 * @example
 * findProvider('local').name // 'local'
 */
export function findProvider(name: string): EvaluationProvider {
  if (name === localProvider.name) return localProvider;
  if (needPolicy.includes(name)) {
    throw new ConfigurationError('--policy', `--provider ${name} needs --policy <file>: YAML or JSON with the providers (and for router, the policy); see docs/understanding.md`);
  }
  throw new ConfigurationError('--provider', `unknown provider "${name}"; use local, or lex, clu or router with --policy <file>`);
}
