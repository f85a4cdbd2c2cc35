// What a bot shows before the first turn: its own welcome, or one made from what it already knows
// (its name, the "I can …" list help gives, its intents' sample utterances), per locale; checked when
// the bot is defined, and shown without touching the store.
import { describe, expect, it } from 'vitest';
import { buildIntentModel, createBot, defineBot, defineDialog, defineIntent, DialogDefinitionError, type BotDefinition } from 'parley-sdk';
import { createRecordingStore } from '../channels/web/web-chat-fixtures.js';
import { model, pizzaDialog, smallBot } from '../fixtures-small-bot.js';

const tasks = [
  { intent: 'TrackParcel', title: 'track a parcel', utterances: ['where is {parcel} going', 'where is my parcel', 'track parcel {parcel=AB123}'] },
  { intent: 'ChangeAddress', title: 'change your address', utterances: ['change my address', 'I moved'] },
  { intent: 'PayBill', title: 'pay a bill', utterances: ['pay my bill', 'I want to pay'] },
  { intent: 'Complain', title: 'take a complaint', utterances: ['I want to complain', 'this is not good'] },
  { intent: 'OpenAccount', title: 'open an account', utterances: ['open an account', 'new account please'] },
  { intent: 'Chat', utterances: ['just chatting', 'nothing much'] },
];

const courierModel = buildIntentModel({
  locale: 'en-US',
  intents: tasks.map(({ intent, utterances }) => defineIntent({ name: intent, utterances, slots: intent === 'TrackParcel' ? [{ name: 'parcel', type: 'alphanumeric', prompt: 'Which parcel?' }] : [] })),
});
const courierDialogs = tasks.map(({ intent, title }) => defineDialog({ intent, ...(title ? { title } : {}), fulfil: () => 'Done.' }));

function courier(options: Partial<BotDefinition> = {}): BotDefinition {
  return defineBot({ name: 'Courier', intents: courierModel, dialogs: courierDialogs, timeZone: 'UTC', ...options });
}

describe('the default welcome', () => {
  it('names the bot and what it can do, with a sample utterance of each of the first four titled dialogs', async () => {
    const bot = await createBot(courier());
    expect(bot.welcome()).toEqual({
      locale: 'en-US',
      messages: ["Hi, you're chatting with Courier. I can track a parcel, change your address, pay a bill, take a complaint and open an account. How can I help?"],
      // A sample with a slot and no example value is skipped: "where is {parcel} going" is no message to send.
      suggestions: ['Where is my parcel', 'Change my address', 'Pay my bill', 'I want to complain'],
    });
  });

  it('lists what the bot can do in the words help uses', async () => {
    const bot = await createBot(courier());
    const help = await bot.handle({ conversationId: 'help-1', channel: 'test', content: { kind: 'text', text: 'what can you do' } });
    const capabilities = /^I can (.+)\. Just tell me/.exec(help.messages[0]?.text ?? '')?.[1];
    expect(capabilities).toBe('track a parcel, change your address, pay a bill, take a complaint and open an account');
    expect(bot.welcome().messages[0]).toContain(`I can ${capabilities}.`);
    const pizza = await createBot(smallBot());
    expect(pizza.welcome()).toEqual({ locale: 'en-US', messages: ["Hi, you're chatting with Pizza. I can order a pizza. How can I help?"], suggestions: ['I want a pizza'] });
  });

  it('greets without a list when no dialog has a title', async () => {
    const bot = await createBot(defineBot({ name: 'Plain', intents: model, dialogs: [defineDialog({ intent: 'Hello', fulfil: () => 'Hello!' })] }));
    expect(bot.welcome()).toEqual({ locale: 'en-US', messages: ["Hi, you're chatting with Plain. How can I help?"], suggestions: [] });
  });

  it('takes its wording from the bot\'s messages, per locale', async () => {
    const bot = await createBot(courier({ messages: { en: { welcome: '{name} here: I {capabilities}.' } } }));
    expect(bot.welcome().messages).toEqual(['Courier here: I track a parcel, change your address, pay a bill, take a complaint and open an account.']);
  });

  it('speaks the locale nearest the one asked for, with that locale\'s utterances', async () => {
    const bilingual = buildIntentModel(
      { locale: 'es-US', intents: [defineIntent({ name: 'OrderPizza', utterances: ['quiero una pizza', 'una pizza por favor'], slots: [{ name: 'size', type: 'text', prompt: '¿De qué tamaño?' }, { name: 'date', type: 'date', prompt: '¿Para qué día?' }] })] },
      model,
    );
    const bot = await createBot(defineBot({ name: 'Pizza', intents: bilingual, dialogs: [pizzaDialog()], timeZone: 'UTC' }));
    expect(bot.welcome('es-MX')).toEqual({
      locale: 'es-US',
      messages: ['Hola, está chateando con Pizza. Puedo order a pizza. ¿En qué le puedo ayudar?'],
      suggestions: ['Quiero una pizza'],
    });
    expect(bot.welcome('fr-FR').locale).toBe('en-US');
    expect(bot.welcome().locale).toBe('en-US');
  });
});

