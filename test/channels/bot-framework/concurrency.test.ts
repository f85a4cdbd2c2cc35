// Activities of one Bot Framework conversation that arrive at once are answered one after the other,
// in the order they came, each with its own answer: never a 500 for a state conflict.
import { describe, expect, it } from 'vitest';
import { createBot, createMemoryStore, fixedClock } from 'parley-sdk';
import acmeTelecom from '../../../dialogs/index.js';
import { conversationIdOf } from '../../../channels/bot-framework/index.js';
import { captureLogs, messageActivity, mount, postActivity } from './helpers.js';

type Replies = { activities: Array<{ text?: string; type: string }> };
const clock = fixedClock('2030-03-04', 'America/New_York');
const five = ['where is order AB123456', 'is there an outage in 94105?', 'hello', 'where is order CD654321', 'bye'];
const answers = [/on its way|shipped|delivered/i, /outage/i, /virtual assistant/i, /delivered|shipped|on its way/i, /bye|goodbye/i];

describe('five activities at once on one conversation', () => {
  it('give five answers, each to its own activity, in order, in every one of 40 conversations', async () => {
    const bot = await createBot(acmeTelecom, { clock });
    const app = mount({ bot, logger: captureLogs().logger });
    for (let round = 0; round < 40; round++) {
      const id = `burst-${round}`;
      const responses = await Promise.all(five.map((text) => postActivity(app, messageActivity(text, { conversation: { id }, deliveryMode: 'expectReplies' }))));
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
      const replies = (await Promise.all(responses.map((response) => response.json()))) as Replies[];
      replies.forEach((reply, index) => expect(reply.activities[0]!.text, `${id}: ${five[index]}`).toMatch(answers[index]!));
      const said = (await bot.transcript(conversationIdOf('emulator', id)))!.filter((entry) => entry.from === 'customer').map((entry) => entry.text);
      expect(said).toEqual(five);
    }
  });

  it('served by two processes over one store: answered or asked to retry (503), never a 500, and none lost', async () => {
    const store = createMemoryStore();
    const [one, two] = await Promise.all([createBot(acmeTelecom, { store, clock }), createBot(acmeTelecom, { store, clock })]);
    const apps = [mount({ bot: one, logger: captureLogs().logger }), mount({ bot: two, logger: captureLogs().logger })];
    let answered = 0;
    for (let round = 0; round < 20; round++) {
      const id = `split-${round}`;
      const responses = await Promise.all(five.map((text, index) => postActivity(apps[index % 2]!, messageActivity(text, { conversation: { id }, deliveryMode: 'expectReplies' }))));
      for (const response of responses) {
        expect([200, 503]).toContain(response.status);
        if (response.status === 503) {
          expect(response.headers.get('Retry-After')).toBe('1');
          expect(await response.json()).toMatchObject({ error: { code: 'conversation-busy' } });
        } else answered += 1;
      }
      const said = (await one.transcript(conversationIdOf('emulator', id)))!.filter((entry) => entry.from === 'customer');
      expect(said).toHaveLength(responses.filter((response) => response.status === 200).length);
    }
    expect(answered).toBeGreaterThan(50);
  });
});
