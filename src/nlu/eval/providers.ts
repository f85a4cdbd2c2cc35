/**
 * The recognizers `parley nlu eval` can train and test. Only the local recognizer for now; Lex V2,
 * CLU and the router are added here as providers, each training from the same intent model.
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

const providers: ReadonlyMap<string, EvaluationProvider> = new Map([[localProvider.name, localProvider]]);
const planned = ['lex', 'clu', 'router'];

/**
 * The provider of that name. Throws `ConfigurationError` naming `--provider` and the choices.
 *
 * @example
 * findProvider('local').name // 'local'
 */
export function findProvider(name: string): EvaluationProvider {
  const provider = providers.get(name);
  if (provider) return provider;
  const later = planned.includes(name) ? `${name} is not supported yet; ` : `unknown provider "${name}"; `;
  throw new ConfigurationError('--provider', `${later}use ${[...providers.keys()].join(' or ')}`);
}
