import { describe, expect, it } from 'vitest';
import type { IntentModel } from '../../../src/content/intent-model.js';
import { createLocalRecognizer } from '../../../src/nlu/local/index.js';
import { createSeededRandom, shuffleInPlace } from '../../../src/core/seeded-random.js';
import { recognize } from './recognizer-fixture.js';
import { heldOutParaphrases, telecomEnglish, telecomModel } from './telecom-model.js';

const probes = ['where is my order', 'book a repair for friday', 'my internet is down', 'what is the weather', ...heldOutParaphrases.slice(0, 10).map(([text]) => text)];

function shuffledModel(seed: number): IntentModel {
  const random = createSeededRandom(seed);
  const intents = shuffleInPlace(
    telecomEnglish.intents.map((intent) => ({ ...intent, utterances: shuffleInPlace([...intent.utterances], random) })),
    random,
  );
  return { locales: { 'en-US': { ...telecomEnglish, intents, slotTypes: shuffleInPlace([...telecomEnglish.slotTypes], random) } } };
}

async function readAll(model: IntentModel) {
  const recognizer = createLocalRecognizer({ model });
  return Promise.all(probes.map(async (text) => (await recognize(text, {}, recognizer)).intents));
}

describe('local recognizer: determinism', () => {
  it('gives the same probabilities when trained twice on the same model', async () => {
    expect(await readAll(telecomModel())).toEqual(await readAll(telecomModel()));
  });

  it('does not depend on the order of intents, utterances or slot types', async () => {
    const original = await readAll(telecomModel());
    for (const seed of [1, 2]) {
      const shuffled = await readAll(shuffledModel(seed));
      expect(shuffled.map((intents) => intents[0]?.name)).toEqual(original.map((intents) => intents[0]?.name));
      shuffled.forEach((intents, index) => {
        intents.forEach((intent, rank) => expect(intent.confidence).toBeCloseTo(original[index]![rank]!.confidence, 12));
      });
    }
  });
});
