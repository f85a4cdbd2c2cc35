/**
 * The model artefact: a bot's intent model and its trained local recognizer in one JSON file, keyed
 * by what they were made from. `parley build` writes it; a start that finds it loads it in a few
 * milliseconds instead of parsing the intent files and training (model-cache.ts).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import * as z from 'zod';
import { intentFilePaths, intentsFolderPath } from '../content/read-intents.js';
import type { IntentModel } from '../content/intent-model.js';
import { ParleyError } from '../core/errors.js';
import { parseOnce } from '../core/parse-once.js';
import { packageInfo } from '../core/package-info.js';
import { defaultClassifierSettings, type ClassifierSettings } from '../nlu/local/classifier-settings.js';
import { decodeTrainedModel, encodeTrainedModel } from '../nlu/local/trained-model-json.js';
import { trainedModelFormat, type TrainedLocalModel } from '../nlu/local/trained-model.js';
import { replaceFile } from '../state/conversation-files.js';

/** The version of the artefact's envelope; the trained model inside has its own (`trainedModelFormat`). */
export const modelArtefactFormat = 1;

export interface ModelArtefact {
  format: typeof modelArtefactFormat;
  /** `modelArtefactKey` of what it was made from: the intents, Parley's version, the training settings. */
  key: string;
  /** The version of Parley that trained it. */
  parleyVersion: string;
  /** The intent model, as loading the intent files gave it. */
  intents: IntentModel;
  trained: TrainedLocalModel;
}

/** Hex digits of the key in an artefact's file name: enough to tell a folder's few artefacts apart. */
const keyPrefixLength = 16;
/** `model-<keyPrefixLength hex>.json`. */
const artefactName = /^model-[0-9a-f]{16}\.json$/;

/**
 * What a bot's model is made from, as a sha256 (hex): the intent files' paths (relative to their
 * folder) and bytes, or an intent model given as data, with Parley's version, the trained model's
 * format and the training settings. The files are read, not parsed: a few milliseconds.
 *
 * @example
 * const key = await modelArtefactKey(new URL('./intents/', import.meta.url));
 */
export async function modelArtefactKey(intents: string | URL | IntentModel, training?: Partial<ClassifierSettings>): Promise<string> {
  const hash = createHash('sha256');
  const settings = { ...defaultClassifierSettings, ...training };
  hash.update(JSON.stringify(['parley model', modelArtefactFormat, trainedModelFormat, packageInfo().version, settings]));
  if (typeof intents === 'object' && 'locales' in intents) {
    hash.update(`\nmodel\n${JSON.stringify(intents)}`);
    return hash.digest('hex');
  }
  const root = intentsFolderPath(intents);
  for (const file of await intentFilePaths(root)) {
    const bytes = await readFile(file);
    hash.update(`\n${relative(root, file).split(sep).join('/')}\n${bytes.length}\n`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/**
 * The artefact of a key in a folder: `<directory>/model-<first 16 hex digits of the key>.json`.
 *
 * @example
 * modelArtefactFile('.parley/model', key) // '.parley/model/model-3f2a9c0b12d4e5f6.json'
 */
export function modelArtefactFile(directory: string, key: string): string {
  return join(directory, `model-${key.slice(0, keyPrefixLength)}.json`);
}

/**
 * Whether a file name is one `modelArtefactFile` gives.
 *
 * @example
 * isModelArtefactName('model-3f2a9c0b12d4e5f6.json') // true
 */
export function isModelArtefactName(name: string): boolean {
  return artefactName.test(name);
}

/**
 * Reads an artefact, checking its shape and the length of every table. Throws a ParleyError (code
 * `model-artefact`) for a file that is missing, not JSON, of another format, or damaged.
 *
 * @example
 * const artefact = await readModelArtefact('.parley/model/model-3f2a9c0b12d4e5f6.json');
 * const recognizer = createLocalRecognizer({ model: artefact.intents, trained: artefact.trained });
 */
export async function readModelArtefact(file: string): Promise<ModelArtefact> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ParleyError('model-artefact', `cannot read the model artefact ${file}: ${error instanceof Error ? error.message : String(error)}; write it with parley build`, { cause: error });
  }
  return parseModelArtefact(text, file);
}

/** An artefact from its text; `file` only names it in errors. */
function parseModelArtefact(text: string, file: string): ModelArtefact {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged(file, 'it is not JSON (cut short?)');
  }
  const envelope = envelopeSchema.safeParse(json, parseOnce);
  if (!envelope.success) {
    const issue = envelope.error.issues[0]!;
    throw damaged(file, `${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  try {
    const { format, key, parleyVersion, trained } = envelope.data;
    // The intents as parsed, not zod's copy of them.
    return { format, key, parleyVersion, intents: (json as { intents: IntentModel }).intents, trained: decodeTrainedModel(trained) };
  } catch (error) {
    throw damaged(file, error instanceof Error ? error.message : String(error));
  }
}

/**
 * Writes an artefact (a `.json` file; its folder is created) atomically: to a temporary file beside
 * it, flushed, then renamed over it, so that a reader never sees half of one.
 *
 * @example
 * await writeModelArtefact(modelArtefactFile('.parley/model', artefact.key), artefact);
 */
export async function writeModelArtefact(file: string, artefact: ModelArtefact): Promise<void> {
  if (!file.endsWith('.json')) throw new ParleyError('configuration', `a model artefact is a .json file, not ${file}`);
  const { trained, ...rest } = artefact;
  await mkdir(dirname(file), { recursive: true });
  await replaceFile(file, `${JSON.stringify({ ...rest, trained: encodeTrainedModel(trained) })}\n`);
}

// The intent model was checked when its files were loaded: here, only that it is one.
const localeSchema = z.looseObject({
  locale: z.string(),
  intents: z.array(z.looseObject({ name: z.string(), utterances: z.array(z.unknown()), slots: z.array(z.unknown()) })),
  slotTypes: z.array(z.looseObject({ name: z.string() })),
});
const envelopeSchema = z.strictObject({
  format: z.literal(modelArtefactFormat),
  key: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex'),
  parleyVersion: z.string(),
  intents: z.looseObject({ locales: z.record(z.string(), localeSchema) }),
  trained: z.unknown(),
});

function damaged(file: string, problem: string): ParleyError {
  return new ParleyError('model-artefact', `the model artefact ${file} is damaged or of another version: ${problem}`);
}
