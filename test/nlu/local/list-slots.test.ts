import { describe, expect, it } from 'vitest';
import { buildIntentModel, createLocalRecognizer, defineIntent, defineSlotType } from 'parley-sdk';
import { withTaggedSlots } from '../../../src/nlu/local/tagger/slot-entities.js';
import { buildTaggedTexts } from '../../../src/nlu/local/tagger/tagged-texts.js';
import { findEntities } from '../../../src/slots/find-entities.js';
import { clock } from './recognizer-fixture.js';

// Half-and-half pizzas: two slots that take several toppings each, of one type, told apart only by
// the words around them, which only the slot tagger reads.
const model = buildIntentModel({
  locale: 'en-US',
  intents: [
    defineIntent({
      name: 'OrderHalfAndHalf',
      utterances: [
        'half {left=pepperoni and olives} and half {right=mushroom}',
        'half {left=onions} half {right=peppers and olives}',
        'I want half {left=mushroom} and the other half {right=pepperoni}',
        'one side {left=olives and onions}, the other side {right=pepperoni}',
        'a half and half with {left=peppers} on one half and {right=mushroom and onions} on the other',
        'half and half please, {left=pepperoni} and {right=olives}',
        'can I get half {left=pepperoni, mushroom and peppers} and half {right=onions}',
        'split it: {left=olives} on one side, {right=peppers and pepperoni} on the other',
        'a half and half pizza',
        'I would like a pizza split in two halves',
      ],
      slots: [
        { name: 'left', type: 'Topping', multiple: true, prompt: 'What goes on the first half?' },
        { name: 'right', type: 'Topping', multiple: true, prompt: 'And on the other half?' },
      ],
    }),
    defineIntent({
      name: 'OrderSide',
      utterances: ['a side of {side=olives}', 'can I get some {side=peppers} on the side', 'add a side of {side=onions}', 'I want a side order'],
      slots: [{ name: 'side', type: 'Topping', prompt: 'Which side?' }],
    }),
    defineIntent({ name: 'Hello', utterances: ['hello', 'hi there', 'good morning', 'hey'] }),
  ],
  slotTypes: [defineSlotType({ name: 'Topping', values: ['pepperoni', 'mushroom', 'olives', 'peppers', 'onions'] })],
});
const locale = model.locales['en-US']!;

describe('the local recognizer and slots that take several values', () => {
  it('learns each value of a list example as a span of its own, and a one-value slot keeps its example whole', () => {
    const texts = buildTaggedTexts(locale);
    const halves = texts.find((entry) => entry.intent === 'OrderHalfAndHalf')!.texts.find((text) => text.text === 'half pepperoni and olives and half mushroom')!;
    expect(halves.spans.map((span) => `${span.slot}:${halves.text.slice(span.start, span.end)}`)).toEqual(['left:pepperoni', 'left:olives', 'right:mushroom']);
  });

  it('reads every value of a list type inside words tagged as one slot', () => {
    const context = { slotTypes: locale.slotTypes, locale: 'en-US', now: clock.now(), timeZone: clock.timeZone };
    const text = 'half pepperoni and olives';
    const span = { slot: 'left', type: 'Topping', start: 5, end: text.length };
    expect(withTaggedSlots(text, findEntities(text, context), [span], context).map(({ slot, value }) => `${slot}:${value}`)).toEqual(['left:pepperoni', 'left:olives']);
  });

  it('hands several values of one type to the slots they were said for', async () => {
    const recognizer = createLocalRecognizer({ model });
    const recognition = await recognizer.recognize({ text: 'half olives and mushroom and half peppers and onions', locale: 'en-US', now: clock.now(), timeZone: clock.timeZone });
    expect(recognition.topIntent).toBe('OrderHalfAndHalf');
    expect(recognition.entities.map(({ slot, value }) => `${slot}:${value}`)).toEqual(['left:olives', 'left:mushroom', 'right:peppers', 'right:onions']);
  });
});
