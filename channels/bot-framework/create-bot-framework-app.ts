/**
 * `POST /api/messages`: the Bot Framework protocol, through which Azure Bot Service, Teams and Web
 * Chat (Direct Line) reach the bot. HTTP concerns only; the activity is handled in handle-activity.ts.
 *
 * botbuilder (about 700 ms and 400 modules to load) is imported when the channel is first used: at
 * once when `auth` is set (a deployed bot is there to serve Bot Framework), else on the first
 * activity (the Emulator on a developer's machine), so a server that never sees one never loads it.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { pino, type Logger } from 'pino';
import { ConfigurationError } from '../../src/core/errors.js';
import type { Bot } from '../../src/runtime/create-bot.js';
import type { BotFrameworkAuth } from './activity-adapter.js';
import { errorAnswer, type ActivityAnswer } from './activity-answer.js';
import { checkAuthSettings } from './auth-settings.js';
import type { ActivityHandlerOptions } from './handle-activity.js';
import { createServiceUrlPolicy } from './service-url-policy.js';

export interface BotFrameworkAppOptions {
  bot: Bot;
  /** The Azure Bot's app registration. Without it authentication is off: for the Emulator on your machine only. */
  auth?: BotFrameworkAuth;
  /**
   * URL prefixes replies may be POSTed to besides loopback, like `https://smba.trafficmanager.net/` or
   * `https://*.botframework.com/`. Default: with `auth`, any serviceUrl a valid token vouches for;
   * without, loopback only (127.0.0.0/8, ::1, localhost). Other activities get 403 before the bot runs.
   */
  allowedServiceUrls?: string[];
  /** Default: info level to standard output. No customer text is ever logged. */
  logger?: Logger;
  /** Larger bodies are refused with 413 before they are read. Default 256 kB. */
  maxBodyBytes?: number;
  /**
   * The event turn to run when a customer joins a one-to-one conversation, e.g. `Greeting`.
   * Default: none. Group chats and Teams channels are never greeted.
   */
  welcomeEvent?: string;
}

const jsonType = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * A hono app that answers Bot Framework activities on `POST /`; mount it at `/api/messages`.
 *
 * @example
 * const app = new Hono();
 * app.route('/api/messages', createBotFrameworkApp({ bot, auth: { appId, appPassword } }));
 */
export function createBotFrameworkApp(options: BotFrameworkAppOptions): Hono {
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new ConfigurationError('maxBodyBytes', `must be a positive whole number of bytes, not ${maxBodyBytes}`);
  }
  if (options.auth) checkAuthSettings(options.auth);
  const logger = (options.logger ?? pino({ name: 'parley' })).child({ channel: 'bot-framework' });
  const serviceUrlAllowed = createServiceUrlPolicy({ authenticated: options.auth !== undefined, allowed: options.allowedServiceUrls });
  if (!options.auth) {
    logger.warn(
      { allowedServiceUrls: options.allowedServiceUrls?.length ?? 0 },
      'Bot Framework authentication is off (no app id): use this only with the Emulator on your machine; replies go only to loopback and allowed serviceUrls',
    );
  }
  const intents = new Set(Object.values(options.bot.model.locales).flatMap((locale) => locale.intents.map((intent) => intent.name)));
  const handleActivity = loadActivityHandler(options.auth, {
    bot: options.bot,
    logger,
    serviceUrlAllowed,
    parse: { welcomeEvent: options.welcomeEvent, acceptsEvent: (name) => intents.has(name) },
  });
  // Notifications (bot.notify) reach Bot Framework conversations at the reference kept with them.
  options.bot.reach('bot-framework', {
    async refuses(_conversationId, address) {
      return address?.serviceUrl && serviceUrlAllowed(address.serviceUrl) ? undefined : 'no-address';
    },
    async deliver(_conversationId, address, messages) {
      if (!address?.serviceUrl || !serviceUrlAllowed(address.serviceUrl)) throw new Error('the conversation has no Bot Framework reference this bot may write to');
      await (await handleActivity()).deliver(address, messages);
    },
  });
  if (options.auth) {
    // Loaded now, so the first activity does not wait; a failure is logged here and answered with 500.
    handleActivity().catch((error: Error) => logger.error({ err: { name: error.name, message: error.message } }, 'the Bot Framework channel could not be set up'));
  }

  const app = new Hono();
  app.post(
    '/',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => reply(c, errorAnswer(413, 'payload-too-large', `The body is larger than ${maxBodyBytes} bytes.`)),
    }),
    async (c) => {
      if (!jsonType.test(c.req.header('Content-Type') ?? '')) {
        return reply(c, errorAnswer(415, 'unsupported-media-type', 'Send the activity as JSON, with Content-Type: application/json.'));
      }
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        return reply(c, errorAnswer(400, 'invalid-json', 'The body is not valid JSON.'));
      }
      return reply(c, await (await handleActivity())(body, c.req.header('Authorization') ?? ''));
    },
  );
  app.all('/', (c) => {
    c.header('Allow', 'POST');
    return reply(c, errorAnswer(405, 'method-not-allowed', 'Bot Framework activities are sent with POST.'));
  });
  app.onError((error, c) => {
    logger.error({ err: { name: error.name, message: error.message.slice(0, 200) } }, 'bot-framework request failed');
    return reply(c, errorAnswer(500, 'internal', 'The activity could not be processed.'));
  });
  return app;
}

type ActivityHandler = Awaited<ReturnType<typeof import('./handle-activity.js').createActivityHandler>>;

/** The botbuilder half of the channel, imported and set up on the first call; later calls share it. */
function loadActivityHandler(auth: BotFrameworkAuth | undefined, options: Omit<ActivityHandlerOptions, 'adapter'>): () => Promise<ActivityHandler> {
  let loading: Promise<ActivityHandler> | undefined;
  return () =>
    (loading ??= (async () => {
      const [{ createActivityAdapter }, { createActivityHandler }] = await Promise.all([import('./activity-adapter.js'), import('./handle-activity.js')]);
      return createActivityHandler({ ...options, adapter: createActivityAdapter(auth), ...(auth ? { appId: auth.appId } : {}) });
    })());
}

function reply(c: Context, answer: ActivityAnswer): Response {
  for (const [name, value] of Object.entries(answer.headers ?? {})) c.header(name, value);
  const status = answer.status as ContentfulStatusCode;
  return answer.body === undefined ? c.body(null, status) : c.json(answer.body as object, status);
}
