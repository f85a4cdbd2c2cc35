// A web chat handed to a person in Amazon Connect, seen from both sides at once: the customer's page
// in Debian's Chromium, and the agent's side through the Connect emulator's agent API (standing in
// for the Connect agent workspace). The bot reaches the emulator through the real AWS SDK clients.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, createConnectChatProvider, createMemoryStore, type Bot } from 'parley-sdk';
import { startConnectEmulator, type ConnectChatItem, type ConnectEmulator, type ConnectEmulatorContact } from 'parley-sdk/testing';
import acmeTelecom from '../../../dialogs/index.js';
import { clock, createWebChat, type TurnReplyBody, type WebChatFixture } from './web-chat-fixtures.js';
import { browserTestsRun, expectPageMatchesTranscript, launchChromium, listenOnLoopback, pageConversationId, shown, type LoopbackServer } from './web-chat-browser.js';

const credentials = { accessKeyId: 'AKIDPARLEYTEST', secretAccessKey: 'emulator' };

describe.runIf(browserTestsRun('web chat handoff browser test'))('a web chat handed to a person in Amazon Connect, in a real browser', { timeout: 60_000 }, () => {
  let connect: ConnectEmulator;
  let bot: Bot;
  let chat: WebChatFixture;
  let server: LoopbackServer;
  let browser: Browser | undefined;
  let page: Page;
  let contact: ConnectEmulatorContact;
  let screenshots: string;
  const pageErrors: string[] = [];

  const log = () => page.getByRole('log', { name: 'Conversation' });
  const noteSays = (text: string) => log().locator('.note', { hasText: text }).waitFor();
  const botSays = (pattern: RegExp) => log().locator('.message.bot', { hasText: pattern }).last().waitFor();

  /** Types and sends a message; resolves with the web API's answer to it. */
  async function say(text: string): Promise<TurnReplyBody> {
    const answered = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname.endsWith('/messages'));
    await page.getByLabel('Your message').fill(text);
    await page.getByLabel('Your message').press('Enter');
    return (await (await answered).json()) as TurnReplyBody;
  }

  /** Resolves when the agent's side receives the customer's message `text` in the chat. */
  function agentReceives(contactId: string, text: string): Promise<ConnectChatItem> {
    return new Promise((resolve) => {
      const stop = connect.onItem((item, itsContact) => {
        if (itsContact.contactId !== contactId || item.ParticipantRole !== 'CUSTOMER' || item.Type !== 'MESSAGE' || item.Content !== text) return;
        stop();
        resolve(item);
      });
    });
  }

  beforeAll(async () => {
    connect = await startConnectEmulator();
    const handoff = createConnectChatProvider({ instanceId: connect.instance.InstanceId, contactFlowId: connect.instance.ContactFlowId, region: 'us-east-1', endpoint: connect.url, credentials });
    bot = await createBot(acmeTelecom, { store: createMemoryStore(), clock, handoff });
    chat = await createWebChat({ bot, heartbeatMs: 2000 });
    server = await listenOnLoopback(chat.app.fetch);
    screenshots = await mkdtemp(join(tmpdir(), 'parley-web-chat-handoff-'));
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 900, height: 760 } })).newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await bot?.close();
    await connect?.close();
    if (screenshots && !process.env.PARLEY_KEEP_SCREENSHOTS) await rm(screenshots, { recursive: true, force: true });
    else if (screenshots) console.log(`web chat handoff screenshots kept in ${screenshots}`);
  });

  it('opens an agent chat with the envelope when the customer asks for a person mid-booking', async () => {
    await page.goto(`http://127.0.0.1:${server.port}/`);
    await say("I'd like to book a repair");
    await botSays(/Which day/);
    await say('friday');
    await botSays(/What time/);
    const waiting = connect.nextWaitingContact();
    const handedOff = await say('agent please');
    expect(handedOff.directives).toEqual([expect.objectContaining({ kind: 'handoff', queue: 'TechSupport' })]);
    await noteSays('Connecting you with a person');

    // The agent's side: a chat waiting in TechSupport, the envelope as its attributes, the transcript as its first message.
    contact = await waiting;
    // The turn answered once the chat was open: the customer's side of it is connected.
    expect(connect.contact(contact.contactId)).toMatchObject({ state: 'waiting', customer: { connected: true } });
    expect(contact.attributes).toMatchObject({ parley_queue: 'TechSupport', parley_conversation_id: await pageConversationId(page), parley_task: 'BookAppointment', parley_slot_date: '2030-03-08' });
    expect(contact.attributes.parley_summary).toMatch(/technician visit/);
    expect(contact.attributes.parley_transcript).toContain("customer: I'd like to book a repair\n");
    expect(contact.attributes.parley_transcript).toContain('customer: friday\n');
    expect(contact.initialMessage?.content.startsWith(`${contact.attributes.parley_summary}\n\n`)).toBe(true);
    expect(contact.initialMessage?.content).toContain("customer: I'd like to book a repair\n");
    expect(contact.initialMessage?.content).toContain('customer: agent please');
  });

  it('shows the agent joining, relays the customer to the agent while the bot stays quiet, and shows the agent as a bubble', async () => {
    connect.acceptContact(contact.contactId, { agentName: 'Sam' });
    await noteSays('Sam has joined the chat.');

    const received = agentReceives(contact.contactId, 'my router blinks red');
    const relayed = await say('my router blinks red');
    expect(relayed.messages).toEqual([]);
    expect((await received).DisplayName).toBe('Customer');

    connect.sendAgentMessage(contact.contactId, 'Let me check that for you.');
    const bubble = log().locator('.message.agent', { hasText: 'Let me check that for you.' });
    await bubble.waitFor();
    // Read out as the other bubbles are: who said it, then what.
    expect(await bubble.textContent()).toBe('Sam said: Let me check that for you.');
    expect(await bubble.locator('.visually-hidden').textContent()).toBe(' said: ');

    const onPage = await shown(page);
    const fromRelay = onPage.slice(onPage.findIndex((entry) => entry.text === 'You said: my router blinks red'));
    expect(fromRelay.map((entry) => entry.kind)).toEqual(['customer', 'agent']);
    await page.screenshot({ path: join(screenshots, 'with-agent.png') });
  });

  it('gives the conversation back to the bot when the agent ends the chat', async () => {
    connect.endContact(contact.contactId);
    await noteSays('The person has left the chat.');
    await botSays(/You're back with the assistant/);

    const answer = await say('is there an outage in 94105?');
    expect(answer.messages.map((message) => message.text).join(' ')).toMatch(/outage/i);
    await botSays(/outage/i);

    const onPage = await expectPageMatchesTranscript(page, chat);
    const notes = onPage.filter((entry) => entry.kind === 'note').map((entry) => entry.text);
    expect(notes).toEqual(['Connecting you with a person', 'Sam has joined the chat.', 'The person has left the chat.']);
    expect(connect.contact(contact.contactId).state).toBe('ended');
    await page.screenshot({ path: join(screenshots, 'back-with-bot.png') });
    expect(pageErrors).toEqual([]);
  });
});
