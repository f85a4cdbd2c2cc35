import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromPromise } from 'xstate';
import { defineBot, dialogFromMachine } from 'parley-sdk';
import { formatConversationResults, loadConversationTests, runConversationTest, testBot } from 'parley-sdk/testing';
import bot from './bot.js';
import { troubleshootInternet } from './troubleshoot-internet.js';

const tests = await loadConversationTests([fileURLToPath(new URL('./conversations/', import.meta.url))]);

describe('the custom-dialog example', () => {
  it('has its conversation tests', () => expect(tests.length).toBeGreaterThanOrEqual(9));

  for (const test of tests) {
    it(test.name, async () => {
      const result = await runConversationTest(test, bot);
      expect(result.passed, formatConversationResults([result])).toBe(true);
    });
  }

  it('goes on to the router when the network-status service fails', async () => {
    const statusDown = troubleshootInternet.provide({
      actors: { findOutage: fromPromise(() => Promise.reject(new Error('network-status service unavailable'))) },
    });
    await testBot(defineBot({ ...bot, dialogs: [dialogFromMachine(statusDown)] }))
      .send('my internet is down in 94105').expectReply('back online')
      .expectReply("couldn't check for outages").expectReply('Is it green?')
      .expectState({ dialog: 'TroubleshootInternet', awaiting: 'routerLightGreen', slots: { zipCode: '94105' } });
  });
});
