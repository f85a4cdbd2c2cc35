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
  /** Words list types take only as written: the local recognizer gives its strong phrases' here. */
  guardedWords?: GuardedWords;
}

/**
 * Words that list types read only as written, never as typos: for each word (`normalizeWord` form),
 * the list types it is no misspelt value of. A request's words are said on purpose, so they are no
 * typos of the lists its intent has no slot of ("person" in "talk to a person" is no "personal").
 */
export type GuardedWords = ReadonlyMap<string, ReadonlySet<string>>;

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
