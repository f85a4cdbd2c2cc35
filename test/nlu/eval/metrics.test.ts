import { describe, expect, it } from 'vitest';
import { confusionCells, mostConfusedPairs, percentile, scoreIntents, scoreOutOfScope } from '../../../src/nlu/eval/metrics.js';
import { scoreSlots } from '../../../src/nlu/eval/slot-metrics.js';

const pair = (expected: string | null, predicted: string | null) => ({ expected, predicted });

// 10 in-scope examples over a, b, c, and 2 out of scope:
//   a: 4 examples -> a a a b      b: 3 -> b b (out of scope)      c: 3 -> c a c
const pairs = [
  pair('a', 'a'), pair('a', 'a'), pair('a', 'a'), pair('a', 'b'),
  pair('b', 'b'), pair('b', 'b'), pair('b', null),
  pair('c', 'c'), pair('c', 'a'), pair('c', 'c'),
  pair(null, null), pair(null, 'c'),
];

describe('intent metrics', () => {
  const metrics = scoreIntents(pairs);
  const byIntent = Object.fromEntries(metrics.perIntent.map((each) => [each.intent, each]));

  it('counts accuracy over in-scope examples only, with out of scope as wrong', () => {
    expect(metrics.examples).toBe(10);
    expect(metrics.accuracy).toBeCloseTo(7 / 10);
  });

  it('gives per-intent precision, recall and F1', () => {
    // a: predicted 4 times (3 right), labelled 4 times.
    expect(byIntent.a).toMatchObject({ support: 4, predicted: 4, correct: 3, rejected: 0, precision: 0.75, recall: 0.75, f1: 0.75 });
    // b: predicted 3 times (2 right), labelled 3 times, one rejected.
    expect(byIntent.b).toMatchObject({ support: 3, predicted: 3, correct: 2, rejected: 1 });
    expect(byIntent.b!.precision).toBeCloseTo(2 / 3);
    expect(byIntent.b!.recall).toBeCloseTo(2 / 3);
    // c: predicted twice (both right), labelled 3 times; the out-of-scope example predicted c is not counted here.
    expect(byIntent.c).toMatchObject({ precision: 1, support: 3, predicted: 2 });
    expect(byIntent.c!.recall).toBeCloseTo(2 / 3);
    expect(byIntent.c!.f1).toBeCloseTo(0.8);
  });

  it('averages macro-F1 over intents, unweighted', () => {
    expect(metrics.macroF1).toBeCloseTo((0.75 + 2 / 3 + 0.8) / 3);
    expect(metrics.macroPrecision).toBeCloseTo((0.75 + 2 / 3 + 1) / 3);
    expect(metrics.macroRecall).toBeCloseTo((0.75 + 2 / 3 + 2 / 3) / 3);
  });

  it('gives an intent that is predicted but never right precision 0 and counts it in the macro mean', () => {
    const metrics = scoreIntents([pair('a', 'a'), pair('a', 'z')]);
    expect(metrics.perIntent.map((each) => [each.intent, each.precision, each.recall, each.f1])).toEqual([
      ['a', 1, 0.5, 2 / 3],
      ['z', 0, 0, 0],
    ]);
    expect(metrics.macroF1).toBeCloseTo(1 / 3);
  });

  it('lists confusion cells, most frequent first, and the most confused intent pairs without out of scope', () => {
    const cells = confusionCells(pairs);
    expect(cells[0]).toEqual({ expected: 'a', predicted: 'a', count: 3 });
    expect(cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(pairs.length);
    expect(cells).toContainEqual({ expected: 'b', predicted: null, count: 1 });
    expect(mostConfusedPairs(cells, 10)).toEqual([
      { expected: 'a', predicted: 'b', count: 1 },
      { expected: 'c', predicted: 'a', count: 1 },
    ]);
    expect(mostConfusedPairs(cells, 1)).toHaveLength(1);
  });

  it('scores out of scope: recall over out-of-scope examples, precision over everything flagged', () => {
    // Flagged: (b, null) and (null, null); caught 1 of 2 out-of-scope examples.
    expect(scoreOutOfScope(pairs)).toEqual({ support: 2, flagged: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(scoreOutOfScope([pair('a', 'a')])).toBeUndefined();
    expect(scoreOutOfScope([pair(null, 'a')])).toEqual({ support: 1, flagged: 0, precision: 0, recall: 0, f1: 0 });
  });
});

describe('slot metrics', () => {
  const slot = (name: string, start: number, end: number, value: string) => ({ name, start, end, value });
  const found = (name: string, start: number, end: number, text: string) => ({ name, start, end, text });

  it('scores exact spans and values separately', () => {
    const metrics = scoreSlots([
      // "fly from Paris to Rome": both right.
      { expected: [slot('from', 9, 14, 'Paris'), slot('to', 18, 22, 'Rome')], predicted: [found('from', 9, 14, 'Paris'), found('to', 18, 22, 'Rome')] },
      // Right words for `to` at another offset (value match only), a wrong slot name, and one missed.
      { expected: [slot('to', 3, 7, 'Oslo'), slot('from', 10, 14, 'Nice'), slot('date', 15, 20, 'today')], predicted: [found('to', 4, 8, 'oslo'), found('to', 10, 14, 'Nice')] },
    ])!;
    expect(metrics.expected).toBe(5);
    expect(metrics.predicted).toBe(4);
    expect(metrics.span).toEqual({ precision: 2 / 4, recall: 2 / 5, f1: (2 * 0.5 * 0.4) / 0.9 });
    expect(metrics.value.precision).toBeCloseTo(3 / 4);
    expect(metrics.value.recall).toBeCloseTo(3 / 5);
    const to = metrics.perSlot.find((each) => each.slot === 'to')!;
    expect(to).toMatchObject({ expected: 2, predicted: 3 });
    expect(to.span.precision).toBeCloseTo(1 / 3);
    expect(to.value.recall).toBe(1);
    expect(metrics.perSlot.find((each) => each.slot === 'date')).toMatchObject({ expected: 1, predicted: 0, span: { precision: 0, recall: 0, f1: 0 } });
  });

  it('matches each labelled slot at most once', () => {
    const metrics = scoreSlots([{ expected: [slot('a', 0, 1, 'x')], predicted: [found('a', 0, 1, 'x'), found('a', 0, 1, 'x')] }])!;
    expect(metrics.span).toMatchObject({ precision: 0.5, recall: 1 });
  });

  it('is undefined when nothing is labelled', () => {
    expect(scoreSlots([{ expected: [], predicted: [found('a', 0, 1, 'x')] }])).toBeUndefined();
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});
