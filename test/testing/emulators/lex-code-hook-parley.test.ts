/**
 * Parley's own Lex code hook handler plugged into the Lex runtime emulator: the Amazon Connect chat
 * path (a Lex client, Lex, Parley as its code hook) on one machine, driven by the real
 * LexRuntimeV2Client.
 */
import { RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLexRuntimeEmulator, type LexRuntimeEmulator } from 'parley-sdk/testing';
import { createLexCodeHookHandler } from '../../../channels/connect/index.js';
import { loadRuntimeConfig } from '../../../src/runtime/config.js';
import { model, smallBot } from '../../fixtures-small-bot.js';
import { clock, lexClient } from '../../nlu/lex-v2/lex-fixture.js';

let lex: LexRuntimeEmulator;
beforeAll(async () => {
  const handler = createLexCodeHookHandler(smallBot(), { config: loadRuntimeConfig({ env: { PARLEY_STORE: 'memory', LOG_LEVEL: 'silent', PARLEY_MODEL_CACHE: 'off' } }) });
  await handler.ready();
  lex = await startLexRuntimeEmulator({ model, now: () => clock.now(), bots: [{ botId: 'PIZZABOT01', name: 'Pizza', codeHook: handler }] });
});
afterAll(() => lex?.close());

describe("Lex runtime emulator with Parley's Lex code hook handler", () => {
  it('runs a whole order: Parley asks, Lex reads each answer for the slot asked, Parley confirms and orders', async () => {
    const client = lexClient(lex.url);
    const say = async (text: string) => {
      const answer = await client.send(new RecognizeTextCommand({ botId: 'PIZZABOT01', botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: 'contact-1', text }));
      // A question with choices comes as a card with buttons, its title the question.
      const said = answer.messages?.map((message) => message.content ?? message.imageResponseCard?.title).join(' ');
      return { said, action: answer.sessionState?.dialogAction, intent: answer.sessionState?.intent };
    };
    try {
      expect(await say('I want a pizza')).toMatchObject({ said: expect.stringMatching(/size/i), action: { type: 'ElicitSlot', slotToElicit: 'size' } });
      expect(await say('large')).toMatchObject({ said: expect.stringMatching(/day/i), action: { type: 'ElicitSlot', slotToElicit: 'date' } });
      const confirming = await say('tomorrow');
      expect(confirming.said).toMatch(/large pizza/i);
      expect(confirming.action?.type).toBe('ConfirmIntent');
      const done = await say('yes');
      expect(done.said).toMatch(/ordered/i);
    } finally {
      client.destroy();
    }
    expect(lex.codeHookInvocations.map((invocation) => invocation.outcome)).not.toContain('failed');
    expect(lex.codeHookInvocations.every((invocation) => invocation.outcome === 'answered')).toBe(true);
  });
});
