/**
 * The billing line as Amazon Connect runs it: through the Lex V2 runtime (emulated, called by the real
 * LexRuntimeV2Client as Connect's "Get customer input" block calls Lex) with Parley as the code hook;
 * the shipped events/ through the code hook and the flow Lambda, in this process, as `parley lambda
 * invoke` runs them; and the YAML conversations.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, createMemoryStore, fixedClock, type Bot } from 'parley-sdk';
import { createConnectFlow, createLexCodeHook, type LexCodeHook, type LexCodeHookResponse } from 'parley-sdk/connect';
import { formatConversationResults, loadConversationTests, runConversationTest, startLexRuntimeEmulator, testBot, type LexRuntimeEmulator } from 'parley-sdk/testing';
import { reportedPayments } from './accounts.js';
import billingLine, { connectFlow } from './bot.js';

const clock = fixedClock('2030-03-04T10:00', 'America/Chicago');
const billingQueueArn = 'arn:aws:connect:us-east-1:123456789012:instance/9308c2a1-9bc6-4cea-8290-6c0b4a6d38fa/queue/6b2f7a0c-1d3e-4f5a-8b9c-0d1e2f3a4b5c';
/** The contact of the shipped events: in Connect, the Lex session's id is the contact's. */
const contactId = '3f6b1c2e-8d4a-4b7e-9c1f-2a5d6e7f8a90';

const conversations = fileURLToPath(new URL('./conversations/', import.meta.url));
const tests = await loadConversationTests([conversations]);
const eventsFolder = new URL('./events/', import.meta.url);
const callTurns = ['turn-1-balance.json', 'turn-2-account-number.json', 'turn-3-person.json'];
const flowEvents = ['lookup.json', 'queue.json', 'envelope.json'];

async function event(name: string): Promise<Record<string, any>> {
  return JSON.parse(await readFile(new URL(name, eventsFolder), 'utf8')) as Record<string, any>;
}

/** The bot with a memory store, as each Lambda instance makes it, and both Connect functions on it. */
async function connectFunctions() {
  const bot = await createBot(billingLine, { clock, store: createMemoryStore() });
  return { bot, codeHook: createLexCodeHook(bot), flow: createConnectFlow(bot, { ...connectFlow, queues: { Billing: billingQueueArn } }) };
}

/** The phone call of events/, turn by turn, as Lex sends it: the code hook's answers. */
async function replayCall(codeHook: LexCodeHook): Promise<LexCodeHookResponse[]> {
  const answers: LexCodeHookResponse[] = [];
  for (const turn of callTurns) answers.push(await codeHook(await event(turn)));
  return answers;
}

describe('the connect-lambda example', () => {
  it('has its conversation tests, from every file of conversations/', async () => {
    const files = (await readdir(conversations)).filter((name) => name.endsWith('.yaml'));
    expect(new Set(tests.map((test) => basename(test.file)))).toEqual(new Set(files));
    expect(tests.length).toBeGreaterThanOrEqual(12);
  });

  for (const test of tests) {
    it(test.name, async () => {
      const result = await runConversationTest(test, billingLine);
      expect(result.passed, formatConversationResults([result])).toBe(true);
    });
  }

  it('keeps a payment reported for the billing team to match', async () => {
    reportedPayments.length = 0;
    await testBot(billingLine, { today: '2030-03-04' })
      .send('I made a payment of 42.10 today toward account 73306158').expectReply('So you paid $42.10 on Monday, March 4 toward account 73306158.')
      .send('yes').expectReply("I've noted your payment of $42.10");
    expect(reportedPayments).toEqual([{ accountNumber: '73306158', amount: 42.1, date: '2030-03-04' }]);
  });
});

