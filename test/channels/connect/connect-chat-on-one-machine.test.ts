/**
 * An Amazon Connect chat on one machine: the real LexRuntimeV2Client (as Connect's "Get customer
 * input" block calls Lex) against the emulated Lex runtime, whose code hook is Parley's, serving the
 * reference assistant. It books an appointment, then hands off with the queue the contact flow reads.
 */
import { RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, createMemoryStore, fixedClock, type Bot } from 'parley-sdk';
import { startLexRuntimeEmulator, type LexRuntimeEmulator } from 'parley-sdk/testing';
import { buildConnectFlow } from '../../../bot-deploy/connect-flow/index.js';
import { createLexCodeHook } from '../../../channels/connect/index.js';
import acmeTelecom from '../../../dialogs/index.js';
import { lexClient } from '../../nlu/lex-v2/lex-fixture.js';

const clock = fixedClock('2030-03-04', 'America/New_York');
let lex: LexRuntimeEmulator;
let bot: Bot;

beforeAll(async () => {
  bot = await createBot(acmeTelecom, { clock, store: createMemoryStore() });
  lex = await startLexRuntimeEmulator({ model: bot.model, now: () => clock.now(), bots: [{ botId: 'ACMEBOT001', name: 'AcmeTelecom', codeHook: createLexCodeHook(bot) }] });
});
afterAll(() => lex?.close());

describe('Amazon Lex with Parley as its code hook, serving the reference assistant', () => {
  it('books an appointment and hands off with the queue and the envelope the contact flow reads', async () => {
    const client = lexClient(lex.url);
    const say = async (text: string) => {
      const answer = await client.send(new RecognizeTextCommand({ botId: 'ACMEBOT001', botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: 'contact-42', text }));
      const said = answer.messages?.map((message) => message.content ?? message.imageResponseCard?.title).join(' ') ?? '';
      return { said, state: answer.sessionState! };
    };
    try {
      expect(await say('I need a repair')).toMatchObject({ said: expect.stringMatching(/day/i), state: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'date' }, intent: { name: 'BookAppointment' } } });
      expect(await say('friday')).toMatchObject({ state: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'time' } } });
      expect(await say('3pm')).toMatchObject({ said: expect.stringMatching(/friday/i), state: { dialogAction: { type: 'ConfirmIntent' } } });
      const booked = await say('yes');
      expect(booked.said).toMatch(/booked/i);
      expect(booked.state.dialogAction?.type).toBe('ElicitIntent');

      const handed = await say('can I talk to a person');
      expect(handed.state).toMatchObject({ dialogAction: { type: 'Close' }, intent: { name: 'TalkToAgent', state: 'Fulfilled' } });
      const attributes = handed.state.sessionAttributes!;
      expect(attributes).toMatchObject({ parley_queue: 'TechSupport', parley_reason: 'requested', parley_conversation_id: 'lex:contact-42', parley_task: 'BookAppointment' });
      expect(attributes.parley_summary).toMatch(/book a technician visit/);
      expect(attributes.parley_transcript).toMatch(/^customer: I need a repair\n/);

      // The flow `parley connect flow` generates reads that very attribute to choose the queue.
      const flow = buildConnectFlow({ botAliasArn: 'arn:aws:lex:us-east-1:123456789012:bot-alias/ACMEBOT001/TSTALIASID', queues: { TechSupport: 'arn:aws:connect:us-east-1:123456789012:instance/9308c2a1-9bc6-4cea-8290-6c0b4a6d38fa/queue/0a1b2c3d-0000-4000-8000-000000000001' }, defaultQueue: 'arn:aws:connect:us-east-1:123456789012:instance/9308c2a1-9bc6-4cea-8290-6c0b4a6d38fa/queue/0a1b2c3d-0000-4000-8000-000000000002' });
      const choose = flow.Actions.find((action) => action.Identifier === 'choose-queue')!;
      expect(choose.Parameters).toEqual({ ComparisonValue: '$.Lex.SessionAttributes.parley_queue' });
      expect(choose.Transitions.Conditions?.map((condition) => condition.Condition.Operands[0])).toContain(attributes.parley_queue);
    } finally {
      client.destroy();
    }
    expect(lex.codeHookInvocations.every((invocation) => invocation.outcome === 'answered')).toBe(true);
    expect(await bot.view('lex:contact-42')).toMatchObject({ handoff: { queue: 'TechSupport' } });
  });
});
