import { describe, expect, it } from 'vitest';
import type { Intent, LocaleModel, Utterance } from '../../../src/content/intent-model.js';
import { parseDataset } from '../../../src/nlu/eval/dataset.js';
import { datasetToIntentModel } from '../../../src/nlu/eval/dataset-model.js';
import { labelUtterance, splitIntoFolds } from '../../../src/nlu/eval/folds.js';
import { localProvider } from '../../../src/nlu/eval/providers.js';
import { evaluateFolds } from '../../../src/nlu/eval/run-evaluation.js';
import { tinyDataset } from './tiny-dataset.js';

const said = (text: string): Utterance => ({ parts: [{ kind: 'text', text }] });
const intent = (name: string, count: number): Intent => ({ name, slots: [], utterances: Array.from({ length: count }, (_, index) => said(`${name} ${index}`)) });

const locale: LocaleModel = {
  locale: 'en-US',
  intents: [
    intent('Alpha', 10),
    intent('Beta', 7),
    intent('Lonely', 1),
    {
      name: 'Book',
      slots: [{ name: 'day', type: 'date', required: true, aliases: [] }, { name: 'service', type: 'Service', required: true, aliases: [] }],
      utterances: [
        { parts: [{ kind: 'text', text: 'book ' }, { kind: 'slot', slot: 'service' }, { kind: 'text', text: ' for ' }, { kind: 'slot', slot: 'day' }] },
        { parts: [{ kind: 'text', text: 'a ' }, { kind: 'slot', slot: 'service', example: 'fix' }, { kind: 'text', text: ' please' }] },
        said('book a visit'),
      ],
    },
  ],
  slotTypes: [{ kind: 'list', name: 'Service', restrict: true, values: [{ value: 'repair', synonyms: [] }] }],
};

describe('stratified folds', () => {
  const folds = splitIntoFolds(locale, 3);

  it('tests every utterance exactly once, except those of an intent with only one', () => {
    const tested = folds.flatMap((fold) => fold.test.map((each) => each.text));
    expect(tested).toHaveLength(10 + 7 + 3);
    expect(new Set(tested).size).toBe(tested.length);
    expect(tested.some((text) => text.startsWith('Lonely'))).toBe(false);
  });

  it('holds about 1/k of each intent in each fold, and folds of equal size', () => {
    for (const name of ['Alpha', 'Beta', 'Book']) {
      const perFold = folds.map((fold) => fold.test.filter((each) => each.intent === name).length);
      expect(Math.max(...perFold) - Math.min(...perFold), `${name}: ${perFold.join(', ')}`).toBeLessThanOrEqual(1);
    }
    const sizes = folds.map((fold) => fold.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('trains each fold on everything else, slot types included', () => {
    for (const fold of folds) {
      const trained = fold.train.intents.flatMap((each) => each.utterances.map((utterance) => labelUtterance(each, utterance, locale).text));
      expect(trained.filter((text) => fold.test.some((each) => each.text === text))).toEqual([]);
      expect(trained.length + fold.test.length).toBe(21);
      expect(fold.train.slotTypes).toBe(locale.slotTypes);
    }
  });

  it('is the same for the same seed, and another for another seed', () => {
    const texts = (seed?: number) => splitIntoFolds(locale, 3, seed).map((fold) => fold.test.map((each) => each.text));
    expect(texts()).toEqual(texts());
    expect(texts(7)).toEqual(texts(7));
    expect(texts(7)).not.toEqual(texts(8));
  });

  it('says a value for a slot without an example, and labels its span', () => {
    const book = locale.intents[3]!;
    expect(labelUtterance(book, book.utterances[0]!, locale)).toEqual({
      text: 'book repair for tomorrow',
      intent: 'Book',
      slots: [
        { name: 'service', start: 5, end: 11, value: 'repair' },
        { name: 'day', start: 16, end: 24, value: 'tomorrow' },
      ],
    });
    expect(labelUtterance(book, book.utterances[1]!, locale).slots).toEqual([{ name: 'service', start: 2, end: 5, value: 'fix' }]);
  });
});

describe('cross-validating with the local recognizer', () => {
  it('scores every held-out utterance once and reports the figures', async () => {
    const dataset = parseDataset(tinyDataset, 'tiny.json');
    const { model } = datasetToIntentModel(dataset.intents, dataset.train);
    const report = await evaluateFolds(model.locales['en-US']!, { folds: 3, folder: 'tiny', provider: localProvider });
    expect(report.source).toEqual({ kind: 'folds', folder: 'tiny', folds: 3, seed: 20300304 });
    expect(report.counts.test).toBe(18);
    expect(report.perIntent.reduce((sum, each) => sum + each.support, 0)).toBe(18);
    // Twelve training utterances are too few for the recognizer to trust an answer; it still ranks them.
    expect(report.rankedAccuracy).toBeGreaterThan(0.3);
    expect(report.trainMs).toBeGreaterThan(0);
    expect(report.slots?.expected).toBe(9);
    expect(report.oosRecall).toBeNull();
  });
});