describe('through Amazon Lex, with Parley as its code hook', () => {
  let bot: Bot;
  let lex: LexRuntimeEmulator;
  let client: LexRuntimeV2Client;

  beforeAll(async () => {
    ({ bot } = await connectFunctions());
    lex = await startLexRuntimeEmulator({ model: bot.model, now: () => clock.now(), bots: [{ botId: 'LAKESIDE01', name: 'LakesideUtilities', codeHook: createLexCodeHook(bot) }] });
    client = new LexRuntimeV2Client({ region: 'us-east-1', endpoint: lex.url, credentials: { accessKeyId: 'AKIDPARLEYEMULATOR', secretAccessKey: 'emulator' }, maxAttempts: 1 });
  });
  afterAll(async () => {
    client?.destroy();
    await lex?.close();
  });

  const say = async (text: string) => {
    const answer = await client.send(new RecognizeTextCommand({ botId: 'LAKESIDE01', botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: 'chat-contact-7', text }));
    return { said: answer.messages?.map((message) => message.content).join(' ') ?? '', state: answer.sessionState! };
  };

  it('checks a balance, then hands off to Billing with the envelope in the session attributes', async () => {
    expect(await say("what's my balance")).toMatchObject({ said: expect.stringContaining("What's your account number?"), state: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'accountNumber' }, intent: { name: 'CheckBalance' } } });
    expect(await say('4021 1876')).toMatchObject({ said: 'Your balance is $84.20, due on March 15.', state: { dialogAction: { type: 'ElicitIntent' } } });

    const handed = await say('can I talk to someone about my bill');
    expect(handed.said).toMatch(/put you through to someone/);
    expect(handed.state).toMatchObject({ dialogAction: { type: 'Close' }, intent: { name: 'TalkToAgent', state: 'Fulfilled' } });
    // What the flow `parley connect flow` writes reads: the queue to route on, and the envelope it copies to the contact.
    const attributes = handed.state.sessionAttributes!;
    expect(attributes).toMatchObject({ parley_queue: 'Billing', parley_reason: 'requested', parley_task: 'CheckBalance', parley_slot_accountNumber: '40211876', parley_conversation_id: 'lex:chat-contact-7' });
    expect(attributes.parley_summary).toMatch(/^The customer's last task was to check an account balance \(CheckBalance\)\. They gave account number 40211876\. Handed over because they asked for a person\./);
    expect(lex.codeHookInvocations.map((invocation) => invocation.outcome)).toEqual(['answered', 'answered', 'answered']);
  });
});

describe('the shipped events', () => {
  it('are all replayed here', async () => {
    expect(new Set(await readdir(eventsFolder))).toEqual(new Set([...callTurns, ...flowEvents]));
  });

  it('answer a phone call turn by turn as Lex expects: a question, the balance, the handoff (SSML on the phone)', async () => {
    const [asked, balance, handed] = await replayCall((await connectFunctions()).codeHook);
    expect(asked).toMatchObject({ sessionState: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'accountNumber' }, intent: { name: 'CheckBalance', state: 'InProgress' } } });
    expect(asked?.messages).toEqual([{ contentType: 'SSML', content: "<speak>What&apos;s your account number? It&apos;s the eight digits at the top of your bill.</speak>" }]);
    expect(balance).toMatchObject({ sessionState: { dialogAction: { type: 'ElicitIntent' } }, messages: [{ contentType: 'SSML', content: '<speak>Your balance is $84.20, due on March 15.</speak>' }] });
    expect(handed?.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, intent: { name: 'TalkToAgent', state: 'Fulfilled' }, sessionAttributes: { parley_queue: 'Billing', parley_conversation_id: `lex:${contactId}` } });
  });

  it('answer the flow Lambda: the caller looked up by number, then the queue and the envelope of their call', async () => {
    const { codeHook, flow } = await connectFunctions();
    expect(await flow(await event('lookup.json'))).toEqual({ parley_found: 'true', customerName: 'Dana Whitfield', accountNumber: '40211876', pastDue: 'false' });
    await replayCall(codeHook);

    expect(await flow(await event('queue.json'))).toEqual({ parley_found: 'true', parley_queue: 'Billing', parley_queue_arn: billingQueueArn });
    expect(await flow(await event('envelope.json'))).toMatchObject({
      parley_found: 'true',
      parley_queue: 'Billing',
      parley_reason: 'requested',
      parley_conversation_id: `lex:${contactId}`,
      parley_summary: expect.stringMatching(/check an account balance/),
      parley_transcript: expect.stringMatching(/^customer: what's my balance\n/),
    });
  });

  it('send a past-due caller to Billing though the bot chose no queue, and find no one for a number not on file', async () => {
    const { flow } = await connectFunctions();
    const pastDue = await event('queue.json');
    pastDue.Details.ContactData.Attributes = { customerName: 'Luis Ortega', accountNumber: '10483392', pastDue: 'true' };
    expect(await flow(pastDue)).toEqual({ parley_found: 'false', parley_queue: 'Billing', parley_queue_arn: billingQueueArn });

    const stranger = await event('lookup.json');
    stranger.Details.ContactData.CustomerEndpoint.Address = '+15555550199';
    expect(await flow(stranger)).toEqual({ parley_found: 'false' });
  });
});
