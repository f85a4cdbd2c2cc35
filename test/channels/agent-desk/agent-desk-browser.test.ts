// A web chat handed to a person at Parley's agent desk, seen from both sides at once: the customer's
// chat page and the agent's desk page, two pages of one Debian Chromium, on a real server with the
// local relay. The desk is driven by the keyboard alone.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalRelay, type Bot } from 'parley-sdk';
import { createLogger, createRuntimeMetrics, loadRuntimeConfig, startServer, type ParleyServer } from 'parley-sdk/runtime';
import { referenceBot } from '../../support/reference-bot.js';
import { clock, type TurnReplyBody } from '../web/web-chat-fixtures.js';
import { browserTestsRun, launchChromium } from '../web/web-chat-browser.js';

const operatorToken = 'desk-operator-token-0123456789-abcdefghijklmnop';

describe.runIf(browserTestsRun('agent desk browser test'))('a web chat handed to a person at the agent desk, in a real browser', { timeout: 90_000 }, () => {
  let bot: Bot;
  let server: ParleyServer;
  let browser: Browser | undefined;
  let customer: Page;
  let agent: Page;
  let screenshots: string;
  const pageErrors: string[] = [];

  const chatLog = () => customer.getByRole('log', { name: 'Conversation' });
  const customerSeesNote = (text: string) => chatLog().locator('.note', { hasText: text }).waitFor();
  const customerSeesBot = (pattern: RegExp) => chatLog().locator('.message.bot', { hasText: pattern }).last().waitFor();
  const deskLog = () => agent.getByRole('log', { name: 'Since the handoff' });

  /** The customer types and sends a message; resolves with the web API's answer to it. */
  async function customerSays(text: string): Promise<TurnReplyBody> {
    const answered = customer.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname.endsWith('/messages'));
    await customer.getByLabel('Your message').fill(text);
    await customer.getByLabel('Your message').press('Enter');
    return (await (await answered).json()) as TurnReplyBody;
  }

  /** What has the focus on the desk: its accessible text, as a person tabbing hears it. */
  const focused = () => agent.evaluate(() => {
    const element = (globalThis as unknown as { document: { activeElement: { textContent: string | null; id: string } | null } }).document.activeElement;
    return { id: element?.id ?? '', text: (element?.textContent ?? '').replace(/\s+/g, ' ').trim() };
  });

  /** Presses Tab until the focus is on what `matches` describes (at most 20 times). */
  async function tabTo(matches: (element: { id: string; text: string }) => boolean, what: string): Promise<void> {
    for (let presses = 0; presses < 20; presses++) {
      if (matches(await focused())) return;
      await agent.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${what}; the focus is on ${JSON.stringify(await focused())}`);
  }

  beforeAll(async () => {
    const handoff = createLocalRelay();
    bot = await referenceBot({ clock, handoff });
    const config = loadRuntimeConfig({ env: {}, overrides: { host: '127.0.0.1', port: 0, store: { kind: 'memory' }, operator: { token: operatorToken }, shutdownTimeoutMs: 2000 } });
    server = await startServer({ bot, config, logger: createLogger({ level: 'silent' }), metrics: createRuntimeMetrics({ processMetrics: false }), desk: handoff.desk });
    screenshots = await mkdtemp(join(tmpdir(), 'parley-agent-desk-'));
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1100, height: 820 } });
    customer = await context.newPage();
    agent = await context.newPage();
    for (const page of [customer, agent]) {
      page.setDefaultTimeout(30_000);
      page.on('pageerror', (error) => pageErrors.push(error.message));
    }
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await bot?.close();
    if (screenshots && !process.env.PARLEY_KEEP_SCREENSHOTS) await rm(screenshots, { recursive: true, force: true });
    else if (screenshots) console.log(`agent desk screenshots kept in ${screenshots}`);
  });

  it('lets a person take over from the desk, talk with the customer, and give the conversation back to the bot', async () => {
    // The customer, mid-booking, asks for a person.
    await customer.goto(`${server.url}/`);
    await customerSays("I'd like to book a repair");
    await customerSeesBot(/Which day/);
    await customerSays('friday');
    await customerSeesBot(/What time/);
    expect((await customerSays('agent please')).directives).toEqual([expect.objectContaining({ kind: 'handoff', queue: 'TechSupport' })]);
    await customerSeesNote('Connecting you with a person');

    // The agent signs in with the keyboard: the token field has the focus, Tab goes to the name.
    await agent.goto(`${server.url}/agent-desk/`);
    await agent.getByLabel('Operator token').waitFor();
    expect((await focused()).id).toBe('token');
    await agent.keyboard.type(operatorToken);
    await agent.keyboard.press('Tab');
    await agent.keyboard.type('Sam');
    await agent.keyboard.press('Enter');

    // The handoff is listed with its summary.
    const item = agent.locator('#handoffs .handoff', { hasText: 'technician visit' });
    await item.waitFor();
    expect(await item.locator('h3').textContent()).toBe('TechSupport');
    await tabTo((element) => element.text.startsWith('Open the handoff in TechSupport'), 'the handoff\'s Open button');
    await agent.keyboard.press('Enter');
    const envelope = agent.locator('#envelope');
    await envelope.getByText(/The customer wanted to book a technician visit/).waitFor();
    expect(await envelope.locator('.facts').textContent()).toContain('date: 2030-03-08');
    expect(await envelope.locator('.facts').textContent()).toMatch(/Missing\s*time/);
    expect(await envelope.locator('ol.earlier').textContent()).toContain("Customer: I'd like to book a repair");

    // Join with the keyboard: the customer sees the person, and the desk's focus moves to the message box.
    await tabTo((element) => element.text === 'Join as Sam', 'the Join button');
    await agent.keyboard.press('Enter');
    await customerSeesNote('Sam has joined the chat.');
    await deskLog().locator('.note', { hasText: 'Sam joined the conversation.' }).waitFor();
    await agent.getByRole('status').filter({ hasText: 'You joined' }).waitFor();
    expect((await focused()).id).toBe('message');

    // The agent writes (typed, sent with Enter); the customer reads it.
    await agent.keyboard.type('Hello, I am Sam. What can I do for you?');
    await agent.keyboard.press('Enter');
    const fromAgent = chatLog().locator('.message.agent', { hasText: 'Hello, I am Sam.' });
    await fromAgent.waitFor();
    expect(await fromAgent.textContent()).toBe('Sam said: Hello, I am Sam. What can I do for you?');
    await deskLog().locator('.message.agent', { hasText: 'Sam (you) said: Hello, I am Sam.' }).waitFor();
    expect(await agent.getByLabel('Message to the customer').inputValue()).toBe('');

    // The customer answers: the bot stays quiet, and the desk shows it.
    expect((await customerSays('my router blinks red')).messages).toEqual([]);
    await deskLog().locator('.message.customer', { hasText: 'my router blinks red' }).waitFor();
    await agent.screenshot({ path: join(screenshots, 'desk-with-customer.png'), fullPage: true });

    // The agent ends it: the customer sees them leave, and the bot is back.
    await tabTo((element) => element.text === 'End handoff', 'the End button');
    await agent.keyboard.press('Enter');
    await customerSeesNote('The person has left the chat.');
    await customerSeesBot(/You're back with the assistant/);
    await deskLog().locator('.note', { hasText: 'The person left.' }).waitFor();
    await agent.getByText('No one is waiting.').waitFor();

    const answer = await customerSays('is there an outage in 94105?');
    expect(answer.messages.map((message) => message.text).join(' ')).toMatch(/outage/i);
    await customerSeesBot(/outage/i);
    await agent.screenshot({ path: join(screenshots, 'desk-after-end.png'), fullPage: true });
    await customer.screenshot({ path: join(screenshots, 'customer-after-end.png') });
    expect(pageErrors).toEqual([]);
  });
});
