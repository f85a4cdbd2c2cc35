import { readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatConversationResults, loadConversationTests, runConversationTest, testBot } from 'parley-sdk/testing';
import bot, { kitchen } from './bot.js';

const conversations = fileURLToPath(new URL('./conversations/', import.meta.url));
const tests = await loadConversationTests([conversations]);

describe('the pizza-shop example', () => {
  it('has its conversation tests, from every file of conversations/', async () => {
    const files = (await readdir(conversations)).filter((name) => name.endsWith('.yaml'));
    expect(new Set(tests.map((test) => basename(test.file)))).toEqual(new Set(files));
    expect(tests.length).toBeGreaterThanOrEqual(17);
  });

  for (const test of tests) {
    it(test.name, async () => {
      const result = await runConversationTest(test, bot);
      expect(result.passed, formatConversationResults([result])).toBe(true);
    });
  }

  it('sends the kitchen the toppings as a list', async () => {
    kitchen.orders.length = 0;
    await testBot(bot)
      .send('can I get a small pizza with onions and mushrooms').expectReply('small pizza with onions and mushroom. Shall I place the order?')
      .send('yes').expectReply('Your small pizza with onions and mushroom is in the oven!');
    expect(kitchen.orders).toEqual([{ size: 'small', toppings: ['onions', 'mushroom'] }]);
  });
});
