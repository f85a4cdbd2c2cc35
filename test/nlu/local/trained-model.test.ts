// The trained local model as data: a recognizer made from it (after a trip through its JSON file)
// recognizes exactly as a freshly trained one, and a damaged or foreign one is refused.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadIntents, utteranceText } from '../../../src/content/index.js';
import type { IntentModel } from '../../../src/content/intent-model.js';
import { createLocalRecognizer, decodeTrainedModel, encodeTrainedModel, trainLocalModel, type TrainedLocalModel } from '../../../src/nlu/local/index.js';
import type { Expectation, Recognition, Recognizer } from '../../../src/nlu/recognizer.js';
import { modelArtefactFormat, modelArtefactKey, readModelArtefact, writeModelArtefact } from '../../../src/runtime/model-artefact.js';
import { packageInfo } from '../../../src/core/package-info.js';
import { loadConversationTests } from '../../../src/testing/conversation-test-file.js';
import { model as pizzaModel } from '../../fixtures-small-bot.js';
import { musicModel, unseenValues } from './slot-tagger-music-model.js';

const intentsFolder = new URL('../../../intents/', import.meta.url);
const scratch = await mkdtemp(join(tmpdir(), 'parley-trained-model-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const outOfScope = ['what is the weather like in paris', 'tell me a joke', '🙂🙂', 'asdf qwer zxcv', '', 'Wie spät ist es?', 'order 66'];

/** Every text a folder of conversation tests says, every sample utterance with its examples filled in, and a few out of scope. */
async function textsOf(model: IntentModel, conversations: URL | undefined, more: readonly string[] = []): Promise<string[]> {
  const tests = conversations ? await loadConversationTests([fileURLToPath(conversations)]) : [];
  const said = tests.flatMap((test) => test.steps.flatMap((step) => (step.kind === 'user' ? [step.text] : [])));
  const utterances = Object.values(model.locales).flatMap((locale) => locale.intents.flatMap((intent) => intent.utterances.map(utteranceText)));
  return Array.from(new Set([...said, ...utterances, ...more, ...outOfScope]));
}

/** Each slot the model asks for, as a question being answered: the expectation path reads values for it first. */
function expectations(model: IntentModel): Expectation[] {
  return Object.values(model.locales).flatMap((locale) =>
    locale.intents.flatMap((intent) => intent.slots.map((slot) => ({ intent: intent.name, slot: slot.name, slotType: slot.type }))),
  );
}

/** Each text read alone, and as the answer to one of the questions (in turn). */
async function recognizeAll(recognizer: Recognizer, texts: readonly string[], asked: readonly Expectation[]): Promise<Omit<Recognition, 'latencyMs'>[]> {
  const now = new Date('2030-03-04T15:00:00Z');
  const readings: Omit<Recognition, 'latencyMs'>[] = [];
  for (const [index, text] of texts.entries()) {
    for (const expecting of [undefined, asked[index % asked.length]]) {
      const { latencyMs: _latency, ...recognition } = await recognizer.recognize({ text, locale: 'en-US', now, timeZone: 'America/New_York', ...(expecting ? { expecting } : {}) });
      readings.push(recognition);
    }
  }
  return readings;
}

/** The readings of a fresh recognizer and of one made from `loaded`, over the same texts. */
async function readBoth(model: IntentModel, loaded: { intents: IntentModel; trained: TrainedLocalModel }, texts: readonly string[]) {
  const asked = expectations(model);
  return {
    fresh: await recognizeAll(createLocalRecognizer({ model }), texts, asked),
    loaded: await recognizeAll(createLocalRecognizer({ model: loaded.intents, trained: loaded.trained }), texts, asked),
  };
}

/** Through JSON and back, as a model artefact holds it. */
function throughJson(model: IntentModel): { intents: IntentModel; trained: TrainedLocalModel } {
  const json = JSON.parse(JSON.stringify({ intents: model, trained: encodeTrainedModel(trainLocalModel(model)) })) as { intents: IntentModel; trained: unknown };
  return { intents: json.intents, trained: decodeTrainedModel(json.trained) };
}

describe('trained local model', () => {
  it('recognizes every test and sample utterance of the reference assistant exactly as a fresh training, after a trip through its file', async () => {
    const model = await loadIntents(intentsFolder);
    const file = join(scratch, 'model-reference.json');
    const key = await modelArtefactKey(intentsFolder);
    await writeModelArtefact(file, { format: modelArtefactFormat, key, parleyVersion: packageInfo().version, intents: model, trained: trainLocalModel(model) });
    const artefact = await readModelArtefact(file);
    expect(artefact.key).toBe(key);

    const texts = await textsOf(model, new URL('../../conversations/', import.meta.url));
    expect(texts.length).toBeGreaterThan(300);
    const { fresh, loaded } = await readBoth(model, artefact, texts);
    expect(loaded).toEqual(fresh);
    // Not vacuous: the readings understand requests, fill slots and reject the rest.
    expect(fresh.filter((reading) => reading.topIntent !== null).length).toBeGreaterThan(texts.length);
    expect(fresh.some((reading) => reading.entities.some((entity) => entity.slot !== undefined))).toBe(true);
    expect(fresh.find((reading) => reading.text === outOfScope[0])?.topIntent).toBeNull();
  });

  it('reads guarded words and unlisted values of closed lists alike (the pizza shop)', async () => {
    const model = await loadIntents(new URL('../../../examples/pizza-shop/intents/', import.meta.url));
    const loaded = throughJson(model);
    expect(loaded.trained.locales['en-US']!.guardedWords.length).toBeGreaterThan(0);
    const texts = await textsOf(model, new URL('../../../examples/pizza-shop/conversations/', import.meta.url), ['get me a person', 'a pizza with anchovies please', 'anchovies']);
    const { fresh, loaded: restored } = await readBoth(model, loaded, texts);
    expect(restored).toEqual(fresh);
    expect(fresh.some((reading) => (reading.unlisted?.length ?? 0) > 0)).toBe(true);
  });

  it('tags open slots alike: values only the slot tagger finds', async () => {
    const model: IntentModel = { locales: { 'en-US': musicModel } };
    const texts = await textsOf(model, undefined, unseenValues.map((example) => example.text));
    const { fresh, loaded } = await readBoth(model, throughJson(model), texts);
    expect(loaded).toEqual(fresh);
    const zorblax = fresh.find((reading) => reading.text === 'play zorblax quintet');
    expect(zorblax?.entities).toContainEqual(expect.objectContaining({ slot: 'artist', text: 'zorblax quintet' }));
  });

  it('keeps its numeric tables exactly through JSON', () => {
    const trained = trainLocalModel(pizzaModel);
    const again = decodeTrainedModel(JSON.parse(JSON.stringify(encodeTrainedModel(trained))));
    expect(again).toEqual(trained);
    expect(again.locales['en-US']!.classifier.weights).toBeInstanceOf(Float32Array);
  });

  it('is refused when it was trained on other intents, naming the difference and the fix', () => {
    const trained = trainLocalModel(pizzaModel);
    const otherLocale: IntentModel = { locales: { 'fr-FR': { ...pizzaModel.locales['en-US']!, locale: 'fr-FR' } } };
    expect(() => createLocalRecognizer({ model: otherLocale, trained })).toThrow(/does not belong to these intents: its locales are en-US, the intents' fr-FR; train it again from them \(parley build\)/);
    const english = pizzaModel.locales['en-US']!;
    const fewerIntents: IntentModel = { locales: { 'en-US': { ...english, intents: english.intents.filter((intent) => intent.name !== 'RequestRefund') } } };
    expect(() => createLocalRecognizer({ model: fewerIntents, trained })).toThrow(/it knows intent RequestRefund, which the en-US intents do not have/);
  });

  it('refuses a damaged table or another format when read, saying where', () => {
    const json = encodeTrainedModel(trainLocalModel(pizzaModel));
    const classifier = json.locales['en-US']!.classifier;
    const cut = { ...json, locales: { 'en-US': { ...json.locales['en-US']!, classifier: { ...classifier, weights: classifier.weights.slice(0, -8) } } } };
    expect(() => decodeTrainedModel(cut)).toThrow(/locales\.en-US\.classifier\.weights: \d+ bytes, not \d+ numbers of 4 bytes/);
    expect(() => decodeTrainedModel({ ...json, format: 99 })).toThrow(/^not a trained model of format 1: format: /);
  });
});
