import { describe, expect, it } from 'vitest';
import { englishStem } from '../../../src/nlu/local/english-stem.js';
import { buildFeatureSpace, classifierWords, countFeatures, vectorize } from '../../../src/nlu/local/text-features.js';

describe('classifierWords', () => {
  it('replaces values with their type tokens', () => {
    expect(
      classifierWords('Book a REPAIR for tomorrow at 3pm!', [
        { start: 7, end: 13, type: 'ServiceType' },
        { start: 18, end: 33, type: 'date' },
        { start: 18, end: 33, type: 'time' },
      ]),
    ).toEqual(['book', 'a', '__servicetype__', 'for', '__date__', '__time__']);
  });

  it('lower-cases and folds accents and apostrophes', () => {
    expect(classifierWords("Ça n'est PAS", [])).toEqual(['ca', 'nest', 'pas']);
  });

  it('stops after a bounded number of words', () => {
    expect(classifierWords('word '.repeat(1000), [], 200)).toHaveLength(200);
  });
});

describe('countFeatures and vectorize', () => {
  it('counts words, bigrams, char n-grams and, when asked, stems', () => {
    const counts = countFeatures(['where', 'is', '__date__'], true);
    expect(counts.get('w:where')).toBe(1);
    expect(counts.get('b:<s> where')).toBe(1);
    expect(counts.get('b:is __date__')).toBe(1);
    expect(counts.get('b:__date__ </s>')).toBe(1);
    expect(counts.get('c: wh')).toBe(1);
    expect(counts.get('c:here ')).toBe(1);
    expect(counts.get('m:wher')).toBe(1);
    expect(Array.from(counts.keys()).some((feature) => feature.startsWith('c:') && feature.includes('__'))).toBe(false);
    expect(countFeatures(['where'], false).has('m:wher')).toBe(false);
  });

  it('gives unit-length vectors over the known features only', () => {
    const space = buildFeatureSpace([countFeatures(['reset', 'my', 'password']), countFeatures(['where', 'is', 'my', 'order'])]);
    const vector = vectorize(space, countFeatures(['reset', 'my', 'router']));
    const norm = Math.sqrt(vector.values.reduce((sum, value) => sum + value * value, 0));
    expect(norm).toBeCloseTo(1, 12);
    expect(vector.indices).toContain(space.index.get('w:reset'));
    expect(space.index.has('w:router')).toBe(false);
    expect(Array.from(vector.indices)).toEqual([...vector.indices].sort((a, b) => a - b));
    expect(vectorize(space, countFeatures(['zzzz'])).indices).toHaveLength(0);
  });

  it('weighs rare features above common ones', () => {
    const space = buildFeatureSpace([countFeatures(['my', 'bill']), countFeatures(['my', 'order']), countFeatures(['my', 'password'])]);
    expect(space.idf[space.index.get('w:bill')!]).toBeGreaterThan(space.idf[space.index.get('w:my')!]!);
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
