/**
 * The Event Grid webhook ACS channels receive through (a Node bot cannot use ACS chat's real-time
 * notifications: they work only in a browser). It answers the subscription handshakes — the Event
 * Grid schema's validation event and CloudEvents' OPTIONS with `WebHook-Request-Origin` — checks who
 * is calling (event-grid-auth.ts) before reading anything, takes each event once however often it is
 * delivered (Event Grid delivers at least once, with the same id), and gives it to the handler of its
 * type; other types are acknowledged and ignored, so Event Grid does not retry them.
 *
 * Answers: 200 when every event was taken (or was a repeat, or one the channel cannot read, which is
 * logged: a retry would fail the same way); 400 for a body that is not a delivery and
 * 401/403 for a caller that is not Event Grid (Event Grid does not retry these); 503 with Retry-After
 * when a conversation was busy and 500 when a handler failed (it retries the delivery, and the events
 * taken already are not taken again).
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import { ChannelPayloadError, ConversationBusyError, ParleyError } from '../../src/core/errors.js';
import { eventGridAuth, secretHeader, type EventGridAuthOptions } from './event-grid-auth.js';
import { field, parseDelivery, validationEventType, type GridEvent } from './event-grid-events.js';
import { createEventLedger } from './event-ledger.js';

/** Takes one event; rejects to have Event Grid deliver it again. */
export type GridEventHandler = (event: GridEvent) => Promise<void>;

export interface EventGridAppOptions {
  auth: EventGridAuthOptions;
  /** By event type (`Microsoft.Communication.ChatMessageReceivedInThread`). */
  handlers: Readonly<Record<string, GridEventHandler>>;
  /**
   * The publishers whose events are taken (the ACS resource's id, as the events' `topic` or
   * `source`), compared ignoring case. Default: any that passes the auth check.
   */
  topics?: readonly string[];
  logger: Logger;
  maxBodyBytes: number;
  /** Counted: `event-grid-auth` for a refused caller, `event-grid` for a failed handler. */
  countError?: (kind: string) => void;
  /** Event ids remembered as taken, in this process (default 10,000); a store's idempotency covers the rest. */
  rememberEvents?: number;
}

/** The origin Event Grid's CloudEvents handshake names. */
const eventGridOrigin = 'eventgrid.azure.net';

/**
 * @example
 * app.route('/api/acs/events', createEventGridApp({ auth: { secret }, handlers: { [chatMessageEvent]: chat.receive }, logger, maxBodyBytes }));
 */
export function createEventGridApp(options: EventGridAppOptions): Hono {
  const { logger, handlers } = options;
  const check = eventGridAuth(options.auth);
  const topics = options.topics && new Set(options.topics.map((topic) => topic.toLowerCase()));
  const ledger = createEventLedger(options.rememberEvents ?? 10_000);
  const app = new Hono();

  const refuse = async (c: Context): Promise<Response | undefined> => {
    const verdict = await check({ code: c.req.query('code'), header: c.req.header(secretHeader), authorization: c.req.header('Authorization') });
    if (verdict.ok) return undefined;
    if (verdict.status !== 503) {
      options.countError?.('event-grid-auth');
      logger.warn({ path: c.req.path, method: c.req.method }, 'event grid delivery refused: not from the subscription');
    }
    if (verdict.status === 503) c.header('Retry-After', '10');
    return c.json({ error: { code: verdict.status === 503 ? 'unavailable' : 'unauthorized', message: verdict.message } }, verdict.status);
  };

  // CloudEvents' abuse-protection handshake: the subscription asks whether it may deliver here.
  app.options('/', async (c) => {
    const refused = await refuse(c);
    if (refused) return refused;
    const origin = c.req.header('WebHook-Request-Origin');
    if (!origin) return c.json({ error: { code: 'invalid-handshake', message: 'A CloudEvents handshake names its origin in WebHook-Request-Origin.' } }, 400);
    if (origin.toLowerCase() !== eventGridOrigin) return c.json({ error: { code: 'forbidden-origin', message: `Only ${eventGridOrigin} may deliver here.` } }, 403);
    logger.info({ schema: 'CloudEvents' }, 'event grid subscription validated');
    return c.body(null, 200, { 'WebHook-Allowed-Origin': origin, 'WebHook-Allowed-Rate': '*' });
  });

  app.post(
    '/',
    bodyLimit({ maxSize: options.maxBodyBytes, onError: (c) => c.json({ error: { code: 'payload-too-large', message: `The delivery is larger than ${options.maxBodyBytes} bytes; lower the subscription's maxEventsPerBatch.` } }, 413) }),
    async (c) => {
      const refused = await refuse(c);
      if (refused) return refused;
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        return c.json({ error: { code: 'invalid-json', message: 'The body is not valid JSON.' } }, 400);
      }
      const delivery = parseDelivery(body);
      if (delivery.kind === 'invalid') return c.json({ error: { code: 'invalid-payload', message: delivery.message } }, 400);
      const { events } = delivery;
      const handshake = events.find((event) => event.type === validationEventType);
      if (handshake) {
        const code = field(handshake.data, 'validationCode');
        if (typeof code !== 'string' || code === '') return c.json({ error: { code: 'invalid-handshake', message: 'The validation event has no data.validationCode.' } }, 400);
        logger.info({ schema: handshake.schema }, 'event grid subscription validated');
        return c.json({ validationResponse: code });
      }
      const stranger = topics && events.find((event) => !topics.has(event.source.toLowerCase()));
      if (stranger) {
        options.countError?.('event-grid-auth');
        logger.warn({ eventId: stranger.id }, 'event grid event refused: from a resource this bot does not serve');
        return c.json({ error: { code: 'forbidden-topic', message: 'The events come from a resource this bot does not serve; add it to eventGrid.topics.' } }, 403);
      }
      for (const event of events) {
        const handler = handlers[event.type];
        if (!handler) continue;
        try {
          await ledger.once(event.id, () => handler(event));
        } catch (error) {
          // An event the channel cannot read would fail every retry: it is set aside, and said.
          if (error instanceof ChannelPayloadError) {
            options.countError?.('event-grid');
            logger.warn({ eventId: event.id, eventType: event.type, err: { name: error.name, message: error.message.slice(0, 200) } }, 'event grid event not readable; acknowledged without taking it');
            continue;
          }
          return failed(c, event, error);
        }
      }
      return c.json({ taken: events.length });
    },
  );

  function failed(c: Context, event: GridEvent, error: unknown): Response {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    if (error instanceof ConversationBusyError) {
      c.header('Retry-After', String(error.retryAfterSeconds));
      return c.json({ error: { code: 'conversation-busy', message: 'A turn of this conversation is under way; deliver again shortly.' } }, 503);
    }
    options.countError?.('event-grid');
    // The event's id and type, never its data.
    logger.error({ eventId: event.id, eventType: event.type, err: { name, message: ParleyError.isInstance(error) ? message.slice(0, 200) : name } }, 'event grid event failed');
    return c.json({ error: { code: 'internal', message: 'The event could not be taken; deliver it again.' } }, 500);
  }

  return app;
}
