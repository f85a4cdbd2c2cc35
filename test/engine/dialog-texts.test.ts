import { describe, expect, it } from 'vitest';
import { buildIntentModel, createBot, DialogDefinitionError, defineBot, defineDialog, defineIntent, defineSlotType, dialogFromMachine, fixedClock, formatMessage } from 'parley-sdk';
import { testBot } from 'parley-sdk/testing';
import { refundMachine } from '../fixtures-small-bot.js';

const today = '2030-03-04';

const model = buildIntentModel({
  locale: 'en-US',
  intents: [
    defineIntent({
      name: 'OrderPizza',
      utterances: ['I want {count=2} {size=large} pizzas at {ready=6pm}', 'order a {size=large} pizza', 'pizza please', 'I would like to order pizza'],
      slots: [
        { name: 'size', type: 'PizzaSize', prompt: 'What size?' },
        { name: 'count', type: 'number', prompt: 'How many {size} pizzas?' },
        { name: 'ready', type: 'time', prompt: 'For what time?' },
      ],
      confirmation: { prompt: '{count, plural, one {One {size} pizza} other {# {size} pizzas}} at {ready, time, short}. OK?' },
      fulfilled: '{count, plural, one {Your pizza is} other {Your # pizzas are}} in the oven for {ready, time, short}.',
    }),
    defineIntent({ name: 'RequestRefund', utterances: ['I want a refund', 'give me my money back', 'refund my order', 'can I get a refund'] }),
    defineIntent({ name: 'Hello', utterances: ['hello', 'hi', 'hey there', 'good morning'] }),
  ],
  slotTypes: [defineSlotType({ name: 'PizzaSize', values: ['small', 'medium', 'large'] })],
});

function pizzaBot(options: { resumeTitle?: string; messages?: Parameters<typeof defineBot>[0]['messages'] } = {}) {
  return defineBot({
    name: 'Pizza',
    intents: model,
    timeZone: 'America/New_York',
    messages: options.messages,
    dialogs: [
      defineDialog({ intent: 'OrderPizza', title: 'order a pizza', queue: 'Kitchen', ...(options.resumeTitle ? { resumeTitle: options.resumeTitle } : {}) }),
      dialogFromMachine(refundMachine, { title: 'refund an order', resumeTitle: 'your refund' }),
      defineDialog({ intent: 'Hello', fulfil: () => 'Hello!' }),
    ],
  });
}

// Intl puts a narrow no-break space before AM/PM on current Node versions.
const at6pm = /6:00\sPM/;

describe('message templates in a dialog', () => {
  it('says intent-file prompts with plurals and the time the customer way', async () => {
    await testBot(pizzaBot(), { today })
      .send('I want 2 large pizzas at 6pm')
      .expectReply(new RegExp(`^2 large pizzas at ${at6pm.source}\\. OK\\?$`))
      .send('yes')
      .expectReply(new RegExp(`^Your 2 pizzas are in the oven for ${at6pm.source}\\.$`));
    await testBot(pizzaBot(), { today })
      .send('order a large pizza').expectReply('How many large pizzas?')
      .send('1').expectReply('For what time?')
      .send('at 6pm').expectReply(/^One large pizza at 6:00\sPM\. OK\?$/);
  });

  it('gives dialog code formatMessage with the conversation locale and time zone', async () => {
    const bot = defineBot({
      name: 'Pizza',
      intents: model,
      timeZone: 'Asia/Tokyo',
      dialogs: [
        defineDialog<{ count: number; size: string; ready: string }>({
          intent: 'OrderPizza',
          confirm: false,
          fulfil: ({ count }, context) =>
            formatMessage('{count, plural, one {# pizza} other {# pizzas}}, ordered at {now, time, short} ({locale}, {timeZone}).', { count, now: context.now, locale: context.locale, timeZone: context.timeZone }, context),
        }),
      ],
    });
    // 09:00 in Tokyo is midnight UTC: the instant is shown in the conversation zone.
    await testBot(bot, { today, timeZone: 'Asia/Tokyo' })
      .send('I want 2 large pizzas at 6pm')
      .expectReply(/^2 pizzas, ordered at 9:00\sAM \(en-US, Asia\/Tokyo\)\.$/);
  });
});

