import { describe, expect, it } from 'vitest';
import { parseConversationTests } from 'parley-sdk/testing';
import type { ConversationView } from '../../src/core/turn.js';
import { compareView } from '../../src/testing/state-expectation.js';

const view = (slots: ConversationView['slots']): ConversationView => ({ intent: null, dialog: 'OrderPizza', awaiting: 'confirmation', slots, handoff: null, ended: false });

describe('conversation tests and slots that hold a list', () => {
  it('read a list in an expect step', () => {
    const { tests, problems } = parseConversationTests('name: t\nsteps:\n  - user: hi\n  - expect: { slots: { toppings: [pepperoni, mushroom], count: [1, "2"] } }\n', 't.yaml');
    expect(problems).toEqual([]);
    expect(tests[0]!.steps[1]).toMatchObject({ kind: 'expect', expected: { slots: { toppings: ['pepperoni', 'mushroom'], count: [1, '2'] } } });
  });

  it('match a list in the same order, values as text, and never a single value', () => {
    expect(compareView({ slots: { toppings: ['pepperoni', 'mushroom'], count: ['7'] } }, view({ toppings: ['pepperoni', 'mushroom'], count: [7] }))).toEqual([]);
    expect(compareView({ slots: { toppings: ['mushroom', 'pepperoni'] } }, view({ toppings: ['pepperoni', 'mushroom'] }))).toEqual([
      'slots.toppings: expected ["mushroom","pepperoni"], got ["pepperoni","mushroom"]',
    ]);
    expect(compareView({ slots: { toppings: 'pepperoni' } }, view({ toppings: ['pepperoni'] }))).toEqual(['slots.toppings: expected "pepperoni", got ["pepperoni"]']);
    expect(compareView({ slots: { toppings: ['pepperoni'] } }, view({}))).toEqual(['slots.toppings: expected ["pepperoni"], got null']);
    expect(compareView({ slots: { toppings: null } }, view({}))).toEqual([]);
  });
});
