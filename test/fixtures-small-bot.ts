// A small bot declared entirely in code, for engine and runtime tests.
import { setup, assign } from 'xstate';
import { buildIntentModel, defineBot, defineDialog, defineIntent, defineSlotType, handoff, say, type DialogSpec } from 'parley-sdk';

export const model = buildIntentModel({
  locale: 'en-US',
  intents: [
    defineIntent({
      name: 'OrderPizza',
      utterances: ['I want a pizza', 'order a {size=large} pizza', 'can I get a {size} pizza for {date=tomorrow}', 'pizza please', 'I would like to order pizza'],
      slots: [
        { name: 'size', type: 'PizzaSize', prompt: 'What size?', reprompt: 'Small, medium or large?' },
        { name: 'date', type: 'date', prompt: 'For which day?' },
      ],
      confirmation: { prompt: 'A {size} pizza on {date}. OK?' },
    }),
    defineIntent({ name: 'RequestRefund', utterances: ['I want a refund', 'give me my money back', 'refund my order', 'can I get a refund'] }),
    defineIntent({ name: 'Hello', utterances: ['hello', 'hi', 'hey there', 'good morning'] }),
  ],
  slotTypes: [defineSlotType({ name: 'PizzaSize', values: ['small', 'medium', { value: 'large', synonyms: ['big', 'huge'] }] })],
});

/** A raw xstate machine as a dialog: asks for a reason, then hands off to Billing. */
export const refundMachine = setup({}).createMachine({
  id: 'RequestRefund',
  context: { slots: {} as Record<string, string> },
  initial: 'asking',
  states: {
    asking: {
      tags: ['awaiting:reason'],
      entry: say('Why would you like a refund?'),
      on: {
        'user.input': { target: 'done', actions: [assign({ slots: ({ event }) => ({ reason: (event as any).recognition.text }) }), say('Thanks, a person will look at it.'), handoff('Billing')] },
        'dialog.resume': { target: 'asking', reenter: true },
      },
    },
    done: { type: 'final' },
  },
});

export function pizzaDialog(overrides: Partial<DialogSpec> = {}) {
  return defineDialog({
    intent: 'OrderPizza',
    title: 'order a pizza',
    slots: { date: { validate: (date, { today }) => (String(date) < today ? 'That day has passed.' : undefined) } },
    fulfil: ({ size, date }) => `Your ${size} pizza is ordered for ${date}.`,
    ...overrides,
  });
}

export function smallBot(overrides: Partial<DialogSpec> = {}) {
  return defineBot({
    name: 'Pizza',
    intents: model,
    timeZone: 'UTC',
    dialogs: [pizzaDialog(overrides), refundMachine, defineDialog({ intent: 'Hello', fulfil: () => 'Hello!' })],
  });
}
