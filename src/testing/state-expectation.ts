/** Compares a conversation view with what a test expects: only the keys given, slots loosely typed. */
import type { ConversationView, SlotValue } from '../core/turn.js';

export interface StateExpectation {
  intent?: string | null;
  dialog?: string | null;
  awaiting?: string | null;
  /**
   * A slot given as null must be unfilled. Values compare as text (`94105` equals "94105"); a list
   * (of a `multiple` slot) matches the slot's list in the same order.
   */
  slots?: Record<string, SlotValue | null>;
  handoff?: { queue: string } | null;
  ended?: boolean;
}

/** The differences, one line each; empty when the view meets the expectation. */
export function compareView(expected: StateExpectation, actual: ConversationView): string[] {
  const differences: string[] = [];
  const same = (a: unknown, b: unknown): boolean => {
    if (a === null || a === undefined) return b === null || b === undefined;
    if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => same(item, b[index]));
    return String(a) === String(b);
  };
  for (const key of ['intent', 'dialog', 'awaiting', 'ended'] as const) {
    if (key in expected && !same(expected[key], actual[key])) {
      differences.push(`${key}: expected ${JSON.stringify(expected[key])}, got ${JSON.stringify(actual[key])}`);
    }
  }
  if ('handoff' in expected) {
    const want = expected.handoff;
    if (!same(want?.queue ?? null, actual.handoff?.queue ?? null)) {
      differences.push(`handoff: expected ${JSON.stringify(want)}, got ${JSON.stringify(actual.handoff)}`);
    }
  }
  for (const [slot, value] of Object.entries(expected.slots ?? {})) {
    if (!same(value, actual.slots[slot])) {
      differences.push(`slots.${slot}: expected ${JSON.stringify(value)}, got ${JSON.stringify(actual.slots[slot] ?? null)}`);
    }
  }
  return differences;
}
