/**
 * The transcript kept with each conversation: what the customer said, what the bot answered, and
 * where a person took over, with ids that only grow (a page's `Last-Event-ID` stays valid across
 * restarts). Bounded in entries and in characters; the oldest entries go first.
 */
import type { NewTranscriptEntry, TranscriptEntry, TurnOutput } from '../core/turn.js';
import type { ConversationRecord } from './conversation-record.js';

export interface TranscriptLimits {
  /** Entries kept per conversation (0 keeps none but those recent answers point at; ids still count). */
  entries: number;
  /** Characters of text kept per conversation, across its entries. */
  characters: number;
}

/** Characters of one customer message kept: the bot refuses longer ones anyway, and says so. */
const longestCustomerText = 2000;

/**
 * Adds entries to the record's transcript (in place) and returns them with their ids. Entries
 * beyond the limits drop out oldest first; the ids given out are never given again.
 */
export function appendToTranscript(
  record: ConversationRecord,
  added: readonly NewTranscriptEntry[],
  at: string,
  limits: TranscriptLimits,
  keepFromId = Number.POSITIVE_INFINITY,
): TranscriptEntry[] {
  const transcript = record.transcript;
  // `id` first: an entry's text starts with it, so the oldest entry's id is read without parsing it.
  const entries = added.map((entry): TranscriptEntry => ({ id: transcript.next++, ...entry, at }));
  const kept = transcript.entries;
  for (const entry of entries) kept.push(JSON.stringify(entry));
  let characters = 0;
  let keep = 0;
  // Newest first: the newest entry always stays, whatever its length; so does every entry from
  // `keepFromId` on (the replies of recent answers point at them), whatever the limits. Characters
  // are counted as stored, a little more than the text alone.
  for (let index = kept.length - 1; index >= 0; index--) {
    const text = kept[index]!;
    const within = keep < limits.entries && (keep === 0 || characters + text.length <= limits.characters);
    if (!within && idOf(text) < keepFromId) break;
    characters += text.length;
    keep += 1;
  }
  if (keep < kept.length) kept.splice(0, kept.length - keep);
  return entries;
}

/** The entries with ids from `first` to `last` (default: all after `first - 1`) the transcript still holds. */
export function transcriptBetween(record: ConversationRecord, first: number, last = Number.POSITIVE_INFINITY): TranscriptEntry[] {
  const { entries } = record.transcript;
  const found: TranscriptEntry[] = [];
  // Ids ascend: only the entries asked for (and the one before them) are read.
  for (let index = entries.length - 1; index >= 0; index--) {
    const id = idOf(entries[index]!);
    if (id < first) break;
    if (id <= last) found.push(JSON.parse(entries[index]!) as TranscriptEntry);
  }
  return found.reverse();
}

/** The entries after an id that the transcript still holds. */
export function transcriptSince(record: ConversationRecord, afterId: number): TranscriptEntry[] {
  return transcriptBetween(record, afterId + 1);
}

/** An entry's id, from the start of its text (`{"id":12,…`). */
function idOf(text: string): number {
  return Number.parseInt(text.slice(6, text.indexOf(',', 6)), 10);
}

/**
 * A turn as transcript entries: the customer's words (none for an event or empty text), the bot's
 * messages with their quick replies, then one entry per directive (empty text, the directive set),
 * so a page that reloads shows "connecting you with a person" where it happened.
 */
export function turnEntries(customerText: string | undefined, output: Pick<TurnOutput, 'messages' | 'directives'>): NewTranscriptEntry[] {
  const entries: NewTranscriptEntry[] = [];
  const said = customerText?.trim();
  if (said) entries.push({ from: 'customer', text: said.length > longestCustomerText ? `${said.slice(0, longestCustomerText)}…` : said });
  for (const message of output.messages) {
    entries.push(
      message.quickReplies?.length
        ? { from: 'bot', text: message.text, quickReplies: message.quickReplies.map(({ title, value }) => ({ title, value })) }
        : { from: 'bot', text: message.text },
    );
  }
  for (const directive of output.directives) entries.push({ from: 'bot', text: '', directive });
  return entries;
}
