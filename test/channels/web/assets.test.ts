import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from 'parley-sdk';
import { findPublicDirectory } from '../../../channels/web/static-assets.js';
import { createWebChat, type ErrorBody, type WebChatFixture } from './web-chat-fixtures.js';

const root = new URL('../../../', import.meta.url);
let chat: WebChatFixture;
const temporary: string[] = [];
beforeAll(async () => {
  chat = await createWebChat();
});
afterAll(async () => {
  for (const directory of temporary) await rm(directory, { recursive: true, force: true });
});

describe('web chat page and assets', () => {
  it('serves the page at / with the bot name, its language and a strict content security policy', async () => {
    const response = await chat.app.request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'self'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toContain('<html lang="en-US">');
    expect(html).toContain('<title>Chat with Acme Telecom</title>');
    expect(html).not.toContain('{{');
    // The accessible skeleton the script fills in.
    expect(html).toMatch(/<label for="message"[^>]*>Your message<\/label>/);
    expect(html).toMatch(/id="log"[^>]*role="log"[^>]*aria-live="polite"/);
    expect(html).toMatch(/<button type="submit" id="send">Send<\/button>/);
    expect(html).toContain('src="assets/chat.js"');
    expect(html).toContain('href="assets/chat.css"');
  });

  it('escapes the bot name into the page', async () => {
    const odd = await createWebChat({ bot: { ...chat.bot, name: '<script>alert("x")</script> & Co' } });
    const html = await (await odd.app.request('/')).text();
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(html).not.toContain('<script>alert');
  });

  it('writes the welcome and the longest message into the page, storing nothing', async () => {
    const writesBefore = chat.writes();
    const response = await chat.app.request('/');
    expect(response.headers.get('vary')).toBe('Accept-Language');
    const html = await response.text();
    const [greeting] = chat.bot.welcome().messages;
    expect(greeting).toMatch(/^Hi! I'm Acme Telecom's virtual assistant\. I can check an order, book a technician visit/);
    expect(html).toContain(`<p class="message bot welcome"><span class="visually-hidden">Assistant said: </span>${greeting!.replaceAll("'", '&#39;')}</p>`);
    expect(html).toMatch(/<div id="quick-replies" class="quick-replies" role="group" aria-label="Suggested replies">/);
    expect([...html.matchAll(/<button type="button" value="([^"]*)">/g)].map((match) => match[1])).toEqual([
      'I need a repair tomorrow at 3pm',
      'Where is order AB123456?',
      'Is there an outage in 94105?',
      'Talk to a person',
    ]);
    expect(html).toContain(`maxlength="${chat.bot.maxMessageLength}"`);
    expect(chat.bot.maxMessageLength).toBe(1024);
    expect(chat.writes()).toBe(writesBefore);
    expect(chat.calls.filter((call) => call.operation === 'write')).toEqual([]);
  });

  it('takes the limit from the bot, and hides the suggestions when there are none', async () => {
    const short = await createWebChat({ bot: { ...chat.bot, maxMessageLength: 280, welcome: (locale) => ({ locale: locale ?? 'en-US', messages: ['Hello.'], suggestions: [] }) } });
    const html = await (await short.app.request('/')).text();
    expect(html).toContain('maxlength="280"');
    expect(html).toMatch(/aria-label="Suggested replies" hidden><\/div>/);
  });

  it('escapes the welcome into the page', async () => {
    const odd = await createWebChat({
      bot: { ...chat.bot, welcome: () => ({ locale: 'en-US', messages: ['<img src=x onerror="alert(1)">'], suggestions: ['"><script>alert(2)</script>'] }) },
    });
    const html = await (await odd.app.request('/')).text();
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert');
  });

  it('greets in the bot locale that best serves the browser\'s languages', async () => {
    const bilingual = await createWebChat({
      bot: { ...chat.bot, locales: ['en-US', 'es-US'], defaultLocale: 'en-US', welcome: (locale) => ({ locale: locale ?? 'en-US', messages: [`welcome in ${locale}`], suggestions: [] }) },
    });
    const languageOf = async (acceptLanguage?: string) => {
      const html = await (await bilingual.app.request('/', acceptLanguage ? { headers: { 'Accept-Language': acceptLanguage } } : {})).text();
      return [/<html lang="([^"]+)">/.exec(html)?.[1], /welcome in ([\w-]+)/.exec(html)?.[1]];
    };
    expect(await languageOf('es-MX,es;q=0.9,en;q=0.5')).toEqual(['es-US', 'es-US']);
    expect(await languageOf('fr-FR, es;q=0.5, en;q=0.4')).toEqual(['es-US', 'es-US']);
    expect(await languageOf('en;q=0.2, es-US;q=0.8')).toEqual(['es-US', 'es-US']);
    expect(await languageOf('es;q=0, en-GB')).toEqual(['en-US', 'en-US']);
    expect(await languageOf('de-DE, *;q=0.1')).toEqual(['en-US', 'en-US']);
    expect(await languageOf()).toEqual(['en-US', 'en-US']);
  });

  it('serves the script and the style sheet with their content types', async () => {
    const script = await chat.app.request('/assets/chat.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('EventSource');
    const style = await chat.app.request('/assets/chat.css');
    expect(style.status).toBe(200);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await style.text()).toContain(':focus-visible');
  });

  it('serves nothing outside the public folder, whatever the path', async () => {
    const tricks = [
      '/assets/..%2Fpackage.json',
      '/assets/..%2F..%2F..%2Fpackage.json',
      '/assets/%2e%2e%2fcreate-web-chat-app.ts',
      '/assets/..%5Cpackage.json',
      '/assets/../index.ts',
      '/assets/%2E%2E/index.ts',
      '/assets/index.ts',
      '/assets/chat.js%00.css',
      '/assets/chat.js%2F',
      '/assets/.gitignore',
      '/assets/sub/chat.js',
      '/assets/CHAT.JS',
      '/assets/index.html',
      '/assets/',
      '/assets/missing.js',
      '/package.json',
      '/channels/web/public/chat.js',
      '/%2e%2e/package.json',
    ];
    for (const path of tricks) {
      const response = await chat.app.request(path);
      expect(response.status, path).toBe(404);
      const body = (await response.json()) as ErrorBody;
      expect(body.error.code, path).toBe('not-found');
    }
  });

  it('keeps the page as real files in channels/web/public', async () => {
    const directory = findPublicDirectory();
    expect(directory).toBe(join(new URL('channels/web/public', root).pathname));
    expect((await readdir(directory)).sort()).toEqual(['chat.css', 'chat.js', 'index.html']);
  });

  it('finds the public folder from the build output too, and says so when it cannot', async () => {
    const built = new URL('dist/channels/web/create-web-chat-app.js', root);
    expect(findPublicDirectory(built)).toBe(findPublicDirectory());
    const elsewhere = await mkdtemp(join(tmpdir(), 'parley-web-'));
    temporary.push(elsewhere);
    expect(() => findPublicDirectory(pathToFileURL(join(elsewhere, 'a', 'b.js')))).toThrow(ConfigurationError);
  });
});
