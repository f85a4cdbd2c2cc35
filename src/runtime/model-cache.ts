/**
 * A folder of model artefacts that a start reads before it would train: the artefact of the bot's
 * intents as they are now (by key) is loaded when present and sound; otherwise the intents are loaded
 * and trained as always, and the artefact written for the next start. The cache can only make a start
 * faster: a damaged artefact or a failed write is a warning, never a failed start.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { loadIntents } from '../content/read-intents.js';
import type { IntentModel } from '../content/intent-model.js';
import { packageInfo } from '../core/package-info.js';
import type { ClassifierSettings } from '../nlu/local/classifier-settings.js';
import { trainLocalModel, type TrainedLocalModel } from '../nlu/local/trained-model.js';
import { errorCode } from '../state/fs-error-code.js';
import { isModelArtefactName, modelArtefactFile, modelArtefactFormat, modelArtefactKey, readModelArtefact, writeModelArtefact, type ModelArtefact } from './model-artefact.js';

export interface ModelCacheOptions {
  /** The folder of artefacts (created when one is written). */
  directory: string;
  /** Only read: never write or remove an artefact (a read-only file system, a deployed bundle). */
  readOnly?: boolean;
  /** Told what happened at start. Default: warnings on standard error, nothing else. */
  report?: (event: ModelCacheEvent) => void;
}

export type ModelCacheEvent =
  | { kind: 'loaded'; file: string; ms: number }
  /** `file`: where the artefact was written; absent when read-only, or when the write failed (a warning says why). */
  | { kind: 'trained'; ms: number; file?: string }
  | { kind: 'warning'; message: string };

/** A bot's intent model and its trained local recognizer. */
export interface LoadedModel {
  model: IntentModel;
  trained: TrainedLocalModel;
}

/** Artefacts kept in a folder besides the newest: a few bots (or branches) sharing it do not retrain each other's. */
const olderArtefactsKept = 2;

/**
 * The bot's model from the cache when its artefact is there, else loaded and trained (and the
 * artefact written, unless read-only). Errors in the intent files throw as `loadIntents` does.
 *
 * @example
 * const { model, trained } = await loadOrTrainModel(definition.intents, { directory: '.parley/model' });
 * const recognizer = createLocalRecognizer({ model, trained });
 */
export async function loadOrTrainModel(intents: string | URL | IntentModel, cache: ModelCacheOptions, training?: Partial<ClassifierSettings>): Promise<LoadedModel> {
  const report = cache.report ?? ((event) => event.kind === 'warning' && console.error(`parley: ${event.message}`));
  // A folder that cannot be read has no key: loading it says what is wrong with it.
  const keyOf = () => modelArtefactKey(intents, training).catch(() => undefined);
  const key = await keyOf();
  const loaded = key === undefined ? undefined : await loadArtefact(modelArtefactFile(cache.directory, key), key, report);
  if (loaded) return loaded;
  const started = performance.now();
  const model = await loadIntentModel(intents);
  const fresh = { model, trained: trainLocalModel(model, training) };
  const ms = performance.now() - started;
  // Files saved while the model was made would make the artefact lie about its key: it is kept only if they did not change.
  if (key === undefined || cache.readOnly || (await keyOf()) !== key) {
    report({ kind: 'trained', ms });
    return fresh;
  }
  try {
    const file = await saveArtefact(cache.directory, { format: modelArtefactFormat, key, parleyVersion: packageInfo().version, intents: model, trained: fresh.trained });
    report({ kind: 'trained', ms, file });
  } catch (error) {
    report({ kind: 'warning', message: `could not keep the trained model in ${cache.directory} (${describe(error)}); the next start trains again` });
    report({ kind: 'trained', ms });
  }
  return fresh;
}

/**
 * Writes an artefact into a cache folder, then removes the folder's older artefacts beyond the few
 * newest: the folder does not grow with every change of the intents. Returns the artefact's file.
 *
 * @example
 * const file = await saveArtefact('.parley/model', artefact);
 */
export async function saveArtefact(directory: string, artefact: ModelArtefact): Promise<string> {
  const file = modelArtefactFile(directory, artefact.key);
  await writeModelArtefact(file, artefact);
  const kept = basename(file);
  // Removing old ones is tidying: a folder that cannot be listed leaves them.
  const others = await Promise.all(
    (await readdir(directory).catch(() => []))
      .filter((name) => name !== kept && isModelArtefactName(name))
      .map(async (name) => ({ name, modified: (await stat(join(directory, name)).catch(() => undefined))?.mtimeMs ?? 0 })),
  );
  others.sort((a, b) => b.modified - a.modified || (a.name < b.name ? -1 : 1));
  for (const { name } of others.slice(olderArtefactsKept)) await rm(join(directory, name), { force: true });
  return file;
}

/**
 * The intent model a bot definition names: loaded from its folder, or as given.
 *
 * @example
 * const model = await loadIntentModel(definition.intents);
 */
export async function loadIntentModel(intents: string | URL | IntentModel): Promise<IntentModel> {
  return typeof intents === 'object' && 'locales' in intents ? intents : loadIntents(intents);
}

/** The artefact of this key, when the file is there and sound; a damaged one is a warning. */
async function loadArtefact(file: string, key: string, report: (event: ModelCacheEvent) => void): Promise<LoadedModel | undefined> {
  const started = performance.now();
  let artefact: ModelArtefact;
  try {
    artefact = await readModelArtefact(file);
  } catch (error) {
    // No file, or no folder: nothing cached yet, which is no news.
    const code = errorCode((error as Error).cause);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') report({ kind: 'warning', message: `${describe(error)}; training again` });
    return undefined;
  }
  if (artefact.key !== key) {
    report({ kind: 'warning', message: `the model artefact ${file} was made from other intents (its key differs); training again` });
    return undefined;
  }
  report({ kind: 'loaded', file, ms: performance.now() - started });
  return { model: artefact.intents, trained: artefact.trained };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
