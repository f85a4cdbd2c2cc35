import type { SlotType } from '../content/intent-model.js';
import type { Entity } from '../nlu/recognizer.js';

/** A value found in text, before any slot is tied to it. */
export type EntityMatch = Omit<Entity, 'slot'>;

/** What resolving values needs besides the text: the locale's slot types and "now" where the customer is. */
export interface ValueContext {
  slotTypes: readonly SlotType[];
  /** BCP 47; its region is the default country of phone numbers. */
  locale: string;
  /** The instant "today" and "tomorrow" are read against. */
  now: Date;
  /** IANA time zone in which "today" and "3pm" are read. */
  timeZone: string;
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
