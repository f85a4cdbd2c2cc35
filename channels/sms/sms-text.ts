/**
 * What an SMS costs and where a long one is cut. A message in the GSM 7-bit alphabet fits 160
 * characters in one segment (153 per segment once concatenated; the extension characters `^{}\[~]|€`
 * and form feed take two); any other character makes the whole message UCS-2: 70 code units alone, 67
 * per concatenated segment, an emoji two. Carriers keep a two-septet character or a surrogate pair
 * inside one segment, so segments are counted by packing them, not by dividing.
 */

// GSM 03.38: the basic set (127 characters and the escape) and the extension table.
const gsmBasic = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');
const gsmExtension = new Set('\f^{}\\[~]|€');

/** Segment sizes: a message alone, and each segment of a concatenated one. */
const capacity = { gsm7: { single: 160, concatenated: 153 }, ucs2: { single: 70, concatenated: 67 } } as const;

export type SmsEncoding = 'gsm7' | 'ucs2';

/** What one SMS text costs. */
export interface SmsMeasure {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

/** Septets a character takes in GSM-7, or 0 when it has none (the message must be UCS-2). */
function septets(character: string): 0 | 1 | 2 {
  return gsmBasic.has(character) ? 1 : gsmExtension.has(character) ? 2 : 0;
}

/** Counts units and segments as characters are added; one per encoding. */
class Packer {
  units = 0;
  private segments = 1;
  private fill = 0;
  constructor(private readonly sizes: { single: number; concatenated: number }) {}
  add(cost: number): void {
    this.units += cost;
    if (this.fill + cost > this.sizes.concatenated) {
      this.segments += 1;
      this.fill = cost;
    } else {
      this.fill += cost;
    }
  }
  get count(): number {
    return this.units <= this.sizes.single ? 1 : this.segments;
  }
}

/**
 * The encoding a carrier uses for this text, and how many segments it is billed as.
 *
 * @example
 * measureSms('Reply 1 for Yes') // { encoding: 'gsm7', units: 15, segments: 1 }
 * measureSms('¿Sí?') // { encoding: 'ucs2', units: 4, segments: 1 }
 */
export function measureSms(text: string): SmsMeasure {
  const gsm = new Packer(capacity.gsm7);
  const ucs = new Packer(capacity.ucs2);
  let isGsm = true;
  for (const character of text) {
    const cost = septets(character);
    if (cost === 0) isGsm = false;
    else if (isGsm) gsm.add(cost);
    ucs.add(character.length);
  }
  return isGsm ? { encoding: 'gsm7', units: gsm.units, segments: gsm.count } : { encoding: 'ucs2', units: ucs.units, segments: ucs.count };
}

/**
 * Where the longest prefix of `text.slice(start)` that fits in `maxSegments` ends (an index into
 * `text`, on a code point boundary). Fitting is monotone: a prefix of a text that fits fits too.
 */
function fittingEnd(text: string, start: number, maxSegments: number): number {
  const gsm = new Packer(capacity.gsm7);
  const ucs = new Packer(capacity.ucs2);
  let isGsm = true;
  let end = start;
  while (end < text.length) {
    const character = String.fromCodePoint(text.codePointAt(end)!);
    const cost = septets(character);
    if (cost === 0) isGsm = false;
    else if (isGsm) gsm.add(cost);
    ucs.add(character.length);
    if ((isGsm ? gsm.count : ucs.count) > maxSegments) break;
    end += character.length;
  }
  // Never an empty part: a character always fits in one segment.
  return end > start ? end : start + String.fromCodePoint(text.codePointAt(start)!).length;
}

const sentenceEnds = new Set(['.', '!', '?', '…', ';', ':']);
const closers = new Set(['"', "'", ')', ']', '»', '”', '’']);

function isSpace(character: string | undefined): boolean {
  return character !== undefined && character.trim() === '';
}

/** Whether the whitespace that starts at `index` ends a sentence: a line break, or `.!?…;:` before it. */
function endsSentence(text: string, index: number): boolean {
  let before = index - 1;
  while (before > 0 && closers.has(text[before]!)) before -= 1;
  if (sentenceEnds.has(text[before]!)) return true;
  for (let at = index; at < text.length && isSpace(text[at]); at++) if (text[at] === '\n') return true;
  return false;
}

export interface SplitSmsOptions {
  /** Segments each part may take: 1 sends single-segment messages; more, concatenated ones. Default 1. */
  maxSegments?: number;
}

/**
 * Cuts a text into parts that each fit in `maxSegments` segments, at the last sentence end that
 * fits, else the last space; a word is cut only when it alone is longer than a part. Whitespace
 * around the cuts is dropped, so the parts joined with spaces are the text, whitespace aside.
 *
 * @example
 * splitSmsText('Your visit is booked for Friday at 3pm. The technician will call ahead.', { maxSegments: 1 })
 * // one part: 71 characters fit in a segment
 */
export function splitSmsText(text: string, options: SplitSmsOptions = {}): string[] {
  const maxSegments = options.maxSegments ?? 1;
  const parts: string[] = [];
  let start = 0;
  for (;;) {
    while (start < text.length && isSpace(text[start])) start += 1;
    if (start >= text.length) return parts;
    const limit = fittingEnd(text, start, maxSegments);
    const cut = limit >= text.length ? text.length : cutBefore(text, start, limit);
    parts.push(text.slice(start, cut).trimEnd());
    start = cut;
  }
}

/**
 * Where a part that starts at `start` and may run to `limit` ends: the last sentence end, else the
 * last word end, up to `limit` (a word end is whitespace after a word); else `limit`, inside a word.
 */
function cutBefore(text: string, start: number, limit: number): number {
  let wordEnd: number | undefined;
  for (let index = limit; index > start; index--) {
    if (!isSpace(text[index]) || isSpace(text[index - 1])) continue;
    if (endsSentence(text, index)) return index;
    wordEnd ??= index;
  }
  return wordEnd ?? limit;
}
