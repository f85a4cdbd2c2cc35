// A bot author's mistakes in defineDialog, dialogFromMachine and defineBot are caught when the bot is
// defined, with the option named; never mid-conversation.
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { createBot, defineBot, defineDialog, dialogFromMachine, DialogDefinitionError, ParleyError, type DialogSpec } from 'parley-sdk';
import { model, pizzaDialog } from '../fixtures-small-bot.js';

function refused(make: () => unknown): DialogDefinitionError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(DialogDefinitionError);
    expect(ParleyError.isInstance(error) && error.code).toBe('dialog');
    return error as DialogDefinitionError;
  }
  throw new Error('expected a DialogDefinitionError');
}

const spec = (options: Record<string, unknown>) => ({ intent: 'OrderPizza', ...options }) as unknown as DialogSpec;

describe('defineDialog', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['fulfil is text', { fulfil: 'done' }, 'fulfil', /fulfil must be a function \(got a string\)/],
    ['validate is text', { slots: { date: { validate: 'no' } } }, 'slots.date.validate', /slots\.date\.validate must be a function/],
    ['timeoutMs is negative', { timeoutMs: -5 }, 'timeoutMs', /timeoutMs must be a whole number of at least 1 \(got the number -5\)/],
    ['timeoutMs is too long for a timer', { timeoutMs: 2 ** 31 }, 'timeoutMs', /at most 2147483647/],
    ['maxAttempts is 0', { slots: { size: { maxAttempts: 0 } } }, 'slots.size.maxAttempts', /at least 1/],
    ['maxAttempts is a fraction', { slots: { size: { maxAttempts: 1.5 } } }, 'slots.size.maxAttempts', /whole number/],
    ['queue is a number', { queue: 5 }, 'queue', /queue must be/],
    ['confirm is a number', { confirm: 1 }, 'confirm', /confirm must be/],
    ['changeable is a number', { changeable: 1 }, 'changeable', /changeable must be true, false or the text of the offer \(got the number 1\)/],
    ['a prompt list is empty', { slots: { size: { prompt: [] } } }, 'slots.size.prompt', /prompt/],
    ['title is empty', { title: '' }, 'title', /title must be not empty/],
    ['fulfil is spelt the American way', { fulfill: () => 'ok' }, 'fulfill', /unknown option fulfill; did you mean fulfil\?/],
    ['a slot option is misspelt', { slots: { date: { validator: () => true } } }, 'slots.date.validator', /unknown slot option date\.validator; did you mean validate\?/],
  ];
  for (const [name, options, option, message] of cases) {
    it(`refuses a spec where ${name}, naming ${option}`, () => {
      const error = refused(() => defineDialog(spec(options)));
      expect(error.option).toBe(option);
      expect(error.dialog).toBe('OrderPizza');
      expect(error.message).toMatch(/^dialog OrderPizza: /);
      expect(error.message).toMatch(message);
    });
  }

  it('refuses a spec with no intent, or no spec at all', () => {
    expect(refused(() => defineDialog(spec({ intent: '' }))).option).toBe('intent');
    expect(refused(() => defineDialog(null as unknown as DialogSpec)).message).toMatch(/takes an object of options, not null/);
  });

  it('accepts every well-formed option', () => {
    expect(() =>
      defineDialog({
        intent: 'OrderPizza',
        title: 'order a pizza',
        slots: { size: { type: 'PizzaSize', prompt: ['What size?'], reprompt: 'Small, medium or large?', help: 'Say a size.', maxAttempts: 2, required: true, label: 'size', validate: () => true } },
        confirm: 'Shall I?',
        fulfil: async () => 'ok',
        queue: (slots) => String(slots.size ?? 'General'),
        timeoutMs: 30_000,
      }),
    ).not.toThrow();
  });
});

describe('dialogFromMachine', () => {
  const machine = setup({}).createMachine({ id: 'RequestRefund', initial: 'done', states: { done: { type: 'final' } } });
  it('refuses what is not a machine, and options of the wrong type', () => {
    expect(refused(() => dialogFromMachine({ id: 'x' } as never)).option).toBe('machine');
    expect(refused(() => dialogFromMachine(machine, { timeoutMs: 0 })).option).toBe('timeoutMs');
    expect(refused(() => dialogFromMachine(machine, { queue: 5 } as never)).option).toBe('queue');
    expect(() => dialogFromMachine(machine, { queue: 'Billing', timeoutMs: 5000 })).not.toThrow();
  });
});

describe('defineBot and createBot', () => {
  const good = { name: 'Pizza', intents: model, dialogs: [pizzaDialog()] };
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a null dialog', { dialogs: [pizzaDialog(), null] }, 'dialogs[1]'],
    ['a dialog that is a function', { dialogs: [() => 'hi'] }, 'dialogs[0]'],
    ['dialogs that are not a list', { dialogs: pizzaDialog() }, 'dialogs'],
    ['no name', { name: '' }, 'name'],
    ['intents of the wrong kind', { intents: 42 }, 'intents'],
    ['a time zone that does not exist', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['maxMessageLength of zero', { maxMessageLength: 0 }, 'maxMessageLength'],
    ['a misspelt option', { dialog: [] }, 'dialog'],
  ];
  for (const [name, options, option] of cases) {
    it(`refuses ${name}, naming ${option}, in defineBot and in createBot`, async () => {
      const definition = { ...good, ...options };
      const error = refused(() => defineBot(definition as never));
      expect(error.option).toBe(option);
      expect(error.message).toMatch(/^bot /);
      await expect(createBot(definition as never)).rejects.toBeInstanceOf(DialogDefinitionError);
    });
  }

  it('accepts a good definition', () => {
    expect(() => defineBot({ ...good, timeZone: 'America/New_York', defaultLocale: 'en-US', defaultQueue: 'Pizza', maxMessageLength: 500, messages: { en: { yes: 'Yep' } } })).not.toThrow();
  });
});
