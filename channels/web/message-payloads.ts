/**
 * What the web chat API accepts, validated once at the boundary with zod, and how a message body
 * becomes the channel-neutral TurnInput.
 */
import * as z from 'zod';
import type { TurnContent, TurnInput } from '../../src/core/turn.js';

/** BCP 47 tag, loosely: `en`, `en-US`, `es-419`, `zh-Hant-TW`. The bot picks its nearest locale. */
const locale = z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/, 'a BCP 47 language tag such as en-US');

/** Lets a client retry a message after a network blip without the turn running twice. */
const clientMessageId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '1–64 letters, digits, _ or -');

const eventName = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'a name of letters, digits and _.-');

export const startBody = z.strictObject({ locale: locale.optional() });

export const messageBody = z.union([
  z.strictObject({ text: z.string(), locale: locale.optional(), clientMessageId: clientMessageId.optional() }),
  z.strictObject({
    event: z.strictObject({ name: eventName, value: z.unknown().optional() }),
    locale: locale.optional(),
    clientMessageId: clientMessageId.optional(),
  }),
]);

export type StartBody = z.infer<typeof startBody>;
export type MessageBody = z.infer<typeof messageBody>;

export const messageShapeHint = 'send { "text": "..." } or { "event": { "name": "...", "value": ... } }';

/** `after` in a query string or `Last-Event-ID`: a transcript entry id, 0 for "from the start". */
export function readEntryId(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return 0;
  if (!/^\d{1,15}$/.test(raw)) return undefined;
  return Number(raw);
}

export function toTurnInput(conversationId: string, body: MessageBody): TurnInput {
  const content: TurnContent = 'text' in body
    ? { kind: 'text', text: body.text }
    : { kind: 'event', name: body.event.name, value: body.event.value };
  const input: TurnInput = { conversationId, channel: 'web', content };
  if (body.locale) input.locale = body.locale;
  if (body.clientMessageId) input.idempotencyKey = body.clientMessageId;
  return input;
}
