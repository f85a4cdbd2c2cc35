import { describe, expect, it } from 'vitest';
import { buildIntentModel, createBot, defineBot, defineDialog, defineIntent, defineSlotType, DialogDefinitionError, fixedClock, type DialogSpec } from 'parley-sdk';
import { testBot } from 'parley-sdk/testing';

const model = buildIntentModel({
  locale: 'en-US',
  intents: [
    defineIntent({
      name: 'OrderPizza',
      utterances: [
        'I want a pizza',
        'order a {size=large} pizza',
        'a {size=medium} pizza with {toppings=pepperoni and mushroom}',
        'can I get a pizza with {toppings=olives}',
        'pizza please',
      ],
      slots: [
        { name: 'size', type: 'PizzaSize', prompt: 'What size?' },
        { name: 'toppings', type: 'Topping', multiple: true, prompt: 'Which toppings?' },
      ],
      confirmation: { prompt: 'A {size} pizza with {toppings}. OK?' },
    }),
    defineIntent({ name: 'Hello', utterances: ['hello', 'hi', 'hey there', 'good morning'] }),
  ],
  slotTypes: [
    defineSlotType({ name: 'PizzaSize', values: ['small', 'medium', 'large'] }),
    defineSlotType({ name: 'Topping', values: ['pepperoni', { value: 'mushroom', synonyms: ['mushrooms'] }, 'olives', 'peppers', 'onions'] }),
  ],
});

function pizzaBot(overrides: Partial<DialogSpec<{ size: string; toppings: string[] }>> = {}) {
  return defineBot({
    name: 'Pizza',
    intents: model,
    timeZone: 'UTC',
    dialogs: [
      defineDialog<{ size: string; toppings: string[] }>({
        intent: 'OrderPizza',
        fulfil: ({ size, toppings }) => `Baking a ${size} pizza with ${toppings.join(' + ')}.`,
        ...overrides,
      }),
      defineDialog({ intent: 'Hello', fulfil: () => 'Hello!' }),
    ],
  });
}

describe('list slots (multiple: true)', () => {
  const plain = pizzaBot();

  it('keeps every value of one utterance, in the order said, and reads the list back naturally', async () => {
    await testBot(plain)
      .send('a large pizza with olives, mushrooms and pepperoni')
      .expectReply('A large pizza with olives, mushroom and pepperoni. OK?')
      .expectState({ awaiting: 'confirmation', slots: { size: 'large', toppings: ['olives', 'mushroom', 'pepperoni'] } })
      .send('yes').expectReply('Baking a large pizza with olives + mushroom + pepperoni.');
  });

  it('asks for the list and takes several values in the answer, each once', async () => {
    await testBot(plain)
      .send('I want a pizza').expectReply('What size?')
      .send('medium').expectReply('Which toppings?')
      .send('peppers and onions, and more peppers').expectReply('A medium pizza with peppers and onions. OK?')
      .expectState({ slots: { toppings: ['peppers', 'onions'] } });
  });

  it('holds one value as a list of one', async () => {
    await testBot(plain)
      .send('can I get a small pizza with olives').expectReply('A small pizza with olives. OK?')
      .expectState({ slots: { toppings: ['olives'] } });
  });

  it('replaces the list on a correction, and adds to it when the customer says so', async () => {
    await testBot(plain)
      .send('a large pizza with pepperoni and mushroom').expectReply(/pepperoni and mushroom\. OK\?/)
      .send('actually make it olives and peppers').expectReply('Got it, toppings: olives and peppers.').expectReply(/with olives and peppers\. OK\?/)
      .expectState({ slots: { toppings: ['olives', 'peppers'] } })
      .send('add onions').expectReply('Got it, toppings: olives, peppers and onions.')
      .send('olives and pepperoni too').expectReply('Got it, toppings: olives, peppers, onions and pepperoni.')
      .expectState({ awaiting: 'confirmation', slots: { toppings: ['olives', 'peppers', 'onions', 'pepperoni'] } });
  });

  it('asks the list again when the customer chooses to change it', async () => {
    await testBot(plain)
      .send('a small pizza with olives').send('no').expectReply(/What would you like to change/)
      .send('the toppings').expectReply('Which toppings?')
      .expectState({ awaiting: 'toppings', slots: { toppings: null } })
      .send('pepperoni and onions').expectReply('A small pizza with pepperoni and onions. OK?');
  });

  it('gives the validator the whole list, which may reject it or replace it', async () => {
    const seen: unknown[] = [];
    const bot = pizzaBot({
      slots: {
        toppings: {
          validate: (toppings) => {
            seen.push(toppings);
            if (toppings.length > 2) return 'At most two toppings, please.';
            if (toppings.includes('onions')) return { value: toppings.filter((topping) => topping !== 'onions') };
          },
        },
      },
    });
    await testBot(bot)
      .send('a large pizza with pepperoni, olives and peppers').expectReply('At most two toppings, please.').expectReply('Which toppings?')
      .send('olives and onions').expectReply('A large pizza with olives. OK?')
      .expectState({ slots: { toppings: ['olives'] } });
    expect(seen).toEqual([['pepperoni', 'olives', 'peppers'], ['olives', 'onions']]);
  });

  it('makes a single replacement of a list slot a list of one', async () => {
    const bot = pizzaBot({ slots: { toppings: { validate: () => ({ value: 'olives' as unknown as string[] }) } } });
    await testBot(bot).send('a large pizza with peppers').expectState({ slots: { toppings: ['olives'] } });
  });

  it('takes multiple from the dialog when the intent files do not say it', async () => {
    const single = buildIntentModel({
      locale: 'en-US',
      intents: [defineIntent({ name: 'OrderPizza', utterances: ['I want a pizza', 'a pizza with {toppings=olives}'], slots: [{ name: 'toppings', type: 'Topping', prompt: 'Which toppings?' }] })],
      slotTypes: [defineSlotType({ name: 'Topping', values: ['pepperoni', 'olives', 'peppers'] })],
    });
    const bot = (multiple: boolean) =>
      defineBot({ name: 'Pizza', intents: single, dialogs: [defineDialog({ intent: 'OrderPizza', slots: { toppings: { multiple } }, fulfil: ({ toppings }) => `With ${JSON.stringify(toppings)}.` })] });
    await testBot(bot(true)).send('a pizza with olives and peppers').expectReply('With ["olives","peppers"].');
    await testBot(bot(false)).send('a pizza with olives and peppers').expectReply('With "peppers".');
  });

  it('keeps the list in the conversation state as JSON, across turns of a fresh bot', async () => {
    const bot = await createBot(plain, { clock: fixedClock('2030-03-04') });
    const first = await bot.handle({ conversationId: 'l1', channel: 'test', content: { kind: 'text', text: 'a medium pizza with olives and onions' } });
    expect(JSON.parse(JSON.stringify(first.view.slots))).toEqual({ size: 'medium', toppings: ['olives', 'onions'] });
    const second = await bot.handle({ conversationId: 'l1', channel: 'test', content: { kind: 'text', text: 'yes' } });
    expect(second.messages.map((message) => message.text)).toEqual(['Baking a medium pizza with olives + onions.']);
  });

  it('refuses a multiple option that is not true or false, naming it', () => {
    expect(() => defineDialog({ intent: 'OrderPizza', slots: { toppings: { multiple: 'yes' as unknown as boolean } } })).toThrow(DialogDefinitionError);
    expect(() => defineDialog({ intent: 'OrderPizza', slots: { toppings: { multiple: 'yes' as unknown as boolean } } })).toThrow(/slots\.toppings\.multiple must be true or false/);
  });
});
