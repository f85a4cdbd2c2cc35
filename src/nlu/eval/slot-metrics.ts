/**
 * Slot figures: a predicted slot counts when it has the labelled slot's name and exactly its span
 * (`span`), or its name and its words, wherever they are (`value`; case and spacing ignored).
 */
import { score, type Score } from './metrics.js';
import type { ExpectedSlot, PredictedSlot } from './prediction.js';

export interface SlotScore {
  slot: string;
  expected: number;
  predicted: number;
  span: Score;
  value: Score;
}

export interface SlotMetrics {
  /** Labelled slots in the test set. */
  expected: number;
  /** Slots the recognizer tied to a slot name. */
  predicted: number;
  span: Score;
  value: Score;
  /** Sorted by slot name. */
  perSlot: SlotScore[];
}

interface Counts {
  expected: number;
  predicted: number;
  spanCorrect: number;
  valueCorrect: number;
}

/**
 * Scores the slots of each utterance against its labels. Undefined when no utterance has labelled slots.
 *
 * @example
 * scoreSlots([{ expected: [{ name: 'city', start: 3, end: 8, value: 'Paris' }], predicted: [{ name: 'city', start: 3, end: 8, text: 'paris' }] }]).span.f1 // 1
 */
export function scoreSlots(utterances: readonly { expected: readonly ExpectedSlot[]; predicted: readonly PredictedSlot[] }[]): SlotMetrics | undefined {
  if (!utterances.some((utterance) => utterance.expected.length > 0)) return undefined;
  const bySlot = new Map<string, Counts>();
  const countsOf = (slot: string) => {
    let counts = bySlot.get(slot);
    if (!counts) bySlot.set(slot, (counts = { expected: 0, predicted: 0, spanCorrect: 0, valueCorrect: 0 }));
    return counts;
  };
  for (const { expected, predicted } of utterances) {
    for (const slot of expected) countsOf(slot.name).expected++;
    for (const slot of predicted) countsOf(slot.name).predicted++;
    for (const [slot, matched] of matches(expected.map(spanKey), predicted.map(spanKey))) countsOf(slot).spanCorrect += matched;
    const expectedValues = expected.map((slot) => ({ name: slot.name, key: valueKey(slot.name, slot.value) }));
    const predictedValues = predicted.map((slot) => ({ name: slot.name, key: valueKey(slot.name, slot.text) }));
    for (const [slot, matched] of matches(expectedValues, predictedValues)) countsOf(slot).valueCorrect += matched;
  }
  const total: Counts = { expected: 0, predicted: 0, spanCorrect: 0, valueCorrect: 0 };
  const perSlot = [...bySlot.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([slot, counts]) => {
      total.expected += counts.expected;
      total.predicted += counts.predicted;
      total.spanCorrect += counts.spanCorrect;
      total.valueCorrect += counts.valueCorrect;
      return { slot, expected: counts.expected, predicted: counts.predicted, ...scores(counts) };
    });
  return { expected: total.expected, predicted: total.predicted, ...scores(total), perSlot };
}

function scores(counts: Counts): { span: Score; value: Score } {
  return {
    span: score(counts.spanCorrect, counts.predicted, counts.expected),
    value: score(counts.valueCorrect, counts.predicted, counts.expected),
  };
}

function spanKey(slot: { name: string; start: number; end: number }): { name: string; key: string } {
  return { name: slot.name, key: `${slot.name}\u0000${slot.start}\u0000${slot.end}` };
}

function valueKey(name: string, words: string): string {
  return `${name}\u0000${words.toLowerCase().replace(/\s+/g, ' ').trim()}`;
}

/** Matches per slot name, each expected key matched at most once (multiset intersection). */
function matches(expected: readonly { name: string; key: string }[], predicted: readonly { name: string; key: string }[]): Map<string, number> {
  const left = new Map<string, number>();
  for (const { key } of expected) left.set(key, (left.get(key) ?? 0) + 1);
  const matched = new Map<string, number>();
  for (const { name, key } of predicted) {
    const remaining = left.get(key) ?? 0;
    if (remaining === 0) continue;
    left.set(key, remaining - 1);
    matched.set(name, (matched.get(name) ?? 0) + 1);
  }
  return matched;
}
