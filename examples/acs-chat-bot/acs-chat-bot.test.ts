// Brightside Dental on Azure Communication Services, offline: the emulated resource plays ACS and its
// Event Grid; the real ChatClient plays the patient's app. A patient books in chat and is put through
// to the front desk (an ACS identity from the pool, at the desk side); another gets a reminder by SMS
// and rebooks by replying CHANGE.
import type { AddressInfo } from 'node:net';
import { ChatClient } from '@azure/communication-chat';
import { AzureCommunicationTokenCredential } from '@azure/communication-common';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBot, fixedClock, type Bot } from 'parley-sdk';
import { createAcsApp, createAcsChatProvider, type AcsChatProvider } from 'parley-sdk/acs';
import { createMemorySmsOptOuts, createNumberKeys, smsConversationId } from 'parley-sdk/sms';
import { startAcsEmulator, type AcsEmulator, type AcsEmulatorUser } from 'parley-sdk/testing';
import brightside from './bot.js';

const secret = 'a-webhook-secret-for-the-example';
const smsIdKey = 'an-example-key-that-hashes-phone-numbers';
let acs: AcsEmulator;
let bot: Bot;
let frontDesk: AcsChatProvider;
let botUser: AcsEmulatorUser;
let server: ServerType;

beforeAll(async () => {
  acs = await startAcsEmulator();
  const tlsOptions = { ca: acs.ca };
  botUser = acs.createUser({ displayName: 'Brightside Dental' });
  const riley = acs.createUser({ displayName: 'Riley' });
  // The few lines a deployment has: the handoff pool, the bot, and the ACS app on the webhook's path.
  frontDesk = createAcsChatProvider({ connectionString: acs.connectionString, tlsOptions, botUserId: botUser.id, agents: [{ id: riley.id, name: 'Riley' }], pollMs: 50 });
  bot = await createBot(brightside, { handoff: frontDesk, clock: fixedClock('2030-03-04', 'America/Chicago') });
  const app = new Hono().route(
    '/api/acs/events',
    createAcsApp({
      bot,
      connectionString: acs.connectionString,
      tlsOptions,
      botUserId: botUser.id,
      eventGrid: { secret },
      sms: { from: acs.phoneNumbers[0]!, idKey: smsIdKey, optOuts: createMemorySmsOptOuts() },
      handoff: frontDesk,
      logger: pino({ level: 'silent' }),
    }),
  );
  server = await new Promise<ServerType>((resolve) => {
    const listening = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  await acs.subscribe({ endpoint: `http://127.0.0.1:${port}/api/acs/events?code=${secret}` });
});

afterAll(async () => {
  await bot?.close();
  await new Promise((resolve) => server?.close(resolve));
  await acs?.close();
});

const botTexts = (threadId: string) => acs.thread(threadId).messages.filter((message) => message.senderId === botUser.id && message.type === 'text').map((message) => message.content ?? '');

describe('Brightside Dental on ACS', () => {
  it('books a cleaning in chat, then puts the patient through to the front desk and takes them back', async () => {
    const patient = acs.createUser({ displayName: 'Jordan' });
    const chat = new ChatClient(acs.url, new AzureCommunicationTokenCredential(patient.token), { tlsOptions: { ca: acs.ca } });
    const { chatThread } = await chat.createChatThread({ topic: 'Brightside Dental' }, { participants: [patient.participant, botUser.participant] });
    const thread = chat.getChatThreadClient(chatThread!.id);
    const say = async (text: string) => {
      const before = botTexts(chatThread!.id).length;
      await thread.sendMessage({ content: text });
      await vi.waitFor(() => expect(botTexts(chatThread!.id).length).toBeGreaterThan(before), { timeout: 10_000, interval: 20 });
      return botTexts(chatThread!.id).slice(before).join('\n');
    };
    expect(await say('can I book a cleaning tomorrow at 10am?')).toMatch(/cleaning on .* at .*Shall I book it\?/);
    expect(await say('yes please')).toMatch(/You're booked for a cleaning on Tuesday, March 5 at 10:00/);
    expect(await say('can I speak to someone at the front desk?')).toMatch(/front desk/);

    const [handoff] = await frontDesk.desk.list();
    await frontDesk.desk.join(handoff!.id, { name: 'Riley' });
    await frontDesk.desk.say(handoff!.id, 'Hi Jordan, Riley here. How can I help?');
    await frontDesk.desk.end(handoff!.id);
    await vi.waitFor(() => expect(botTexts(chatThread!.id).at(-1)).toMatch(/back with the assistant/), { timeout: 10_000, interval: 20 });
  });

  it('texts a reminder, and a reply of CHANGE rebooks', async () => {
    const phone = '+15125550142';
    const texts = () => acs.sentSms().filter((sms) => sms.to === phone).map((sms) => sms.message);
    acs.receiveSms({ from: phone, message: 'hi' });
    await acs.settled();
    expect(texts().at(-1)).toMatch(/book a cleaning/);
    // The patient's conversation: its id is a keyed hash of their number, never the number.
    const conversationId = smsConversationId(createNumberKeys(smsIdKey)(phone));
    const result = await bot.notify(conversationId, { text: 'Reminder: your cleaning is tomorrow at 10am. Reply CHANGE to rebook.', offer: { dialog: 'BookCleaning', replies: ['CHANGE'] } });
    expect(result).toMatchObject({ status: 'sent', offered: true });
    expect(texts().at(-1)).toBe('Reminder: your cleaning is tomorrow at 10am. Reply CHANGE to rebook.');
    acs.receiveSms({ from: phone, message: 'CHANGE' });
    await acs.settled();
    expect(texts().at(-1)).toMatch(/Which day would you like to come in\?/);
  });
});
