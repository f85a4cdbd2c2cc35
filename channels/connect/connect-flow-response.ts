/**
 * What a flow Lambda answers Amazon Connect: a flat map of strings, which a block set to either
 * response validation (`STRING_MAP` or `JSON`) accepts and the flow reads as `$.External.<key>`. The
 * whole answer, as the JSON Connect receives, stays within the 32 KB Connect takes; keys are what a
 * contact attribute's key may be (letters, digits, `-` and `_`), so the flow can copy any of them.
 */
import { connectAttributesLimit, envelopeAttributes } from '../../src/handoff/envelope-attributes.js';
import type { HandoffEnvelope } from '../../src/handoff/handoff-envelope.js';

/** A flow Lambda's answer: what the flow reads as `$.External.<key>`. */
export type ConnectFlowResponse = Record<string, string>;

/** Connect's rule for contact attribute keys, which the flow may copy the answer into. */
const attributeKey = /^[A-Za-z0-9_-]+$/;
/** The prefix of Parley's own keys (`parley_found`, `parley_queue`…). */
const parleyPrefix = 'parley_';
/** Rendering the envelope again with less room fits in two or three tries; this many is plenty. */
const mostFittings = 8;

/** Bytes of the answer as Connect receives it: its JSON, in UTF-8. */
export function responseBytes(response: ConnectFlowResponse): number {
  return Buffer.byteLength(JSON.stringify(response), 'utf8');
}

/**
 * The envelope as the answer, with `alongside` (`parley_found`) kept: what does not fit in 32 KB of
 * JSON is left out as `envelopeAttributes` leaves it out (the transcript's oldest lines first).
 *
 * @example
 * envelopeResponse(envelope, { parley_found: 'true' }).parley_queue // 'Billing'
 */
export function envelopeResponse(envelope: HandoffEnvelope, alongside: ConnectFlowResponse): ConnectFlowResponse {
  // envelopeAttributes counts names and values; JSON adds quotes, separators and escapes (line
  // breaks, quotes and tabs in the transcript cost two bytes each): each try gives the text the room
  // the last one's JSON says it can have.
  let room = connectAttributesLimit;
  for (let attempt = 0; attempt < mostFittings; attempt++) {
    const response = { ...alongside, ...envelopeAttributes(envelope, { maxBytes: room, alongside }) };
    const bytes = responseBytes(response);
    if (bytes <= connectAttributesLimit) return response;
    room = Math.min(room - 1, Math.floor((room * connectAttributesLimit) / bytes));
  }
  // Only where, why and which conversation: they go whatever the room.
  return { ...alongside, ...envelopeAttributes(envelope, { maxBytes: 0, alongside }) };
}

/** A bot author's answer as the flow's map, or why it cannot be one. */
export type FlattenedAnswer = { kind: 'map'; map: ConnectFlowResponse } | { kind: 'invalid'; message: string };

/**
 * `lookupCustomer`'s answer as strings: numbers, booleans and big integers written out, dates in ISO
 * form, `null` and `undefined` left out. A nested object or list, a key the flow could not copy into
 * an attribute, a key of Parley's own, or an answer past 32 KB is refused, naming what is wrong.
 *
 * @example
 * flattenAnswer({ name: 'Ana', tier: 2, vip: true }, 'lookupCustomer')
 * // { kind: 'map', map: { name: 'Ana', tier: '2', vip: 'true' } }
 */
export function flattenAnswer(answer: unknown, source: string, alongside: ConnectFlowResponse): FlattenedAnswer {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
    return { kind: 'invalid', message: `${source} answered ${describe(answer)}; answer an object of flat values, like { name: 'Ana', tier: 'gold' }, or undefined when there is nothing` };
  }
  const map: ConnectFlowResponse = {};
  for (const [key, value] of Object.entries(answer)) {
    if (!attributeKey.test(key)) return { kind: 'invalid', message: `${source} answered the key "${key}": a key holds only letters, digits, - and _ (Connect's rule for contact attributes)` };
    if (key.startsWith(parleyPrefix)) return { kind: 'invalid', message: `${source} answered the key "${key}": keys starting with ${parleyPrefix} are Parley's own; name it otherwise` };
    const text = flatValue(value);
    if (text === null) return { kind: 'invalid', message: `${source} answered ${describe(value)} at "${key}": the flow reads flat values only; give each of its fields a key of its own (${key}_city, ${key}_zip…)` };
    if (text !== undefined) map[key] = text;
  }
  const response = { ...alongside, ...map };
  const bytes = responseBytes(response);
  if (bytes > connectAttributesLimit) return { kind: 'invalid', message: `${source} answered ${bytes} bytes of JSON; Connect takes at most ${connectAttributesLimit}: answer only what the flow and the agent need` };
  return { kind: 'map', map: response };
}

/** The value as text; undefined to leave it out; null when it is not flat. */
function flatValue(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return null;
}

/** What was answered, by kind, never by value: values are a customer's. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'an invalid date';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
