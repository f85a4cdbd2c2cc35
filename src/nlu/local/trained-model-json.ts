/**
 * A trained local model as JSON. Its numeric tables (classifier weights and vocabulary, tagger
 * weights: most of its size) are written as the base64 of their bytes, little-endian: a third the
 * size of decimal numbers, exact, and decoded by Node in a few milliseconds where JSON.parse would
 * read a million numbers one by one. Reading checks the shape and every table's length, so a damaged
 * file is refused whole rather than recognizing wrongly.
 */
import { endianness } from 'node:os';
import * as z from 'zod';
import { ParleyError } from '../../core/errors.js';
import { parseOnce } from '../../core/parse-once.js';
import type { TrainedClassifier } from './intent-classifier.js';
import { labelCount } from './tagger/bio-labels.js';
import type { TrainedIntentTagger, TrainedSlotTagger } from './tagger/slot-tagger.js';
import type { TrainedLocale } from './trained-locale.js';
import { trainedModelFormat, type TrainedLocalModel } from './trained-model.js';

const packed = z.string();
const classifierJson = z.strictObject({
  intents: z.array(z.string()),
  stems: z.boolean(),
  temperature: z.number(),
  features: packed,
  idf: packed,
  weights: packed,
  bias: packed,
});
const intentTaggerJson = z.strictObject({
  intent: z.string(),
  slots: z.array(z.string()),
  types: z.array(z.string()),
  features: z.array(z.string()),
  emission: packed,
  transition: packed,
  final: packed,
});
const localeJson = z.strictObject({
  classifier: classifierJson,
  slotTagger: z
    .strictObject({
      intents: z.array(intentTaggerJson),
      examplePhrases: z.array(z.strictObject({ type: z.string(), said: z.string() })),
      templateWords: z.array(z.string()),
    })
    .optional(),
  guardedWords: z.array(z.tuple([z.string(), z.array(z.string())])),
});
const trainedModelJson = z.strictObject({ format: z.literal(trainedModelFormat), locales: z.record(z.string(), localeJson) });

/** `TrainedLocalModel` as written in JSON: its typed arrays as base64 text. */
export type TrainedLocalModelJson = z.output<typeof trainedModelJson>;

/**
 * The trained model as JSON-ready data.
 *
 * @example
 * await writeFile('model.json', JSON.stringify(encodeTrainedModel(trainLocalModel(model))));
 */
export function encodeTrainedModel(trained: TrainedLocalModel): TrainedLocalModelJson {
  const locales: Record<string, z.output<typeof localeJson>> = {};
  for (const [locale, { classifier, slotTagger, guardedWords }] of Object.entries(trained.locales)) {
    locales[locale] = {
      classifier: {
        intents: classifier.intents,
        stems: classifier.stems,
        temperature: classifier.temperature,
        features: pack(classifier.features),
        idf: pack(classifier.idf),
        weights: pack(classifier.weights),
        bias: pack(classifier.bias),
      },
      ...(slotTagger ? { slotTagger: { ...slotTagger, intents: slotTagger.intents.map(encodeIntentTagger) } } : {}),
      guardedWords,
    };
  }
  return { format: trained.format, locales };
}

/**
 * The trained model from what `encodeTrainedModel` wrote (parsed JSON). Throws a ParleyError (code
 * `model-artefact`) naming what is wrong when it is not one, or is of another format.
 *
 * @example
 * const trained = decodeTrainedModel(JSON.parse(await readFile('model.json', 'utf8')));
 */
export function decodeTrainedModel(json: unknown): TrainedLocalModel {
  const parsed = trainedModelJson.safeParse(json, parseOnce);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw damaged(`${issue.path.join('.') || 'the model'}: ${issue.message}`);
  }
  const locales: Record<string, TrainedLocale> = {};
  for (const [locale, { classifier, slotTagger, guardedWords }] of Object.entries(parsed.data.locales)) {
    const at = `locales.${locale}`;
    locales[locale] = {
      classifier: decodeClassifier(classifier, `${at}.classifier`),
      ...(slotTagger ? { slotTagger: decodeSlotTagger(slotTagger, `${at}.slotTagger`) } : {}),
      guardedWords,
    };
  }
  return { format: parsed.data.format, locales };
}

function encodeIntentTagger({ model, ...tagger }: TrainedIntentTagger): z.output<typeof intentTaggerJson> {
  return { ...tagger, emission: pack(model.emission), transition: pack(model.transition), final: pack(model.final) };
}

function decodeClassifier(json: z.output<typeof classifierJson>, at: string): TrainedClassifier {
  const features = unpack(json.features, Int32Array, undefined, `${at}.features`);
  const classes = json.intents.length + 1;
  return {
    intents: json.intents,
    stems: json.stems,
    temperature: json.temperature,
    features,
    idf: unpack(json.idf, Float64Array, features.length, `${at}.idf`),
    weights: unpack(json.weights, Float32Array, features.length * classes, `${at}.weights`),
    bias: unpack(json.bias, Float64Array, classes, `${at}.bias`),
  };
}

function decodeSlotTagger(json: NonNullable<z.output<typeof localeJson>['slotTagger']>, at: string): TrainedSlotTagger {
  const intents = json.intents.map(({ emission, transition, final, ...tagger }, position): TrainedIntentTagger => {
    const where = `${at}.intents.${position}`;
    if (tagger.types.length !== tagger.slots.length) throw damaged(`${where}: ${tagger.types.length} types for ${tagger.slots.length} slots`);
    const width = labelCount(tagger.slots.length);
    const model = {
      labelCount: width,
      emission: unpack(emission, Float32Array, tagger.features.length * width, `${where}.emission`),
      transition: unpack(transition, Float32Array, (width + 1) * width, `${where}.transition`),
      final: unpack(final, Float32Array, width, `${where}.final`),
    };
    return { ...tagger, model };
  });
  return { ...json, intents };
}

type NumberArray = Int32Array | Float32Array | Float64Array;
type NumberArrayType<Array extends NumberArray> = { new (length: number): Array; readonly BYTES_PER_ELEMENT: number };

const bigEndian = endianness() === 'BE';

function pack(array: NumberArray): string {
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return (bigEndian ? swapBytes(Buffer.from(bytes), array.BYTES_PER_ELEMENT) : bytes).toString('base64');
}

/** The numbers base64 text holds; `length` is how many there must be (any whole number of them when undefined). */
function unpack<Array extends NumberArray>(text: string, type: NumberArrayType<Array>, length: number | undefined, at: string): Array {
  const bytes = Buffer.from(text, 'base64');
  const size = type.BYTES_PER_ELEMENT;
  if (length === undefined ? bytes.length % size !== 0 : bytes.length !== length * size) {
    throw damaged(`${at}: ${bytes.length} bytes, not ${length === undefined ? `a whole number of ${size}-byte numbers` : `${length} numbers of ${size} bytes`}`);
  }
  // Copied into an array of its own: the decoded bytes may not be aligned for the array's type.
  const array = new type(bytes.length / size);
  const view = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  view.set(bytes);
  if (bigEndian) swapBytes(view, size);
  return array;
}

function swapBytes(bytes: Buffer, size: number): Buffer {
  return size === 8 ? bytes.swap64() : bytes.swap32();
}

function damaged(problem: string): ParleyError {
  return new ParleyError('model-artefact', `not a trained model of format ${trainedModelFormat}: ${problem}`);
}
