import { describe, expect, it } from 'vitest';
import { buildIntentModel, createEngine, defineDialog, defineIntent, defineSlotType, fixedClock, type Recognition } from 'parley-sdk';

const model = buildIntentModel({
  locale: 'en-US',
  intents: [
    defineIntent({
      name: 'OrderPizza',
      utterances: ['a pizza'],
      slots: [
        { name: 'topping', type: 'Topping', prompt: 'What topping?' },
        { name: 'cheese', type: 'Cheese', prompt: 'What cheese?' },
      ],
    }),
  ],
  slotTypes: [
    defineSlotType({ name: 'Topping', values: ['pepperoni', 'mushroom', 'olives', 'peppers'] }),
    defineSlotType({ name: 'Cheese', values: ['mozzarella', 'cheddar', 'gouda', 'brie', 'feta', 'parmesan', 'ricotta'] }),
  ],
});
const turn = { conversationId: 'c1', locale: 'en-US', clock: fixedClock('2030-03-04') };
const dialogs = [defineDialog({ intent: 'OrderPizza', fulfil: () => 'Ordered.' })];

/** What a recognizer gives for words a closed list does not have. */
function saying(text: string, slot: string, type: string, intent: string | null = null): Recognition {
  return {
    text,
    locale: 'en-US',
    intents: intent ? [{ name: intent, confidence: 0.9 }] : [],
    topIntent: intent,
    entities: [],
    unlisted: [{ slot, type, text, start: 0, end: text.length }],
    provider: 'scripted',
    latencyMs: 0,
  };
}

async function messagesAfter(engine: ReturnType<typeof createEngine>, ...recognitions: Recognition[]): Promise<string[]> {
  let state;
  let said: string[] = [];
  for (const recognition of recognitions) {
    const step = await engine.step(state, recognition, turn);
    state = step.state;
    said = step.messages.map((message) => message.text);
  }
  return said;
}

const start: Recognition = { text: 'a pizza', locale: 'en-US', intents: [{ name: 'OrderPizza', confidence: 0.9 }], topIntent: 'OrderPizza', entities: [], provider: 'scripted', latencyMs: 0 };

describe('an answer a closed list does not have', () => {
  const engine = createEngine({ model, dialogs, defaultLocale: 'en-US' });

  it('is told, with the options joined as the engine joins lists, then the question again', async () => {
    expect(await messagesAfter(engine, start, saying('anchovies', 'topping', 'Topping'))).toEqual([
      "We don't have anchovies. You can choose pepperoni, mushroom, olives or peppers.",
      'What topping?',
    ]);
  });

  it('of a list too long to read out gets the shorter line', async () => {
    const pepperoni = { ...start, text: 'pepperoni', topIntent: null, intents: [], entities: [{ type: 'Topping', slot: 'topping', text: 'pepperoni', start: 0, end: 9, value: 'pepperoni', confidence: 1 }] };
    expect(await messagesAfter(engine, start, pepperoni, saying('stilton', 'cheese', 'Cheese'))).toEqual(["Sorry, we don't have stilton.", 'What cheese?']);
  });

  it('counts as a failed answer: retries run out as for any other', async () => {
    const said = await messagesAfter(engine, start, saying('anchovies', 'topping', 'Topping'), saying('anchovies', 'topping', 'Topping'), saying('anchovies', 'topping', 'Topping'));
    expect(said.join(' ')).toMatch(/connect you with a person/);
  });

  it('in the message that starts the dialog is told before the first question', async () => {
    expect(await messagesAfter(engine, saying('anchovies', 'topping', 'Topping', 'OrderPizza'))).toEqual([
      "We don't have anchovies. You can choose pepperoni, mushroom, olives or peppers.",
      'What topping?',
    ]);
  });

  it('is said in the words a bot gives per locale', async () => {
    const spoken = createEngine({ model, dialogs, defaultLocale: 'en-US', messages: { en: { notAnOption: 'No {value} here, sorry: we have {options}.' } } });
    expect((await messagesAfter(spoken, start, saying('anchovies', 'topping', 'Topping')))[0]).toBe('No anchovies here, sorry: we have pepperoni, mushroom, olives or peppers.');
  });
});
