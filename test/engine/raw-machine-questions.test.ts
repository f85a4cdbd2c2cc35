import { setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createEngine, fixedClock, say, type ConversationState, type Recognition } from 'parley-sdk';
import { model } from '../fixtures-small-bot.js';

// A raw machine asking a yes/no question of its own, tagged `yes-no`.
const refund = setup({}).createMachine({
  id: 'RequestRefund',
  initial: 'offering',
  states: {
    offering: {
      tags: ['awaiting:storeCredit', 'yes-no'],
      entry: say('Would store credit work instead?'),
      on: { 'user.input': { target: 'done', actions: say('Noted.') } },
    },
    done: { type: 'final' },
  },
});

const recognition = (text: string, topIntent: string | null, confidence = 0.95): Recognition => ({
  text, locale: 'en-US', intents: topIntent ? [{ name: topIntent, confidence }] : [], topIntent, entities: [], provider: 'given', latencyMs: 0,
});

describe('raw machine questions', () => {
  const engine = createEngine({ dialogs: [refund], model, defaultLocale: 'en-US' });
  const turn = { conversationId: 'c1', locale: 'en-US', clock: fixedClock('2030-03-04') };

  it('keeps a yes/no answer with the machine that tagged its question yes-no, and says so to the recognizer', async () => {
    const first = await engine.step(undefined, recognition('I want a refund', 'RequestRefund'), turn);
    expect(engine.expectation(first.state)).toEqual({ intent: 'RequestRefund', confirmation: true });
    // "yes, hello" is confidently Hello, but it opens with "yes": the question's answer.
    const second = await engine.step(JSON.parse(JSON.stringify(first.state)) as ConversationState, recognition('yes, hello', 'Hello'), turn);
    expect(second.messages.map((message) => message.text)).toEqual(['Noted.']);
  });
});
