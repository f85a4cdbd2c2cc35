import { describe, expect, it } from 'vitest';
import { createBot, DialogDefinitionError, defineBot, defineDialog, fixedClock } from 'parley-sdk';
import { testBot } from 'parley-sdk/testing';
import { model, smallBot } from '../fixtures-small-bot.js';

const today = '2030-03-04';

describe('compiled dialogs', () => {
  it('fills several slots from one utterance and confirms', async () => {
    await testBot(smallBot(), { today })
      .send('can I get a big pizza for friday')
      .expectReply(/large pizza on Friday, March 8\. OK\?/)
      .expectState({ dialog: 'OrderPizza', awaiting: 'confirmation', slots: { size: 'large', date: '2030-03-08' } })
      .send('yes')
      .expectReply('ordered for 2030-03-08')
      .expectState({ dialog: null });
  });

  it('offers quick replies for list slots and yes/no questions', async () => {
    const bot = await createBot(smallBot(), { clock: fixedClock(today) });
    const first = await bot.handle({ conversationId: 'q1', channel: 'test', content: { kind: 'text', text: 'I want a pizza' } });
    expect(first.messages[0]?.quickReplies?.map((reply) => reply.value)).toEqual(['small', 'medium', 'large']);
    await bot.handle({ conversationId: 'q1', channel: 'test', content: { kind: 'text', text: 'small' } });
    const third = await bot.handle({ conversationId: 'q1', channel: 'test', content: { kind: 'text', text: 'tomorrow' } });
    expect(third.messages.at(-1)?.quickReplies?.map((reply) => reply.title)).toEqual(['Yes', 'No']);
  });

  it('awaits async validators and async fulfilment', async () => {
    const slow = <T,>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 5));
    const bot = smallBot({
      slots: { size: { validate: async (size) => slow(size === 'small' ? 'Sorry, small is sold out.' : undefined) } },
      fulfil: async ({ size }) => slow(`Baked a ${size} one.`),
    });
    await testBot(bot, { today })
      .send('order a small pizza').expectReply('sold out').expectReply('What size?')
      .send('small').expectReply('sold out').expectReply('Small, medium or large?')
      .send('medium').expectReply('For which day?')
      .send('tomorrow').expectReply(/OK\?/)
      .send('yes').expectReply('Baked a medium one.');
  });

  it('apologises and offers a person when fulfilment throws', async () => {
    const bot = smallBot({ fulfil: () => { throw new Error('oven on fire'); } });
    await testBot(bot, { today })
      .send('order a large pizza for tomorrow').send('yes')
      .expectReply(/went wrong/).expectReply(/person/)
      .expectState({ dialog: 'OrderPizza', awaiting: 'handoffOffer' })
      .send('yes').expectHandoff('General');
  });

  it('fails a task that outlives its timeout instead of hanging the turn', async () => {
    const bot = smallBot({ timeoutMs: 20, fulfil: () => new Promise(() => {}) });
    await testBot(bot, { today })
      .send('order a large pizza for tomorrow').send('yes')
      .expectReply(/went wrong/)
      .expectState({ awaiting: 'handoffOffer' });
  });

  it('runs raw xstate machines as dialogs, with repair around them', async () => {
    await testBot(smallBot(), { today })
      .send('I want a refund').expectReply('Why would you like a refund?')
      .expectState({ dialog: 'RequestRefund', awaiting: 'reason' })
      .send('hello').expectReply('Hello!').expectReply(/where were we/i).expectReply('Why would you like a refund?')
      .send('help').expectReply('To request refund, I need the reason.').expectReply('Why would you like a refund?')
      .send('it arrived cold').expectReply('a person will look at it')
      .expectHandoff('Billing')
      .expectState({ dialog: null, handoff: { queue: 'Billing' } });
  });

  it('reports a slot without a prompt when the bot is created, naming the fix', async () => {
    const bot = defineBot({ name: 'x', intents: model, dialogs: [defineDialog({ intent: 'OrderPizza', slots: { topping: { type: 'text' } } })] });
    await expect(createBot(bot)).rejects.toThrow(/slot topping has no prompt; add `prompt:`/);
    await expect(createBot(bot)).rejects.toBeInstanceOf(DialogDefinitionError);
  });

  it('reports a dialog whose intent is in no intent file', async () => {
    const bot = defineBot({ name: 'x', intents: model, dialogs: [defineDialog({ intent: 'FlyToTheMoon' })] });
    await expect(createBot(bot)).rejects.toThrow(/no locale of the intent files has an intent named FlyToTheMoon/);
  });
});
