/**
 * Serves the chat page and its assets, with the headers a public page needs. The page arrives ready
 * to read: the bot's name, its welcome (greeting and suggestions) in the visitor's language, and the
 * longest message the bot accepts are written into the HTML, so nothing waits for a script or a
 * request, and no conversation is stored for a visitor who never types.
 */
import type { Context } from 'hono';
import { accepts } from 'hono/accepts';
import { matchLocale } from '../../src/core/locales.js';
import type { Bot } from '../../src/runtime/create-bot.js';
import type { AssetFolder } from './static-assets.js';
import { escapeHtml, pageHeaders } from './page-headers.js';

/** What of the bot the page shows. */
export type PageBot = Pick<Bot, 'name' | 'locales' | 'defaultLocale' | 'maxMessageLength' | 'welcome'>;

export function createChatPage(assets: AssetFolder, bot: PageBot) {
  // One rendering per bot locale: a handful at most.
  const pages = new Map<string, Promise<string | undefined>>();
  const renderPage = async (locale: string) => {
    const template = await assets.read('index.html');
    if (!template) return undefined;
    const welcome = bot.welcome(locale);
    return new TextDecoder()
      .decode(template.body)
      .replaceAll('{{botName}}', escapeHtml(bot.name))
      .replaceAll('{{language}}', escapeHtml(welcome.locale))
      .replaceAll('{{maxMessageLength}}', String(bot.maxMessageLength))
      .replaceAll('{{welcomeMessages}}', welcome.messages.map(welcomeMessage).join(''))
      .replaceAll('{{suggestions}}', welcome.suggestions.map(suggestionButton).join(''))
      .replaceAll('{{suggestionsHidden}}', welcome.suggestions.length === 0 ? ' hidden' : '');
  };

  return {
    async page(c: Context): Promise<Response | undefined> {
      const locale = pageLocale(c, bot);
      let page = pages.get(locale);
      if (!page) pages.set(locale, (page = renderPage(locale)));
      const html = await page;
      if (html === undefined) {
        pages.delete(locale);
        return undefined;
      }
      return c.html(html, 200, { ...pageHeaders, Vary: 'Accept-Language' });
    },
    async asset(c: Context, name: string): Promise<Response | undefined> {
      if (name === 'index.html') return undefined;
      const asset = await assets.read(name);
      if (!asset) return undefined;
      return c.body(asset.body, 200, { ...pageHeaders, 'Content-Type': asset.contentType });
    },
  };
}

/** The bot locale that best serves the browser's `Accept-Language` (`es-MX` is served by `es-US`), else the default. */
function pageLocale(c: Context, bot: PageBot): string {
  return accepts(c, {
    header: 'Accept-Language',
    supports: [...bot.locales],
    default: bot.defaultLocale,
    match: (wanted, { supports, default: fallback }) => {
      const preferred = wanted.filter((language) => language.q > 0).sort((a, b) => b.q - a.q);
      for (const language of preferred) {
        const locale = language.type === '*' ? undefined : matchLocale(language.type, supports);
        if (locale) return locale;
      }
      return fallback;
    },
  });
}

/** A bot bubble as chat.js draws one, so the greeting reads like the replies that follow it. */
function welcomeMessage(text: string): string {
  return `<p class="message bot welcome"><span class="visually-hidden">Assistant said: </span>${escapeHtml(text)}</p>`;
}

function suggestionButton(text: string): string {
  return `<button type="button" value="${escapeHtml(text)}">${escapeHtml(text)}</button>`;
}
