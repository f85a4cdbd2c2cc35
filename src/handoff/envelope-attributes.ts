/**
 * The envelope as a flat map of strings — what Amazon Connect keeps as contact attributes and Lex as
 * session attributes — within the target's size limit. What is essential (where, why, which
 * conversation) always goes; then the summary, the task's values, the intents and the sentiment;
 * then as much of the transcript as fits, newest first, its oldest lines dropped. Never fails.
 */
import type { SlotValue } from '../core/turn.js';
import type { EnvelopeLine, HandoffEnvelope } from './handoff-envelope.js';

/** Amazon Connect: a contact's attributes, and a flow Lambda's answer, hold at most 32 KB in all. */
export const connectAttributesLimit = 32 * 1024;
/** Amazon Lex V2: session and request attributes hold at most 12 KB in all. */
export const lexAttributesLimit = 12 * 1024;

/** The attribute names, so flows and code read them by one spelling (`$.Attributes.parley_queue`). */
export const envelopeAttributeNames = {
  conversationId: 'parley_conversation_id',
  queue: 'parley_queue',
  reason: 'parley_reason',
  locale: 'parley_locale',
  channel: 'parley_channel',
  summary: 'parley_summary',
  intents: 'parley_intents',
  task: 'parley_task',
  missing: 'parley_missing',
  sentiment: 'parley_sentiment',
  transcript: 'parley_transcript',
  /** Prefix of one attribute per slot given: `parley_slot_date`. */
  slotPrefix: 'parley_slot_',
} as const;

export interface EnvelopeAttributesOptions {
  /** Bytes (UTF-8, names and values) the whole map may hold, `alongside` included. */
  maxBytes: number;
  /** Attributes the map is merged into (a Lex session's own): they count against `maxBytes` and are kept. */
  alongside?: Readonly<Record<string, string>>;
}

/**
 * @example
 * const attributes = envelopeAttributes(envelope, { maxBytes: connectAttributesLimit });
 * attributes.parley_queue // 'Billing'
 * attributes.parley_transcript // 'customer: I was charged twice\nbot: …'
 */
export function envelopeAttributes(envelope: HandoffEnvelope, options: EnvelopeAttributesOptions): Record<string, string> {
  const names = envelopeAttributeNames;
  const map: Record<string, string> = {};
  let room = options.maxBytes - attributesBytes(options.alongside ?? {});
  // Each name is put once; a value that does not fit is left out, or cut to fit when `shorten`.
  const put = (name: string, value: string, { shorten = false } = {}): void => {
    const available = room - bytes(name);
    const fitting = bytes(value) <= available ? value : shorten ? truncateToBytes(value, available) : '';
    if (fitting === '') return;
    map[name] = fitting;
    room = available - bytes(fitting);
  };
  // Where and why go whatever the room: without them the handoff cannot happen.
  for (const [name, value] of [[names.queue, envelope.queue], [names.reason, envelope.reason], [names.conversationId, envelope.conversationId]] as const) {
    map[name] = value;
    room -= bytes(name) + bytes(value);
  }
  put(names.locale, envelope.locale);
  put(names.channel, envelope.channel);
  put(names.summary, envelope.summary, { shorten: true });
  if (envelope.task) {
    put(names.task, envelope.task.dialog);
    for (const [slot, value] of Object.entries(envelope.task.slots)) put(`${names.slotPrefix}${slot}`, formatValue(value));
    if (envelope.task.missing.length > 0) put(names.missing, envelope.task.missing.join(','));
  }
  if (envelope.intents.length > 0) put(names.intents, envelope.intents.join(','));
  if (envelope.sentiment) put(names.sentiment, envelope.sentiment.label);
  const transcript = transcriptText(envelope.transcript, room - bytes(names.transcript));
  if (transcript) put(names.transcript, transcript);
  return map;
}

/**
 * The transcript as lines a person reads (`customer: …`), newest kept: older lines are dropped, and
 * said so, until it fits in `maxBytes`; empty when not even the newest line's start fits.
 *
 * @example
 * transcriptText(envelope.transcript, 2048) // '(4 earlier lines left out)\ncustomer: …\nbot: …'
 */
export function transcriptText(lines: readonly EnvelopeLine[], maxBytes: number): string {
  const kept: string[] = [];
  let used = 0;
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = `${lines[index]!.from}: ${lines[index]!.text.replace(/[\r\n]+/g, ' ')}`;
    const dropped = index; // the lines before this one
    const note = dropped > 0 ? bytes(omittedNote(dropped)) + 1 : 0;
    const cost = bytes(line) + (kept.length > 0 ? 1 : 0);
    if (used + cost + note > maxBytes) {
      // Not even the newest line fits whole: as much of it as does.
      if (kept.length === 0) return truncateToBytes(line, maxBytes);
      const left = lines.length - kept.length;
      return [omittedNote(left), ...kept.reverse()].join('\n');
    }
    kept.push(line);
    used += cost;
  }
  return kept.reverse().join('\n');
}

function omittedNote(count: number): string {
  return `(${count} earlier ${count === 1 ? 'line' : 'lines'} left out)`;
}

function formatValue(value: SlotValue): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * The bytes a map of attributes counts against Connect's and Lex's limits: names and values, UTF-8.
 *
 * @example
 * attributesBytes({ parley_queue: 'Billing' }) // 19
 */
export function attributesBytes(map: Readonly<Record<string, string>>): number {
  let total = 0;
  for (const [name, value] of Object.entries(map)) total += bytes(name) + bytes(value);
  return total;
}

/** The longest start of `text` within `maxBytes`, cut at a character boundary, with `…` when cut. */
function truncateToBytes(text: string, maxBytes: number): string {
  if (bytes(text) <= maxBytes) return text;
  const ellipsis = '…';
  const budget = maxBytes - bytes(ellipsis);
  if (budget <= 0) return '';
  let used = 0;
  let end = 0;
  for (const character of text) {
    const size = bytes(character);
    if (used + size > budget) break;
    used += size;
    end += character.length;
  }
  return `${text.slice(0, end)}${ellipsis}`;
}
