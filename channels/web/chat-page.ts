/** Serves the chat page and its assets, with the headers a public page needs. */
import type { Context } from 'hono';
import type { AssetFolder } from './static-assets.js';

const pageHeaders = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => escapes[character]!);

export interface PageDetails {
  /** Shown in the title and header. */
  botName: string;
  /** The page's `lang`. */
  language: string;
}

export function createChatPage(assets: AssetFolder, details: PageDetails) {
  let page: Promise<string | undefined> | undefined;
  const renderPage = async () => {
    const template = await assets.read('index.html');
    if (!template) return undefined;
    return new TextDecoder()
      .decode(template.body)
      .replaceAll('{{botName}}', escapeHtml(details.botName))
      .replaceAll('{{language}}', escapeHtml(details.language));
  };

  return {
    async page(c: Context): Promise<Response | undefined> {
      page ??= renderPage();
      const html = await page;
      if (html === undefined) {
        page = undefined;
        return undefined;
      }
      return c.html(html, 200, pageHeaders);
    },
    async asset(c: Context, name: string): Promise<Response | undefined> {
      if (name === 'index.html') return undefined;
      const asset = await assets.read(name);
      if (!asset) return undefined;
      return c.body(asset.body, 200, { ...pageHeaders, 'Content-Type': asset.contentType });
    },
  };
}
