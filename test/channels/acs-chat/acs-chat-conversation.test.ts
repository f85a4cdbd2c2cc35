// The reference assistant on ACS chat, end to end through the emulated resource with the real SDK
// clients: the customer writes in a thread (Event Grid delivers to the webhook), the bot answers into
// the thread, hands off to an ACS agent from the pool (added to the thread; the envelope in a briefing
// thread), the agent writes through the desk side, the bot stays quiet, the agent ends and the bot is
// back. Also: an SMS booking with numbered options and STOP, and a duplicate delivery answered once.
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { ChatClient } from '@azure/communication-chat';
import { AzureCommunicationTokenCredential } from '@azure/communication-common';
import { Hono } from 'hono';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Bot } from 'parley-sdk';
import { createAcsChatProvider, type AcsChatProvider } from '../../../src/handoff/azure-acs/acs-chat-provider.js';
import { acsChannels } from '../../../src/runtime/acs-channels.js';
import { createAcsApp } from '../../../channels/acs-chat/create-acs-app.js';
import { startAcsEmulator, type AcsEmulator, type AcsEmulatorUser } from '../../../src/testing/index.js';
import { referenceBot } from '../../support/reference-bot.js';

const secret = 'event-grid-secret-for-tests';
let acs: AcsEmulator;
let server: ServerType;
let bot: Bot;
let provider: AcsChatProvider;
let botUser: AcsEmulatorUser;
let agent: AcsEmulatorUser;
let url: string;
const caFile = join(tmpdir(), `parley-acs-ca-${process.pid}.pem`);
const optOutsFile = join(tmpdir(), `parley-sms-opt-outs-${process.pid}.json`);

