/**
 * What Event Grid posts to a webhook, in either of its schemas, read into one shape. The Event Grid
 * schema always posts an array of `{id, topic, subject, eventType, eventTime, data, dataVersion}`;
 * CloudEvents 1.0 posts `{id, source, subject, type, time, data, specversion}`, one event or a batch.
 * Field names are checked strictly where the two schemas differ and leniently where real deliveries
 * do (`specversion` and `specVersion` are both seen).
 */
import * as z from 'zod';

/** One delivered event, whichever schema it came in. */
export interface GridEvent {
  /** Unique per event; a redelivery of the same event has the same id. */
  id: string;
  /** `Microsoft.Communication.ChatMessageReceivedInThread`… */
  type: string;
  /** The resource that published it (the Event Grid schema's `topic`, CloudEvents' `source`). */
  source: string;
  subject: string;
  time: string;
  data: unknown;
  schema: 'EventGrid' | 'CloudEvents';
}

/** The handshake event that proves a new Event Grid subscription reaches this endpoint. */
export const validationEventType = 'Microsoft.EventGrid.SubscriptionValidationEvent';

const text = z.string().min(1).max(1024);

const eventGridEvent = z.object({
  id: text,
  topic: z.string().max(1024).default(''),
  subject: z.string().max(1024).default(''),
  eventType: text,
  eventTime: z.string().max(64).default(''),
  data: z.unknown(),
  dataVersion: z.string().max(64).optional(),
});

const cloudEvent = z
  .object({
    id: text,
    source: z.string().max(1024),
    subject: z.string().max(1024).default(''),
    type: text,
    time: z.string().max(64).default(''),
    data: z.unknown(),
    specversion: z.string().optional(),
    specVersion: z.string().optional(),
  })
  .refine((event) => (event.specversion ?? event.specVersion) === '1.0', { message: 'specversion must be 1.0', path: ['specversion'] });

/** Events in a delivery, at most (Event Grid batches up to 5,000; a webhook asks for far fewer). */
export const maxEventsPerDelivery = 500;

export type ParsedDelivery = { kind: 'events'; events: GridEvent[] } | { kind: 'invalid'; message: string };

/**
 * Reads a delivery's JSON body. The schema is known from the shape: `eventType` is the Event Grid
 * schema's, `type` the CloudEvents'; one delivery never mixes them.
 *
 * @example
 * const delivery = parseDelivery(JSON.parse(body)); // { kind: 'events', events: [...] }
 */
export function parseDelivery(body: unknown): ParsedDelivery {
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0) return { kind: 'invalid', message: 'The delivery holds no event.' };
  if (items.length > maxEventsPerDelivery) return { kind: 'invalid', message: `A delivery holds at most ${maxEventsPerDelivery} events; set the subscription's maxEventsPerBatch lower.` };
  const cloud = typeof items[0] === 'object' && items[0] !== null && 'type' in items[0] && !('eventType' in items[0]);
  if (!cloud && !Array.isArray(body)) return { kind: 'invalid', message: 'Event Grid schema deliveries are a JSON array of events.' };
  const events: GridEvent[] = [];
  for (const [index, item] of items.entries()) {
    if (cloud) {
      const parsed = cloudEvent.safeParse(item);
      if (!parsed.success) return invalid(index, parsed.error, 'a CloudEvents 1.0 event: {id, source, type, time, data, specversion: "1.0"}');
      const { id, source, subject, type, time, data } = parsed.data;
      events.push({ id, type, source, subject, time, data, schema: 'CloudEvents' });
    } else {
      const parsed = eventGridEvent.safeParse(item);
      if (!parsed.success) return invalid(index, parsed.error, 'an Event Grid event: {id, topic, subject, eventType, eventTime, data, dataVersion}');
      const { id, topic, subject, eventType, eventTime, data } = parsed.data;
      events.push({ id, type: eventType, source: topic, subject, time: eventTime, data, schema: 'EventGrid' });
    }
  }
  return { kind: 'events', events };
}

function invalid(index: number, error: z.ZodError, expected: string): ParsedDelivery {
  // Field paths only: values may be customer text.
  const where = [...new Set(error.issues.map((issue) => issue.path.join('.') || '(event)'))].join(', ');
  return { kind: 'invalid', message: `Event ${index} is not ${expected} (at ${where}).` };
}

/**
 * A data object's field by name, ignoring case: ACS documents SMS events' data in camelCase, and its
 * examples and real deliveries use PascalCase.
 */
export function field(data: unknown, name: string): unknown {
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Record<string, unknown>;
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}
