// The web chat driven like a person would, in Debian's Chromium through playwright-core: be greeted
// and click a suggestion, see the length limit coming, book a repair by typing and clicking, reload,
// use the keyboard only, and survive a server restart.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, createFileStore, type ConversationStore } from 'parley-sdk';
import acmeTelecom from '../../../dialogs/index.js';
import { clock, createWebChat, type WebChatFixture } from './web-chat-fixtures.js';
import { browserTestsRun, expectPageMatchesTranscript as pageMatchesTranscript, launchChromium, listenOnLoopback, pageConversationId, shown as shownOn, type LoopbackServer, type PageElement } from './web-chat-browser.js';

// The page's globals, as the functions passed to page.evaluate see them: the project's lib has no DOM.
declare const document: { activeElement: PageElement | null; querySelector(selector: string): PageElement | null; documentElement: { scrollWidth: number } };
declare const window: { innerWidth: number };
declare const sessionStorage: { getItem(key: string): string | null };
declare function getComputedStyle(element: PageElement): { color: string; backgroundColor: string; outlineStyle: string };

describe.runIf(browserTestsRun('web chat browser test'))('web chat in a real browser', { timeout: 60_000 }, () => {
  let chat: WebChatFixture;
  let server: LoopbackServer | undefined;
  let port = 0;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let screenshots: string;
  let storeDirectory: string;
  let store: ConversationStore;
  const pageErrors: string[] = [];

  /** The reference assistant over a file store in `storeDirectory`, as `parley serve` runs it. */
  async function startChat(): Promise<WebChatFixture> {
    store = createFileStore({ directory: storeDirectory });
    return createWebChat({ bot: await createBot(acmeTelecom, { store, clock }), heartbeatMs: 2000 });
  }

  async function listen(): Promise<void> {
    server = await listenOnLoopback(chat.app.fetch, port);
    port = server.port;
  }

  async function stopListening(): Promise<void> {
    const closing = server;
    server = undefined;
    await closing?.close();
  }

  const messageInput = () => page.getByLabel('Your message');
  const log = () => page.getByRole('log', { name: 'Conversation' });
  const suggestions = () => page.getByRole('group', { name: 'Suggested replies' });

  async function say(text: string): Promise<void> {
    await messageInput().fill(text);
    await messageInput().press('Enter');
  }

  async function botSays(pattern: RegExp): Promise<void> {
    await log().locator('.message.bot', { hasText: pattern }).last().waitFor();
  }

  const shown = () => shownOn(page);
  const conversationId = () => pageConversationId(page);
  const expectPageMatchesTranscript = () => pageMatchesTranscript(page, chat);

  beforeAll(async () => {
    storeDirectory = await mkdtemp(join(tmpdir(), 'parley-web-chat-store-'));
    chat = await startChat();
    await listen();
    screenshots = await mkdtemp(join(tmpdir(), 'parley-web-chat-'));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 900, height: 760 } });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stopListening();
    await store?.close?.();
    if (storeDirectory) await rm(storeDirectory, { recursive: true, force: true });
    if (screenshots && !process.env.PARLEY_KEEP_SCREENSHOTS) await rm(screenshots, { recursive: true, force: true });
    else if (screenshots) console.log(`web chat screenshots kept in ${screenshots}`);
  });

  it('greets a new visitor with suggestions, starts nothing until one is clicked, and sends the one clicked', async () => {
    const apiCalls: string[] = [];
    const recordApiCall = (request: { method(): string; url(): string }) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls.push(`${request.method()} ${new URL(request.url()).pathname}`);
    };
    page.on('request', recordApiCall);
    await page.goto(`http://127.0.0.1:${port}/`);
    const greeting = log().locator('.message.bot.welcome');
    expect(await greeting.allTextContents()).toEqual([
      "Assistant said: Hi! I'm Acme Telecom's virtual assistant. I can check an order, book a technician visit, check for outages, reset your password and help with billing. What can I do for you?",
    ]);
    const welcomeSuggestions = ['I need a repair tomorrow at 3pm', 'Where is order AB123456?', 'Is there an outage in 94105?', 'Talk to a person'];
    expect(await suggestions().getByRole('button').allInnerTexts()).toEqual(welcomeSuggestions);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('message');
    // The greeting is the page's, not the conversation's: nothing is started or stored for a visitor who only looks.
    await page.waitForLoadState('networkidle');
    expect(apiCalls).toEqual([]);
    expect(await shown()).toEqual([]);
    expect(await conversationId()).toBe('');
    await page.screenshot({ path: join(screenshots, 'welcome.png') });

    await suggestions().getByRole('button', { name: 'Where is order AB123456?' }).click();
    await botSays(/AB123456.*shipped/);
    expect(apiCalls[0]).toBe('POST /api/conversations');
    page.off('request', recordApiCall);
    const onPage = await expectPageMatchesTranscript();
    expect(onPage.map((entry) => entry.text)[0]).toBe('You said: Where is order AB123456?');
    expect(await greeting.count()).toBe(1);
    await suggestions().waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('message');

    // A new conversation starts with the welcome again.
    await page.getByRole('button', { name: 'New conversation' }).click();
    expect(await shown()).toEqual([]);
    expect(await greeting.count()).toBe(1);
    expect(await suggestions().getByRole('button').allInnerTexts()).toEqual(welcomeSuggestions);
  });

  it('counts characters near the limit the server sets, says so politely, and stops there', async () => {
    const limit = chat.bot.maxMessageLength;
    expect(await messageInput().getAttribute('maxlength')).toBe(String(limit));
    const counter = page.locator('#length');
    const announced = page.locator('#length-status');
    expect(await announced.getAttribute('role')).toBe('status');

    const nearFrom = Math.ceil(limit * 0.8);
    await messageInput().fill('x'.repeat(nearFrom - 2));
    await page.keyboard.type('y');
    expect(await counter.isHidden()).toBe(true);
    await page.keyboard.type('z');
    await counter.waitFor();
    expect(await counter.innerText()).toBe(`${nearFrom} / ${limit}`);
    await page.getByText(`${limit - nearFrom} characters left.`).waitFor({ state: 'attached' });

    await messageInput().fill('x'.repeat(limit - 1));
    await page.keyboard.type('abc');
    expect((await messageInput().inputValue()).length).toBe(limit);
    expect(await counter.innerText()).toBe(`That's as long as a message can be. ${limit} / ${limit}`);
    await page.getByText(`Your message has reached the limit of ${limit} characters.`).waitFor({ state: 'attached' });
    expect(await counter.evaluate((element) => (element as unknown as PageElement).classList.contains('at-limit'))).toBe(true);
    await page.screenshot({ path: join(screenshots, 'length-limit.png') });

    await messageInput().fill('');
    expect(await counter.isHidden()).toBe(true);
  });

  it('books a repair by typing and clicking a quick reply', async () => {
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect(page.title()).resolves.toBe('Chat with Acme Telecom');
    expect(await log().getAttribute('aria-live')).toBe('polite');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('message');

    // The first reply is held back a little, so the typing indicator can be seen.
    let held = 0;
    await page.route('**/api/conversations/*/messages', async (route) => {
      if (route.request().method() === 'POST' && held++ === 0) await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await say("I'd like to book a repair");
    await page.locator('#typing').waitFor({ state: 'visible' });
    expect(await page.locator('#typing').innerText()).toMatch(/typing/i);
    await botSays(/Which day/);
    await page.locator('#typing').waitFor({ state: 'hidden' });
    await page.unroute('**/api/conversations/*/messages');

    await say('friday');
    await botSays(/What time/);
    await say('3pm');
    await botSays(/Friday, March 8 at 3:00 PM.*Shall I book it/);
    const yes = suggestions().getByRole('button', { name: 'Yes' });
    await yes.waitFor();
    expect(await suggestions().getByRole('button').allInnerTexts()).toEqual(['Yes', 'No']);
    await page.screenshot({ path: join(screenshots, 'quick-replies.png') });

    await yes.click();
    await botSays(/You're booked! Your repair visit is confirmed/);
    await suggestions().waitFor({ state: 'hidden' });
    expect(await suggestions().getByRole('button').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('message');

    const onPage = await expectPageMatchesTranscript();
    expect(onPage.map((entry) => entry.kind)).toEqual(['customer', 'bot', 'customer', 'bot', 'customer', 'bot', 'customer', 'bot']);
    // Screen readers hear who said what.
    expect(onPage[0]!.text).toBe("You said: I'd like to book a repair");
    expect(onPage[1]!.text).toBe('Assistant said: Which day works best for you?');
    expect(onPage[6]!.text).toBe('You said: yes');

    const picture = join(screenshots, 'booked.png');
    await page.screenshot({ path: picture });
    expect((await stat(picture)).size).toBeGreaterThan(10_000);
  });

  it('still shows the conversation after a reload, once each', async () => {
    const before = await shown();
    const id = await conversationId();
    await page.reload();
    await botSays(/You're booked/);
    expect(await conversationId()).toBe(id);
    expect(await shown()).toEqual(before);
    expect(await suggestions().isHidden()).toBe(true);
    await say('where is order AB123456?');
    await botSays(/shipped/);
    await expectPageMatchesTranscript();
  });

  it('keeps readable contrast and fits a phone-width screen', async () => {
    const contrasts = await page.evaluate(() => {
      const rgb = (value: string) => (value.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const luminance = (value: string) => {
        const [r = 0, g = 0, b = 0] = rgb(value).map((channel) => {
          const c = channel / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const background = (element: PageElement): string => {
        for (let node: PageElement | null = element; node; node = node.parentElement) {
          const color = getComputedStyle(node).backgroundColor;
          if (color && !color.startsWith('rgba(0, 0, 0, 0)') && color !== 'transparent') return color;
        }
        return 'rgb(255, 255, 255)';
      };
      return ['.message.customer', '.message.bot', '#send', '#new-conversation', '#message', '.chat-header h1'].map((selector) => {
        const element = document.querySelector(selector)!;
        const [a, b] = [luminance(getComputedStyle(element).color), luminance(background(element))];
        return { selector, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
      });
    });
    for (const { selector, ratio } of contrasts) expect(ratio, selector).toBeGreaterThanOrEqual(4.5);

    await page.setViewportSize({ width: 360, height: 700 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const composer = await page.locator('#composer').boundingBox();
    expect(composer!.x + composer!.width).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(screenshots, 'phone.png') });
    await page.setViewportSize({ width: 900, height: 760 });
  });

  it('works from the keyboard alone: a new conversation, quick replies by Tab and Enter, visible focus', async () => {
    await page.getByRole('button', { name: 'New conversation' }).click();
    expect(await shown()).toEqual([]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('message');
    await page.keyboard.type('I need a repair tomorrow at 3pm');
    await page.keyboard.press('Enter');
    await botSays(/Tuesday, March 5 at 3:00 PM/);
    await suggestions().getByRole('button', { name: 'No' }).waitFor();
    // From the text box, back through the suggestions: No, then Yes.
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('No');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Yes');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await botSays(/You're booked/);
    await suggestions().waitFor({ state: 'hidden' });
    await expectPageMatchesTranscript();
  });

  it('sends a message once when its answer is lost, and keeps an unsent one through a reload', async () => {
    const id = await conversationId();
    const messages = '**/api/conversations/*/messages';
    // The server runs the turn, but the answer never reaches the page: it retries the same message.
    let lost = 0;
    await page.route(messages, async (route) => {
      if (route.request().method() === 'POST' && lost++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await say('where is order CD654321?');
    // The event stream may show the reply first; the page still retries until it has an answer.
    await botSays(/delivered/);
    await page.waitForFunction(() => (JSON.parse(sessionStorage.getItem('parley.web-chat') ?? '{}') as { outbox?: unknown[] }).outbox?.length === 0);
    expect(lost).toBeGreaterThan(1);
    expect((await chat.transcript(id)).filter((entry) => entry.text === 'where is order CD654321?')).toHaveLength(1);
    expect(await log().locator('.message.customer', { hasText: 'CD654321' }).count()).toBe(1);
    await page.unroute(messages);

    // No network for sending: the message waits, survives a reload, and goes once the network is back.
    await page.route(messages, (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
    await say('is there an outage in 94105?');
    await page.getByText('Reconnecting…').waitFor();
    await page.reload();
    const waiting = log().locator('.message.customer.pending', { hasText: 'outage in 94105' });
    await waiting.waitFor();
    await botSays(/delivered/);
    await page.unroute(messages);
    await botSays(/outage/);
    await page.getByText('Reconnecting…').waitFor({ state: 'hidden' });
    expect(await log().locator('.message.customer', { hasText: 'outage in 94105' }).count()).toBe(1);
    await expectPageMatchesTranscript();
  });

  it('rides out a server restart: the message waits, is sent once, and the stream comes back', async () => {
    await say('I need an installation on friday');
    await botSays(/What time/);
    const id = await conversationId();
    const before = await chat.transcript(id);

    // The process stops: the socket closes and the store lets go of its folder. A new one starts.
    await stopListening();
    await store.close?.();
    chat = await startChat();
    expect(await chat.transcript(id)).toEqual(before);
    await say('at 10am');
    await page.getByText('Reconnecting…').waitFor();
    const pending = log().locator('.message.customer.pending', { hasText: 'at 10am' });
    await pending.waitFor();
    await page.waitForTimeout(500);
    expect(await pending.count()).toBe(1);

    await listen();
    await botSays(/visit for installation on Friday, March 8 at 10:00 AM/);
    await page.getByText('Reconnecting…').waitFor({ state: 'hidden' });
    expect(await log().locator('.message.customer', { hasText: 'at 10am' }).count()).toBe(1);
    expect((await chat.transcript(id)).filter((entry) => entry.text === 'at 10am')).toHaveLength(1);

    // The event stream reconnected by itself: a person's message arrives without a turn.
    await say('talk to a person');
    await page.getByText('Connecting you with a person', { exact: true }).waitFor();
    expect(await log().textContent()).not.toContain('General');
    await chat.bot.append(id, [{ from: 'agent', text: 'Hi, this is Sam. I can see your installation request.' }], { channel: 'web' });
    await log().locator('.message.agent', { hasText: 'this is Sam' }).waitFor();
    await say('bye');
    await page.getByText('The conversation has ended.').waitFor();
    await expectPageMatchesTranscript();
    await page.screenshot({ path: join(screenshots, 'handoff.png') });
    expect(pageErrors).toEqual([]);
  });
  it('renews its token past half its life, so a long conversation outlives the first token', async () => {
    // The page's clock and the server's move together, by the test's hand.
    let now = Date.UTC(2030, 2, 4, 14);
    const renewing = await createWebChat({ bot: chat.bot, heartbeatMs: 60_000, tokens: { secret: 'renewal-test-secret-0123456789abcdef', ttlSeconds: 120, now: () => now } });
    const own = await listenOnLoopback(renewing.app.fetch);
    const renewals: string[] = [];
    const clockPage = await context.newPage();
    try {
      clockPage.setDefaultTimeout(30_000);
      clockPage.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/token')) renewals.push(request.url());
      });
      await clockPage.clock.install({ time: now });
      await clockPage.goto(`http://127.0.0.1:${own.port}/`);
      const say = async (text: string, answer: RegExp) => {
        await clockPage.getByLabel('Your message').fill(text);
        await clockPage.getByLabel('Your message').press('Enter');
        await clockPage.getByRole('log', { name: 'Conversation' }).locator('.message.bot', { hasText: answer }).last().waitFor();
      };
      const advance = async (ms: number) => {
        now += ms;
        await clockPage.clock.fastForward(ms);
      };
      await say('hi', /virtual assistant/);
      const id = await pageConversationId(clockPage);
      expect(renewals).toEqual([]);
      // 70 s into a 120 s token: the next message renews it first.
      await advance(70_000);
      await say('where is order AB123456?', /delivered|shipped|on its way/i);
      expect(renewals).toHaveLength(1);
      // 140 s: the first token has expired; the renewed one carries the conversation on.
      await advance(70_000);
      await say('is there an outage in 94105?', /outage/i);
      expect(await pageConversationId(clockPage)).toBe(id);
      expect(await clockPage.getByText('This conversation has expired').count()).toBe(0);
      expect((await renewing.transcript(id)).filter((entry) => entry.from === 'customer')).toHaveLength(3);
    } finally {
      await clockPage.close();
      await own.close();
    }
  });
});
