/**
 * `parley build [bot-module]`: trains the bot's recognizer and writes its model artefact, which
 * `parley serve` and `parley chat` then load at start instead of training (docs/runtime.md).
 */
import { stat } from 'node:fs/promises';
import { Command } from 'commander';
import { ConfigurationError } from '../core/errors.js';
import { packageInfo } from '../core/package-info.js';
import { trainLocalModel } from '../nlu/local/trained-model.js';
import { defaultModelCache, loadRuntimeConfig, modelCacheOf } from '../runtime/config.js';
import { modelArtefactFormat, modelArtefactKey } from '../runtime/model-artefact.js';
import { loadIntentModel, saveArtefact } from '../runtime/model-cache.js';
import { loadBotModule } from './load-bot-module.js';

interface BuildOptions {
  out?: string;
  config?: string;
}

export function buildCommand(): Command {
  return new Command('build')
    .description("train the bot's recognizer and write its model artefact, which parley serve and parley chat load instead of training")
    .argument('[bot-module]', 'module whose default export is defineBot({...}) (default: the config, else bot.ts, else dialogs/index.ts)')
    .option('-o, --out <directory>', `the folder to write it in (default: the config's modelCache, else ${defaultModelCache})`)
    .option('-c, --config <file>', 'a config file (default parley.config.yaml or .json if present)')
    .action(async (module: string | undefined, options: BuildOptions) => {
      const config = loadRuntimeConfig({ file: options.config, overrides: { bot: module } });
      const directory = options.out ?? modelCacheOf(config)?.directory ?? defaultModelCache;
      const { intents } = await loadBotModule(config.bot);
      // A folder that cannot be read has no key yet: loading it says what is wrong with it.
      const keyBefore = await modelArtefactKey(intents).catch(() => undefined);
      const model = await loadIntentModel(intents);
      const started = performance.now();
      const trained = trainLocalModel(model);
      const trainedInMs = performance.now() - started;
      const key = await modelArtefactKey(intents);
      if (keyBefore !== undefined && key !== keyBefore) {
        throw new ConfigurationError('intents', 'the intent files changed while the model was trained; run parley build again');
      }
      const file = await saveArtefact(directory, { format: modelArtefactFormat, key, parleyVersion: packageInfo().version, intents: model, trained });
      const { size } = await stat(file);
      console.log(`wrote ${file}: key ${key.slice(0, 16)}, ${formatSize(size)}, trained in ${Math.round(trainedInMs)} ms`);
    });
}

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