describe('a welcome of the bot\'s own', () => {
  it('says its messages in order, filling in {name} and {capabilities}, and suggests what it lists', async () => {
    const bot = await createBot(courier({ welcome: { say: ['Hello from {name}!', 'I can {capabilities}.'], suggestions: ['Track AB123', 'Talk to a person'] } }));
    expect(bot.welcome()).toEqual({
      locale: 'en-US',
      messages: ['Hello from Courier!', 'I can track a parcel, change your address, pay a bill, take a complaint and open an account.'],
      suggestions: ['Track AB123', 'Talk to a person'],
    });
  });

  it('keeps the default for what it leaves out, and shows no suggestions when given none', async () => {
    const greetingOnly = await createBot(courier({ welcome: { say: 'Hi!' } }));
    expect(greetingOnly.welcome().suggestions).toEqual(['Where is my parcel', 'Change my address', 'Pay my bill', 'I want to complain']);
    const noChips = await createBot(courier({ welcome: { suggestions: [] } }));
    expect(noChips.welcome().suggestions).toEqual([]);
    expect(noChips.welcome().messages[0]).toMatch(/^Hi, you're chatting with Courier\./);
  });

  it('is shown without reading or writing the store', async () => {
    const { store, calls } = createRecordingStore();
    const bot = await createBot(courier(), { store });
    bot.welcome();
    bot.welcome('en-GB');
    expect(calls).toEqual([]);
  });
});

describe('welcome options are checked when the bot is defined', () => {
  const cases: Array<[string, unknown, string, RegExp]> = [
    ['text instead of an object', 'Hi!', 'welcome', /welcome must be an object \(got a string\)/],
    ['an empty greeting', { say: '' }, 'welcome.say', /welcome\.say must be/],
    ['an empty list of messages', { say: [] }, 'welcome.say', /welcome\.say must be/],
    ['suggestions that are not a list', { suggestions: 'Track a parcel' }, 'welcome.suggestions', /welcome\.suggestions must be a list/],
    ['an empty suggestion', { suggestions: ['Pay my bill', ''] }, 'welcome.suggestions[1]', /welcome\.suggestions\[1\] must be not empty/],
    ['too many suggestions', { suggestions: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }, 'welcome.suggestions', /at most 6 suggestions/],
    ['a misspelt option', { sugestions: ['Pay my bill'] }, 'welcome.sugestions', /unknown option welcome\.sugestions; did you mean suggestions\?/],
    ['an unknown option', { buttons: ['Pay my bill'] }, 'welcome.buttons', /unknown option welcome\.buttons; the options are say, suggestions/],
  ];
  for (const [name, welcome, option, message] of cases) {
    it(`refuses ${name}, naming ${option}`, async () => {
      const definition = { name: 'Courier', intents: courierModel, dialogs: courierDialogs, welcome } as unknown as BotDefinition;
      let error: unknown;
      try {
        defineBot(definition);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DialogDefinitionError);
      expect((error as DialogDefinitionError).option).toBe(option);
      expect((error as Error).message).toMatch(/^bot Courier: /);
      expect((error as Error).message).toMatch(message);
      await expect(createBot(definition)).rejects.toBeInstanceOf(DialogDefinitionError);
    });
  }

  it('accepts a greeting alone, suggestions alone, both, or neither', () => {
    for (const welcome of [{ say: 'Hi!' }, { say: ['Hi!', 'How can I help?'] }, { suggestions: ['Pay my bill'] }, { suggestions: [] }, {}]) {
      expect(() => courier({ welcome })).not.toThrow();
    }
  });
});

describe('the longest message', () => {
  it('is the bot\'s maxMessageLength, 1,024 by default', async () => {
    expect((await createBot(courier())).maxMessageLength).toBe(1024);
    expect((await createBot(courier({ maxMessageLength: 300 }))).maxMessageLength).toBe(300);
  });
});
