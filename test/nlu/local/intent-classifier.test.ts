import { describe, expect, it } from 'vitest';
import { trainIntentClassifier } from '../../../src/nlu/local/intent-classifier.js';
import { findEntities } from '../../../src/slots/find-entities.js';
import { clock } from './recognizer-fixture.js';
import { heldOutParaphrases, outOfDomainSentences, telecomEnglish } from './telecom-model.js';

const context = { slotTypes: telecomEnglish.slotTypes, locale: 'en-US', now: clock.now(), timeZone: clock.timeZone };
const findValues = (text: string) => findEntities(text, context);
const probes = ['where is my order', 'I need a technician', 'my bill is too high', 'hello'];

describe('trainIntentClassifier', () => {
  const plain = trainIntentClassifier(telecomEnglish, findValues);

  it('lists every intent once, without the background class', () => {
    const names = plain.classify('where is my order', []).ranked.map((intent) => intent.name);
    expect(names.sort()).toEqual(telecomEnglish.intents.map((intent) => intent.name).sort());
  });

  it('gives most of the probability to the background class for an everyday message', () => {
    const classification = plain.classify('how do I bake banana bread', findValues('how do I bake banana bread'));
    expect(classification.outOfScope).toBeGreaterThan(0.5);
  });

  it('ranks nothing for a message of dates, times or numbers alone, but reads list values as words', () => {
    expect(plain.classify('friday at 3pm', findValues('friday at 3pm')).ranked).toEqual([]);
    expect(plain.classify('a repair', findValues('a repair')).ranked[0]?.name).toBe('BookAppointment');
  });

  it('reports how much of a message it can read', () => {
    expect(plain.classify('where is my order', []).coverage).toBe(1);
    expect(plain.classify('qzxv wkjp', []).coverage).toBeLessThan(0.5);
    expect(plain.classify('', [])).toEqual({ ranked: [], outOfScope: 1, coverage: 0, featureCount: 0 });
  });

  it('gives the same probabilities whatever the order of the intents and their utterances', () => {
    const reversed = {
      ...telecomEnglish,
      intents: [...telecomEnglish.intents].reverse().map((intent) => ({ ...intent, utterances: [...intent.utterances].reverse() })),
    };
    const other = trainIntentClassifier(reversed, findValues);
    for (const text of probes) expect(other.classify(text, findValues(text))).toEqual(plain.classify(text, findValues(text)));
  });

  it('calibrates its confidences on held-out folds without changing what it ranks first', () => {
    const uncalibrated = trainIntentClassifier(telecomEnglish, findValues, { calibrationFolds: 0 });
    for (const text of probes) {
      const before = uncalibrated.classify(text, findValues(text));
      const after = plain.classify(text, findValues(text));
      expect(after.ranked[0]!.name).toBe(before.ranked[0]!.name);
      expect(after.ranked[0]!.confidence).not.toBeCloseTo(before.ranked[0]!.confidence, 3);
    }
  });

  it('means what it says: on unseen paraphrases its confidence is close to how often it is right', () => {
    let right = 0;
    let confidence = 0;
    for (const [text, expected] of heldOutParaphrases) {
      const best = plain.classify(text, findValues(text)).ranked[0]!;
      right += best.name === expected ? 1 : 0;
      confidence += best.confidence;
    }
    const accuracy = right / heldOutParaphrases.length;
    const meanConfidence = confidence / heldOutParaphrases.length;
    expect(Math.abs(meanConfidence - accuracy), `accuracy ${accuracy.toFixed(2)}, mean confidence ${meanConfidence.toFixed(2)}`).toBeLessThan(0.15);
    const everyday = outOfDomainSentences.map((text) => plain.classify(text, findValues(text)).ranked[0]!.confidence);
    expect(Math.max(...everyday)).toBeLessThan(meanConfidence);
  });
});
