/**
 * The recorded activities in ../shared/corpus/activities, posted to /api/messages as a channel would.
 * Their serviceUrls point at 2019/2020 tunnels: a reply is read from the response (expectReplies) or
 * caught by a local connector standing in for that serviceUrl.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { conversationIdOf } from '../../../channels/bot-framework/index.js';
import {
  captureLogs,
  corpusPresent,
  countingStore,
  createTestBot,
  mount,
  postActivity,
  readCorpus,
  startConnector,
} from './helpers.js';


type Activity = Record<string, unknown> & { id?: string; from?: { role?: string }; conversation: { id: string } };
type Replies = { activities: Array<Record<string, unknown>> };

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

let app: ReturnType<typeof mount>;
let written: string[];
let lines: string[];
beforeAll(async () => {
  const counting = countingStore();
  written = counting.written;
  const { bot } = await createTestBot(counting.store);
  const logs = captureLogs();
  lines = logs.lines;
  // The recordings came through an ngrok tunnel: without authentication, replies go only to loopback
  // and to allowed serviceUrls.
  app = mount({ bot, logger: logs.logger, allowedServiceUrls: ['https://*.ngrok.io/'] });
});

async function expectReplies(activity: Activity) {
  const response = await postActivity(app, { ...activity, deliveryMode: 'expectReplies' });
  expect(response.status).toBe(200);
  return ((await response.json()) as Replies).activities;
}

describe.skipIf(!corpusPresent)('recorded activities posted to /api/messages', () => {
  it('acknowledges the conversationUpdate, and the bot-sent message, trace and card, with no reply and nothing stored', async () => {
    for (const file of [
      'BotBuilder-Samples__addItemWithButton__activity00_conversationUpdate.json',
      'BotBuilder-Samples__addItemWithButton__activity01_message.json',
      'BotBuilder-Samples__addItemWithButton__activity02_trace.json',
      'BotBuilder-Samples__addItemWithButton__activity06_message_card.json',
    ]) {
      expect(await expectReplies(await readCorpus<Activity>(file)), file).toEqual([]);
    }
    expect(written).toEqual([]);
  });

  it('answers the card submit: its data names an intent this bot does not have', async () => {
    const submit = await readCorpus<Activity>('BotBuilder-Samples__addItemWithButton__activity08_message_cardSubmitValue.json');
    const [reply, ...rest] = await expectReplies(submit);
    expect(rest).toEqual([]);
    expect(reply).toMatchObject({ type: 'message', text: expect.stringMatching(/not sure what you mean/), replyToId: submit.id, conversation: submit.conversation });
    expect(written).toEqual([conversationIdOf('emulator', submit.conversation.id)]);
    // The card's data held what the customer typed ("update spec"); none of it is logged.
    expect(lines.join('\n')).not.toMatch(/update spec|rawtext/);
  });

  // What the reference assistant answers: small talk it knows, and an escalation for what it does not.
  const expected: Record<string, Array<{ replyTo: number; type: string; text?: RegExp }>> = {
    'MS-BotFramework-Emulator__sample-conversation.transcript.json': [
      { replyTo: 3, type: 'message', text: /^Hi! I'm Acme Telecom's virtual assistant/ },
      { replyTo: 6, type: 'message', text: /goodbye/ },
      { replyTo: 6, type: 'endOfConversation' },
    ],
    'BotBuilder-Samples__addItemWithButton.transcript.json': [
      { replyTo: 3, type: 'message', text: /not sure what you mean/ },
      { replyTo: 8, type: 'message', text: /still not following/ },
    ],
  };

  for (const [file, replies] of Object.entries(expected)) {
    it(`replays ${file} with normal delivery: the connector receives the replies to the customer's messages only`, async () => {
      const connector = await startConnector();
      closers.push(connector.close);
      const { bot } = await createTestBot();
      const replay = mount({ bot, logger: captureLogs().logger });
      const transcript = await readCorpus<Activity[]>(file);
      for (const activity of transcript) {
        const response = await postActivity(replay, { ...activity, serviceUrl: connector.url });
        expect(response.status, `${activity.type} ${activity.id}`).toBe(200);
        expect(await response.text()).toBe('');
      }
      expect(connector.requests.map((request) => [request.path, request.body.type])).toEqual(
        replies.map(({ replyTo, type }) => {
          const activity = transcript[replyTo]!;
          return [`/v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${activity.id}`, type];
        }),
      );
      replies.forEach(({ text }, index) => {
        const body = connector.requests[index]!.body;
        expect(body).toMatchObject({ channelId: 'emulator', locale: 'en-US', conversation: transcript[0]!.conversation, serviceUrl: connector.url });
        if (text) expect(body.text).toMatch(text);
      });
    });
  }
});
