/**
 * Serves the agent desk page and its files, with the headers the web chat page has (a strict Content
 * Security Policy: nothing but the desk's own script, styles and API). They hold no data, so they are
 * public: everything about a handoff comes from the API, behind the operator token.
 */
import type { Context } from 'hono';
import type { AssetFolder } from '../web/static-assets.js';
import { escapeHtml, pageHeaders } from '../web/page-headers.js';

export interface DeskPageSettings {
  botName: string;
  /** The longest message the person may write (the text box's `maxlength`). */
  maxMessageLength: number;
}

export function createDeskPage(assets: AssetFolder, settings: DeskPageSettings) {
  let page: Promise<string | undefined> | undefined;
  const render = async () => {
    const template = await assets.read('index.html');
    if (!template) return undefined;
    return new TextDecoder()
      .decode(template.body)
      .replaceAll('{{botName}}', escapeHtml(settings.botName))
      .replaceAll('{{maxMessageLength}}', String(settings.maxMessageLength));
  };
  return {
    async page(c: Context): Promise<Response | undefined> {
      const html = await (page ??= render());
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