describe('a dialog has two titles', () => {
  it('says the title after "I can" and "To", and the resume title after "Back to"', async () => {
    await testBot(pizzaBot({ resumeTitle: 'your pizza order' }), { today })
      .send('help').expectReply('I can order a pizza and refund an order.')
      .send('pizza please').expectReply('What size?')
      .send('what do I say?').expectReply('To order a pizza, I need the size.')
      .send('hello').expectReply('Hello!').expectReply('Now, where were we? Back to your pizza order.').expectReply('What size?')
      .send('I want a refund').expectReply('Why would you like a refund?')
      .send('cancel').expectReply(/cancelled/).expectReply("Let's get back to your pizza order.").expectReply('What size?');
  });

  it('makes a resume title from the title when the dialog has none', async () => {
    await testBot(pizzaBot(), { today })
      .send('pizza please')
      .send('hello').expectReply('Hello!').expectReply('Now, where were we? Back to your request to order a pizza.');
    // The default is the bot's `resumeTitle` message, so each locale can word it.
    const reworded = pizzaBot({ messages: { en: { resumeTitle: 'what you asked: {task}' } } });
    await testBot(reworded, { today })
      .send('pizza please')
      .send('hello').expectReply('Hello!').expectReply('Now, where were we? Back to what you asked: order a pizza.');
  });

  it('checks both when the dialog is defined: a phrase, not a sentence', () => {
    expect(() => defineDialog({ intent: 'OrderPizza', title: 'Order a pizza.' })).toThrow(/title must be a phrase that fits mid-sentence, without a final "\."/);
    expect(() => defineDialog({ intent: 'OrderPizza', resumeTitle: '' })).toThrow(DialogDefinitionError);
    expect(() => dialogFromMachine(refundMachine, { resumeTitle: 'your refund!' })).toThrow(/resumeTitle must be a phrase/);
    expect(() => defineDialog({ intent: 'OrderPizza', resumTitle: 'x' } as never)).toThrow(/unknown option resumTitle; did you mean resumeTitle\?/);
  });
});

describe('handoffs never name the queue', () => {
  async function handOff(bot: ReturnType<typeof pizzaBot>) {
    const running = await createBot(bot, { clock: fixedClock(today, 'America/New_York') });
    const said: string[] = [];
    const send = async (text: string) => {
      const output = await running.handle({ conversationId: 'h1', channel: 'test', content: { kind: 'text', text } });
      said.push(...output.messages.map((message) => message.text));
      return output;
    };
    await send('pizza please');
    for (const nonsense of ['purple elephants', 'banana', 'the moon']) await send(nonsense);
    const last = await send('yes');
    return { said, directives: last.directives };
  }

  it('says "a person", and routes to the queue', async () => {
    const { said, directives } = await handOff(pizzaBot());
    expect(said.at(-1)).toBe("I'm connecting you with a person now. Please hold on.");
    expect(said.join(' ')).not.toContain('Kitchen');
    expect(directives).toMatchObject([{ kind: 'handoff', queue: 'Kitchen' }]);
  });

  it("says the team's name when the bot gives the queue one", async () => {
    const { said, directives } = await handOff(pizzaBot({ messages: { en: { teamNames: { Kitchen: 'our kitchen team' } } } }));
    expect(said.at(-1)).toBe("I'm connecting you with our kitchen team now. Please hold on.");
    expect(directives).toMatchObject([{ kind: 'handoff', queue: 'Kitchen' }]);
  });
});

describe('templates in dialog options and bot messages are checked when defined', () => {
  it('names the dialog option with a broken template', () => {
    expect(() => defineDialog({ intent: 'OrderPizza', slots: { size: { prompt: ['What size?', 'Which {size'] } } }))
      .toThrow(/dialog OrderPizza: slots\.size\.prompt\[1\] is not a valid message template: a `\{` in "Which \{size" is never closed \(at character 7\)/);
    expect(() => defineDialog({ intent: 'OrderPizza', confirm: '{count, plurl, one {#} other {#}}?' })).toThrow(/confirm is not a valid message template: .*unknown argument type/);
    try {
      defineDialog({ intent: 'OrderPizza', changeable: '{date, date, fancy}' });
      expect.unreachable();
    } catch (error) {
      expect((error as DialogDefinitionError).option).toBe('changeable');
    }
  });

  it('names the bot message with a broken template, an unknown message, and team names that are not text', () => {
    expect(() => pizzaBot({ messages: { en: { handingOff: 'Connecting you with {team' } } })).toThrow(/bot Pizza: messages\.en\.handingOff is not a valid message template/);
    expect(() => pizzaBot({ messages: { 'en-US': { handingof: 'x' } as never } })).toThrow(/unknown message handingof; did you mean handingOff\?/);
    expect(() => pizzaBot({ messages: { en: { teamNames: { Kitchen: '' } } } })).toThrow(/messages\.en\.teamNames must map each queue/);
    expect(() => defineBot({ ...pizzaBot(), welcome: { say: 'Hi {name, select, other {x}' } })).toThrow(/welcome\.say is not a valid message template/);
  });
});