beforeAll(async () => {
  // The limits have tests of their own (the outbox's, the emulator's); this conversation writes faster than a person.
  acs = await startAcsEmulator({ chatLimits: { sendRate: [{ limit: 100, windowMs: 10_000 }] } });
  writeFileSync(caFile, acs.ca);
  botUser = acs.createUser({ displayName: 'Acme' });
  agent = acs.createUser({ displayName: 'Sam' });
  provider = createAcsChatProvider({ connectionString: acs.connectionString, tlsOptions: { ca: acs.ca }, botUserId: botUser.id, agents: [{ id: agent.id, name: 'Sam' }], pollMs: 50, botName: 'Acme' });
  bot = await referenceBot({ handoff: provider });
  const app = new Hono();
  const sms = { from: acs.phoneNumbers[0]!, idKey: 'an-sms-id-key-of-at-least-32-characters', optOutsFile };
  app.route('/api/acs/events', acsChannels({ bot, acs: { connectionString: acs.connectionString, botUserId: botUser.id, caFile, sms }, eventGrid: { secret }, handoff: provider, logger: pino({ level: 'silent' }), maxBodyBytes: 256 * 1024, countError: () => {} }));
  server = await new Promise<ServerType>((resolve) => {
    const listening = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(listening));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/acs/events`;
  await acs.subscribe({ endpoint: `${url}?code=${secret}`, schema: 'EventGrid' });
});

afterAll(async () => {
  await bot?.close();
  await new Promise((resolve) => server?.close(resolve));
  await acs?.close();
  rmSync(caFile, { force: true });
  rmSync(optOutsFile, { force: true });
});

/** The texts written in a thread by someone other than `except`, oldest first. */
const textsIn = (threadId: string, from?: string) =>
  acs
    .thread(threadId)
    .messages.filter((message) => message.type === 'text' && (from === undefined || message.senderId === from))
    .map((message) => message.content ?? '');

async function say(chat: ChatClient, threadId: string, text: string, expectReplies = 1): Promise<string[]> {
  const before = textsIn(threadId, botUser.id).length;
  await chat.getChatThreadClient(threadId).sendMessage({ content: text });
  await acs.settled();
  if (expectReplies === 0) return [];
  await vi.waitFor(() => expect(textsIn(threadId, botUser.id).length).toBeGreaterThanOrEqual(before + expectReplies), { timeout: 10_000, interval: 20 });
  return textsIn(threadId, botUser.id).slice(before);
}

describe('ACS chat', () => {
  it('books, hands off to an ACS agent with the envelope, relays, and takes the conversation back', async () => {
    const customer = acs.createUser({ displayName: 'Ada' });
    const chat = new ChatClient(acs.url, new AzureCommunicationTokenCredential(customer.token), { tlsOptions: { ca: acs.ca } });
    const { chatThread } = await chat.createChatThread({ topic: 'Support' }, { participants: [customer.participant, botUser.participant] });
    const threadId = chatThread!.id;

    expect((await say(chat, threadId, 'I need a repair tomorrow at 3pm')).join('\n')).toMatch(/Shall I book it\?/);
    expect((await say(chat, threadId, 'yes')).join('\n')).toMatch(/booked/i);
    // A duplicate delivery of the same event is answered once.
    const last = acs.events().findLast((event) => event.type === 'Microsoft.Communication.ChatMessageReceivedInThread')!;
    const repliesBefore = textsIn(threadId, botUser.id).length;
    acs.redeliver(last.id);
    await acs.settled();
    expect(textsIn(threadId, botUser.id).length).toBe(repliesBefore);

    await say(chat, threadId, 'I want to talk to a person');
    await vi.waitFor(() => expect(acs.thread(threadId).participants.map((participant) => participant.id)).toContain(agent.id), { timeout: 10_000 });
    const briefing = acs.threads().find((thread) => thread.topic.startsWith('Handoff briefing'))!;
    expect(briefing.participants.map((participant) => participant.id).sort()).toEqual([botUser.id, agent.id].sort());
    const envelope = briefing.messages.find((message) => message.metadata?.['parley.role'] === 'envelope')!;
    expect(envelope.metadata).toMatchObject({ 'parley.queue': expect.any(String), 'parley.reason': 'requested' });
    expect(envelope.content).toMatch(/Conversation so far:[\s\S]*I need a repair tomorrow at 3pm/);

    const [waiting] = await provider.desk.list();
    expect(waiting).toMatchObject({ id: threadId, state: 'waiting', conversationId: expect.stringMatching(/^acs-chat:/) });
    await provider.desk.join(threadId, { name: 'Sam' });
    await provider.desk.say(threadId, 'Hi Ada, Sam here. How can I help?');
    expect(textsIn(threadId, agent.id)).toEqual(['Sam has joined the conversation.', 'Hi Ada, Sam here. How can I help?']);
    await vi.waitFor(async () => expect((await bot.transcript(waiting!.conversationId))?.some((entry) => entry.from === 'agent' && entry.text.startsWith('Hi Ada'))).toBe(true), { timeout: 10_000 });

    // The bot stays quiet while the person has the conversation.
    await say(chat, threadId, 'my router keeps rebooting', 0);
    expect(textsIn(threadId, botUser.id).length).toBe(repliesBefore + 1);

    await provider.desk.end(threadId);
    await vi.waitFor(() => expect(textsIn(threadId, botUser.id).at(-1)).toMatch(/back/i), { timeout: 10_000 });
    expect(acs.thread(threadId).participants.map((participant) => participant.id)).not.toContain(agent.id);
    expect((await say(chat, threadId, 'where is my order?')).join('\n')).toMatch(/order/i);
  });

  it('does not answer a thread the bot is not in, nor its own messages', async () => {
    const a = acs.createUser({ displayName: 'A' });
    const chat = new ChatClient(acs.url, new AzureCommunicationTokenCredential(a.token), { tlsOptions: { ca: acs.ca } });
    const { chatThread } = await chat.createChatThread({ topic: 'Just people' }, { participants: [a.participant, acs.createUser().participant] });
    await chat.getChatThreadClient(chatThread!.id).sendMessage({ content: 'hello?' });
    await acs.settled();
    expect(textsIn(chatThread!.id, botUser.id)).toEqual([]);
  });
});

describe('SMS', () => {
  it('books with numbered options, and after STOP nothing more is sent', async () => {
    const phone = '+14255550123';
    const sentTo = () => acs.sentSms().filter((sms) => sms.to === phone).map((sms) => sms.message);
    const text = async (message: string) => {
      const before = sentTo().length;
      acs.receiveSms({ from: phone, message });
      await acs.settled();
      return sentTo().slice(before).join('\n');
    };
    expect(await text('I need a technician')).toMatch(/installation, repair or upgrade/);
    expect(await text('repair')).toMatch(/day/i);
    expect(await text('tomorrow')).toMatch(/time/i);
    const confirm = await text('3pm');
    expect(confirm).toMatch(/Shall I book it\?[\s\S]*1/);
    expect(await text('1')).toMatch(/booked/i);
    expect(await text('STOP')).not.toBe('');
    expect(await text('hello?')).toBe('');
    expect(acs.deliveries().filter((delivery) => delivery.status !== 200)).toEqual([]);
  });
});

describe('a burst of replies', () => {
  it('stays under the thread\'s rate limit: what waits is merged, and ACS never answers 429', async () => {
    // A small limit, for a short test: the outbox keeps to it as it keeps to ACS's 10 in 10 s.
    const limited = await startAcsEmulator({ chatLimits: { sendRate: [{ limit: 3, windowMs: 1000 }] } });
    try {
      const me = limited.createUser({ displayName: 'Acme' });
      const customer = limited.createUser({ displayName: 'Ada' });
      const burstBot = await referenceBot();
      // The channel is set up (it registers how notifications reach threads); no webhook is needed here.
      createAcsApp({ bot: burstBot, connectionString: limited.connectionString, tlsOptions: { ca: limited.ca }, botUserId: me.id, eventGrid: { secret }, chatLimits: { perWindow: 3, windowMs: 1000 }, logger: pino({ level: 'silent' }) });
      const chat = new ChatClient(limited.url, new AzureCommunicationTokenCredential(customer.token), { tlsOptions: { ca: limited.ca } });
      const { chatThread } = await chat.createChatThread({ topic: 'Burst' }, { participants: [customer.participant, me.participant] });
      const threadId = chatThread!.id;
      const conversationId = 'acs-chat:burst';
      await burstBot.handle({ conversationId, channel: 'acs-chat', content: { kind: 'text', text: 'hi' }, address: { threadId } });
      // Twelve notifications at once.
      const results = await Promise.all(Array.from({ length: 12 }, (_, index) => burstBot.notify(conversationId, { text: `Update ${index + 1}` })));
      expect(results.every((result) => result.status === 'sent')).toBe(true);
      const sent = limited.thread(threadId).messages.filter((message) => message.senderId === me.id);
      expect(sent.map((message) => message.content).join('\n\n')).toBe(Array.from({ length: 12 }, (_, index) => `Update ${index + 1}`).join('\n\n'));
      expect(sent.length).toBeLessThan(12);
      expect(limited.calls.filter((call) => call.status === 429)).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});

describe('a handoff to an identity the resource does not know', () => {
  it('is not opened: the customer hears no one is available, and the bot keeps the conversation', async () => {
    const nobody = createAcsChatProvider({ connectionString: acs.connectionString, tlsOptions: { ca: acs.ca }, botUserId: botUser.id, agents: [{ id: `8:acs:${'0'.repeat(8)}_unknown`, name: 'Nobody' }] });
    const errors: string[] = [];
    const lonely = await referenceBot({ handoff: nobody, onError: (error) => void errors.push(error.message) });
    const output = await lonely.handle({ conversationId: 'web-nobody', channel: 'web', content: { kind: 'text', text: 'I want to talk to a person' } });
    expect(output.withAgent).toBeUndefined();
    expect(output.messages.at(-1)?.text).toBe(lonely.phrases().agentUnavailable);
    expect(errors.join('\n')).toMatch(/ACS refused a person of the handoff .*check handoff.agents/);
    await lonely.close();
  });
});
