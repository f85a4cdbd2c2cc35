import { describe, expect, it } from 'vitest';
import { englishStem } from '../../../src/nlu/local/english-stem.js';
import { buildFeatureSpace, classifierWords, coverageOf, extractFeatures, featureHash, vectorize } from '../../../src/nlu/local/text-features.js';

const plain = (...words: string[]) => ({ plain: words, typed: words });

describe('classifierWords', () => {
  it('reads the words as written, and with values replaced by their type tokens', () => {
    expect(
      classifierWords('Book a REPAIR for tomorrow at 3pm!', [
        { start: 7, end: 13, type: 'ServiceType' },
        { start: 18, end: 33, type: 'date' },
        { start: 18, end: 33, type: 'time' },
      ]),
    ).toEqual({
      plain: ['book', 'a', 'repair', 'for', 'tomorrow', 'at', '3pm'],
      typed: ['book', 'a', '__servicetype__', 'for', '__date__', '__time__'],
    });
  });

  it('lower-cases and folds accents and apostrophes', () => {
    expect(classifierWords("Ça n'est PAS", []).plain).toEqual(['ca', 'nest', 'pas']);
  });

  it('stops after a bounded number of words', () => {
    expect(classifierWords('word '.repeat(1000), [], 200).plain).toHaveLength(200);
  });
});

describe('extractFeatures and vectorize', () => {
  it('hashes words, bigrams, char n-grams within words and, when asked, stems', () => {
    const features = extractFeatures(plain('where', 'is', 'it'), true);
    const words = new Set(features.words);
    const chars = new Set(features.chars);
    for (const name of ['w:where', 'b:<s> where', 'b:is it', 'b:it </s>', 'm:wher']) expect(words.has(featureHash(name)), name).toBe(true);
    for (const name of ['c: wh', 'c:ere ', 'c: is ']) expect(chars.has(featureHash(name)), name).toBe(true);
    expect(new Set(extractFeatures(plain('where'), false).words).has(featureHash('m:wher'))).toBe(false);
  });

  it('adds each type token and the bigrams it makes, never spelled out in char n-grams', () => {
    const features = extractFeatures({ plain: ['where', 'is', 'ab123'], typed: ['where', 'is', '__ordernumber__'] });
    const words = new Set(features.words);
    for (const name of ['w:ab123', 'b:is ab123', 'w:__ordernumber__', 'b:is __ordernumber__', 'b:__ordernumber__ </s>']) {
      expect(words.has(featureHash(name)), name).toBe(true);
    }
    // The bigram of two plain words is counted once, from the plain words.
    expect(features.words.filter((hash) => hash === featureHash('b:where is'))).toHaveLength(1);
    expect(new Set(features.chars).has(featureHash('c:__o'))).toBe(false);
  });

  it('gives unit-length vectors over the known features only', () => {
    const space = buildFeatureSpace([extractFeatures(plain('reset', 'my', 'password')), extractFeatures(plain('where', 'is', 'my', 'order'))]);
    const vector = vectorize(space, extractFeatures(plain('reset', 'my', 'router')));
    const norm = Math.sqrt(vector.values.reduce((sum, value) => sum + value * value, 0));
    expect(norm).toBeCloseTo(1, 6);
    expect(vector.indices).toContain(space.index.get(featureHash('w:reset')));
    expect(space.index.has(featureHash('w:router'))).toBe(false);
    expect(Array.from(vector.indices)).toEqual([...vector.indices].sort((a, b) => a - b));
    expect(vectorize(space, extractFeatures(plain('zzzz'))).indices).toHaveLength(0);
  });

  it('weighs rare features above common ones, and can leave out features seen once or the rarest', () => {
    const documents = [extractFeatures(plain('my', 'bill')), extractFeatures(plain('my', 'order')), extractFeatures(plain('my', 'password'))];
    const space = buildFeatureSpace(documents);
    expect(space.idf[space.index.get(featureHash('w:bill'))!]).toBeGreaterThan(space.idf[space.index.get(featureHash('w:my'))!]!);
    const common = buildFeatureSpace(documents, 2);
    expect(common.index.has(featureHash('w:my'))).toBe(true);
    expect(common.index.has(featureHash('w:bill'))).toBe(false);
    const fewest = buildFeatureSpace(documents, 1, 3);
    expect(fewest.index.size).toBe(3);
    expect(fewest.index.has(featureHash('w:my'))).toBe(true);
  });

  it('counts a text once per feature, however often and in whichever block it holds it', () => {
    const documents = [
      { words: [5, 5, -3], chars: [-3, 9, 5] },
      { words: [9], chars: [] },
      { words: [], chars: [] },
      { words: [], chars: [9, 9] },
    ];
    const space = buildFeatureSpace(documents);
    // Positions follow the hashes, ascending.
    expect(Array.from(space.index)).toEqual([
      [-3, 0],
      [5, 1],
      [9, 2],
    ]);
    const idf = (frequency: number) => Math.log((1 + 4) / (1 + frequency)) + 1;
    expect(Array.from(space.idf)).toEqual([idf(1), idf(1), idf(3)]);
  });

  it('does not depend on the order of the texts', () => {
    const documents = [plain('my', 'bill'), plain('my', 'order'), plain('reset', 'password')].map((words) => extractFeatures(words, true));
    const forward = buildFeatureSpace(documents);
    const backward = buildFeatureSpace([...documents].reverse());
    expect(Array.from(backward.index)).toEqual(Array.from(forward.index));
    expect(Array.from(backward.idf)).toEqual(Array.from(forward.idf));
  });

  it('says how much of a text it has seen, typos counting in part', () => {
    const space = buildFeatureSpace([extractFeatures(plain('where', 'is', 'my', 'order'))]);
    expect(coverageOf(['where', 'is', 'my', 'order'], space)).toBe(1);
    const typo = coverageOf(['where', 'is', 'my', 'ordr'], space);
    expect(typo).toBeGreaterThan(0.6);
    expect(typo).toBeLessThan(1);
    expect(coverageOf(['qzxv'], space)).toBe(0);
    expect(coverageOf(['where', '__date__'], space)).toBe(1);
  });
});

describe('englishStem', () => {
  it('brings inflections of a word together', () => {
    expect(new Set(['charged', 'charges', 'charge', 'charging'].map(englishStem))).toEqual(new Set(['charg']));
    expect(new Set(['shipped', 'ship', 'shipping'].map(englishStem))).toEqual(new Set(['ship']));
    expect(englishStem('payment')).toBe('pay');
    expect(englishStem('bill')).toBe('bill');
  });
});
