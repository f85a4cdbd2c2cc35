import type { Entity } from '../nlu/recognizer.js';
import { findDatesAndTimes } from './dates-and-times.js';
import { findEmailAddresses } from './email-addresses.js';
import { overlaps, type EntityMatch, type ValueContext } from './entity-match.js';
import { findAllListValues } from './list-values.js';
import { findNumbers } from './numbers.js';
import { findPhoneNumbers } from './phone-numbers.js';
import { findRegexValues } from './regex-values.js';

/** Matches that stand or fall together: the date and the time of one "tomorrow at 3pm". */
interface Claim {
  matches: EntityMatch[];
  start: number;
  end: number;
  /** Lower wins when claims overlap: the more specific finder is the more trustworthy. */
  rank: number;
}

/**
 * Finds every value the locale knows in a text: e-mails, phone numbers, the locale's regex and list
 * slot types, dates and times, then numbers. Where finds overlap, the more specific finder keeps the
 * words (a phone number's digits are not also a number). Sorted by position.
 *
 * @example
 * findEntities('book a repair for tomorrow at 3pm', { slotTypes, locale: 'en-US', now, timeZone: 'America/New_York' })
 * // [{ type: 'ServiceType', value: 'repair', … }, { type: 'date', value: '2030-03-05', … }, { type: 'time', value: '15:00', … }]
 */
export function findEntities(text: string, context: ValueContext): Entity[] {
  const claims: Claim[] = [];
  const claim = (rank: number, matches: EntityMatch[]): void => {
    for (const match of matches) claims.push({ matches: [match], start: match.start, end: match.end, rank });
  };
  claim(0, findEmailAddresses(text));
  claim(1, findPhoneNumbers(text, context.locale));
  for (const slotType of context.slotTypes) {
    if (slotType.kind === 'regex') claim(2, findRegexValues(text, slotType));
  }
  // All the list types in one pass over the words (a bot may have dozens).
  claim(3, findAllListValues(text, context.slotTypes, undefined, context.guardedWords));
  // What the more specific finders keep cannot be a date, and chrono is the costliest finder.
  const datesAndTimes = findDatesAndTimes(text, context, keepNonOverlapping(claims));
  for (const match of datesAndTimes) {
    const sameWords = claims.find((other) => other.rank === 4 && other.start === match.start && other.end === match.end);
    if (sameWords) sameWords.matches.push(match);
    else claims.push({ matches: [match], start: match.start, end: match.end, rank: 4 });
  }
  claim(5, findNumbers(text));

  return keepNonOverlapping(claims)
    .flatMap((kept) => kept.matches)
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The claims that win their words: lower rank first, then the longer, then the earlier. */
function keepNonOverlapping(claims: Claim[]): Claim[] {
  const ordered = [...claims].sort((a, b) => a.rank - b.rank || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Claim[] = [];
  for (const candidate of ordered) {
    if (!kept.some((other) => overlaps(other, candidate))) kept.push(candidate);
  }
  return kept;
}
