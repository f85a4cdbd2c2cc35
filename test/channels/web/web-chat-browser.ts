// Shared set-up for the tests that drive the web chat in Debian's Chromium through playwright-core:
// the browser, a loopback server for the app, and the log as a person (or a screen reader) reads it.
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { WebChatFixture } from './web-chat-fixtures.js';

// The page's globals, as the functions passed to page.evaluate see them: the project's lib has no DOM.
export interface PageElement {
  id: string;
  textContent: string | null;
  dataset: Record<string, string | undefined>;
  classList: { contains(name: string): boolean };
  parentElement: PageElement | null;
}

export const chromiumPath = '/usr/bin/chromium';
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const hasChromium = existsSync(chromiumPath);
const inCi = Boolean(process.env.CI);

/**
 * Whether a browser test runs: with Chromium, and always in CI (where a missing Chromium fails the
 * test instead of skipping it). Says why when it is skipped.
 */
export function browserTestsRun(what: string): boolean {
  if (!hasChromium && !inCi) console.warn(`${what} skipped: no Chromium at ${chromiumPath} (apt-get install chromium). In CI this fails instead.`);
  return hasChromium || inCi;
}

/** Chromium, headless; playwright-core starts it with a fresh, empty user data directory of its own. */
export async function launchChromium(): Promise<Browser> {
  expect(hasChromium, `no Chromium at ${chromiumPath}: CI must install it (apt-get install chromium)`).toBe(true);
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}

export interface LoopbackServer {
  port: number;
  close(): Promise<void>;
}

/** Serves `fetch` on 127.0.0.1 (`port` 0: a free one). */
export async function listenOnLoopback(fetch: (request: Request) => Response | Promise<Response>, port = 0): Promise<LoopbackServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = serve({ fetch, hostname: '127.0.0.1', port }, () => resolve(listening as Server));
    listening.once('error', reject);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface Shown {
  id: number;
  kind: 'customer' | 'bot' | 'agent' | 'note';
  text: string;
}

/** What the log shows, entry by entry, as a person (or a screen reader) would read it. */
export function shown(page: Page): Promise<Shown[]> {
  return page.$$eval('#log [data-id]', (elements) =>
    elements.map((element) => {
      const html = element as unknown as PageElement;
      const kind = html.classList.contains('note') ? 'note' : html.classList.contains('customer') ? 'customer' : html.classList.contains('agent') ? 'agent' : 'bot';
      return { id: Number(html.dataset.id), kind, text: html.textContent ?? '' } as Shown;
    }),
  );
}

/** The id of the conversation the page is in (none before the first message). */
export function pageConversationId(page: Page): Promise<string> {
  return page.evaluate(() => {
    const storage = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage;
    return (JSON.parse(storage.getItem('parley.web-chat') ?? '{}') as { conversationId?: string }).conversationId ?? '';
  });
}

/** The page shows exactly the stored transcript: every entry, once, in order (directives and a person joining or leaving as notes). */
export async function expectPageMatchesTranscript(page: Page, chat: WebChatFixture): Promise<Shown[]> {
  const transcript = await chat.transcript(await pageConversationId(page));
  const onPage = await shown(page);
  expect(onPage.map((entry) => entry.id)).toEqual(transcript.map((entry) => entry.id));
  for (const [index, entry] of transcript.entries()) {
    const seen = onPage[index]!;
    if (entry.directive || entry.event) expect(seen.kind).toBe('note');
    else {
      expect(seen.kind).toBe(entry.from);
      expect(seen.text).toContain(entry.text);
    }
  }
  return onPage;
}
