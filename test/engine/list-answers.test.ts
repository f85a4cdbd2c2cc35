import { describe, expect, it } from 'vitest';
import { addsToList, sameSlotValue } from '../../src/engine/list-answers.js';
import { candidatesFrom, type SlotShape } from '../../src/engine/slot-filling.js';
import { formatSlotValues } from '../../src/engine/format-values.js';
import type { Entity, Recognition } from '../../src/nlu/recognizer.js';

const slots: SlotShape[] = [
  { name: 'size', type: 'PizzaSize', mentions: ['size'] },
  { name: 'toppings', type: 'Topping', mentions: ['toppings'], multiple: true },
];

function recognition(text: string, entities: Array<Partial<Entity> & { value: string; start: number }>, locale = 'en-US'): Recognition {
  return {
    text,
    locale,
    intents: [],
    topIntent: null,
    provider: 'test',
    latencyMs: 0,
    entities: entities.map((entity) => ({ type: 'Topping', text: String(entity.value), end: entity.start + String(entity.value).length, ...entity })),
  };
}

describe('addsToList', () => {
  it.each([
    ['add olives', true],
    ['olives too', true],
    ['also peppers please', true],
    ['olives as well', true],
    ['and onions', true],
    ['plus extra cheese', true],
    ['actually make it olives and peppers', false],
    ['olives and peppers', false],
    ['a toothpick', false],
  ])('%s → %s', (text, adds) => expect(addsToList(text, 'en-US')).toBe(adds));

  it('reads Spanish words, accents or none, and falls back to English for other languages', () => {
    expect(addsToList('también aceitunas', 'es-US')).toBe(true);
    expect(addsToList('anade cebolla', 'es-MX')).toBe(true);
    expect(addsToList('mejor aceitunas y pimientos', 'es-US')).toBe(false);
    expect(addsToList('add olives', 'de-DE')).toBe(true);
  });
});

describe('candidatesFrom, for a slot that holds a list', () => {
  it('takes every value given for the slot, in reading order, tagged or not, each once', () => {
    const said = recognition('olives, pepperoni and olives', [
      { value: 'pepperoni', start: 8, slot: 'toppings' },
      { value: 'olives', start: 0 },
      { value: 'olives', start: 22 },
    ]);
    expect(candidatesFrom(said, slots, {}, 'toppings')).toEqual([{ slot: 'toppings', value: ['olives', 'pepperoni'], text: 'olives pepperoni olives' }]);
  });

  it('puts values a recognizer could not place in the text last', () => {
    const said = recognition('pepperoni', [
      { value: 'onions', start: -1, end: -1 },
      { value: 'pepperoni', start: 0 },
    ]);
    expect(candidatesFrom(said, slots, {}, null)[0]?.value).toEqual(['pepperoni', 'onions']);
  });

  it('replaces what the slot holds, or adds to it when the customer says so; the same list is no change', () => {
    const filled = { toppings: ['pepperoni'] };
    expect(candidatesFrom(recognition('make it olives', [{ value: 'olives', start: 8 }]), slots, filled, 'confirmation')[0]?.value).toEqual(['olives']);
    expect(candidatesFrom(recognition('add olives', [{ value: 'olives', start: 4 }]), slots, filled, 'confirmation')[0]?.value).toEqual(['pepperoni', 'olives']);
    expect(candidatesFrom(recognition('pepperoni too', [{ value: 'pepperoni', start: 0 }]), slots, filled, 'confirmation')).toEqual([]);
    expect(candidatesFrom(recognition('pepperoni', [{ value: 'pepperoni', start: 0 }]), slots, filled, 'confirmation')).toEqual([]);
  });

  it('leaves a one-value slot as it was: the later of two values wins', () => {
    const said = recognition('small, no, large', [
      { type: 'PizzaSize', value: 'small', start: 0 },
      { type: 'PizzaSize', value: 'large', start: 11 },
    ]);
    expect(candidatesFrom(said, slots, {}, 'size')).toEqual([{ slot: 'size', value: 'large', text: 'large' }]);
  });
});

describe('list values in words', () => {
  it('joins a list with the locale word, each value formatted by its type', () => {
    expect(formatSlotValues(['pepperoni', 'mushroom', 'olives'], 'Topping', 'en-US', 'and')).toBe('pepperoni, mushroom and olives');
    expect(formatSlotValues(['pepperoni'], 'Topping', 'en-US', 'and')).toBe('pepperoni');
    expect(formatSlotValues(['aceitunas', 'cebolla'], 'Topping', 'es-US', 'y')).toBe('aceitunas y cebolla');
    expect(formatSlotValues(['2030-03-08', '2030-03-09'], 'date', 'en-US', 'and')).toBe('Friday, March 8 and Saturday, March 9');
    expect(formatSlotValues('2030-03-08', 'date', 'en-US', 'and')).toBe('Friday, March 8');
  });

  it('compares lists element by element, values as text', () => {
    expect(sameSlotValue(['a', 7], ['a', '7'])).toBe(true);
    expect(sameSlotValue(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameSlotValue(['a'], 'a')).toBe(false);
    expect(sameSlotValue(undefined, [])).toBe(false);
  });
});
