/**
 * Providers `parley nlu eval` reaches through a policy file (`--policy`): a Lex V2 bot, a CLU
 * deployment, or the router over all of them. The clouds answer from the bot already deployed, so
 * "training" one only creates its client; the local providers among them train on the evaluation's data.
 */
import { ConfigurationError } from '../../core/errors.js';
import { createRecognizerFromConfig } from '../config/create-recognizer-from-config.js';
import type { NluConfig, ProviderConfig } from '../config/nlu-config-schema.js';
import { localProvider, type EvaluationProvider } from './providers.js';

const kindOf: Record<string, ProviderConfig['kind']> = { lex: 'lex-v2', clu: 'azure-clu' };

const deployedNote = (names: string[]) =>
  `${names.join(' and ')} ${names.length > 1 ? 'answer' : 'answers'} from the bot already deployed, which is not retrained here: if it was built from these utterances (k-fold, or a dataset's test split), the figures are optimistic`;

/**
 * `router` (the file's policy over its providers), a provider by its name in the file, `lex` / `clu`
 * for the file's one provider of that kind, or `local` (the file's local provider, else the default
 * one). Throws a ConfigurationError naming `--provider`.
 *
 * @example
 * const provider = findConfiguredProvider('router', loadNluConfigFile('policy.yaml'));
 * const report = await evaluateDataset(dataset, { provider, file: 'data.json' });
 */
export function findConfiguredProvider(name: string, nlu: NluConfig): EvaluationProvider {
  if (name === localProvider.name && !nlu.providers[name]) return localProvider;
  const names = Object.keys(nlu.providers);
  if (name === 'router') {
    if (nlu.policy === undefined) throw new ConfigurationError('--provider', `router needs a policy in the --policy file; add one, or evaluate one of its providers: ${names.join(', ')}`);
    const remote = names.filter((each) => nlu.providers[each]!.kind !== 'local');
    return {
      name,
      ...(remote.length > 0 ? { note: deployedNote(remote) } : {}),
      async train(model, settings) {
        if (settings.threshold !== undefined) throw new ConfigurationError('--threshold', "the router's threshold is its policy's (threshold in each route); leave --threshold out");
        return createRecognizerFromConfig(nlu, { model });
      },
    };
  }
  const chosen = nlu.providers[name] ? name : onlyOfKind(name, nlu);
  const config = nlu.providers[chosen]!;
  return {
    name,
    ...(config.kind === 'local' ? {} : { note: deployedNote([name]) }),
    async train(model, settings) {
      // Alone, not behind the router: its raw scores are what a calibration is fitted to.
      const own = settings.threshold === undefined ? config : { ...config, threshold: settings.threshold };
      return createRecognizerFromConfig({ providers: { [chosen]: own } }, { model });
    },
  };
}

function onlyOfKind(name: string, nlu: NluConfig): string {
  const names = Object.keys(nlu.providers);
  const kind = kindOf[name];
  const matching = kind ? names.filter((each) => nlu.providers[each]!.kind === kind) : [];
  if (matching.length === 1) return matching[0]!;
  if (matching.length > 1) throw new ConfigurationError('--provider', `the --policy file has several ${kind} providers (${matching.join(', ')}); name one: --provider ${matching[0]}`);
  const choices = [...names, 'router'].join(', ');
  throw new ConfigurationError('--provider', kind ? `the --policy file has no ${kind} provider; add one, or choose ${choices}` : `unknown provider "${name}"; the --policy file has ${choices}`);
}
