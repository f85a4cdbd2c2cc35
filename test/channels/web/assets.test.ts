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
