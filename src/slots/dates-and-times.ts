import type { Chrono, ParsedResult } from 'chrono-node';
import { formatDate, formatTime, localDateTime, timeZoneOffsetMinutes } from '../core/clock.js';
import { loadChrono } from './slot-libraries.js';
import type { EntityMatch } from './entity-match.js';
import { readNumber } from './numbers.js';
import { spokenTimeParsers } from './spoken-time-parsers.js';

/** Where and when the customer is: "tomorrow" and "3pm" are read in this zone at this instant. */
export interface TimeContext {
  locale: string;
  now: Date;
  timeZone: string;
}

/** The languages chrono reads for Parley; any other locale is read as English. */
const chronoLanguages = new Set(['en', 'de', 'es', 'fr', 'it', 'nl', 'pt']);
// Each language is loaded the first time a text of that language needs it (slot-libraries.ts).
const parsersByLanguage = new Map<string, Chrono>();

function parserFor(language: string): Chrono {
  let parser = parsersByLanguage.get(language);
  if (!parser) {
    const casual = loadChrono(language);
    parser = casual;
    if (language === 'en') {
      parser = casual.clone();
      parser.parsers.push(...spokenTimeParsers);
    }
    parsersByLanguage.set(language, parser);
  }
  return parser;
}

// Every English reading starts from a digit or one of these words (or their longer forms: "mon" for
// "monday" and "month"). Most messages hold none, and chrono is the costliest finder.
// Exported, like every regex built at run time from parts, for the test that checks each is linear.
export const englishTrigger = new RegExp(
  '\\d|\\b(?:' +
    'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|' +
    'now|today|tonight|tomorrow|overmorrow|tmr|yesterday|morning|afternoon|evening|night|midnight|midday|noon|' +
    'sec|min|hour|hr|day|week|month|quarter|year|fortnight|next|last|past|after|ago|later|within|end|' +
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|o'?clock)",
  'i',
);

const weekdayNames = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
export const plainWeekday = new RegExp(`^(?:on\\s+|this\\s+)?(${weekdayNames.join('|')})\\b`, 'i');
// Readings that are nearly always something else in a customer's message.
const notADate = /^(?:now|right now|sun|sat|mon|wed|(?:a|one) (?:second|sec|minute|min)|for .*)$/i;
// "on friday", "at 3": the value is the words after the preposition chrono includes (group 1).
const leadingPreposition = /^((?:on|at|by|around)\s+)\S/i;
const twentyFourHour = /(?:^|\D)(?:0\d|1[3-9]|2[0-3])[:.h]?[0-5]\d/;

/** Words another finder has already claimed. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The text with `spans` replaced by spaces: a reading of only claimed words loses to the claim, so
 * when nothing unclaimed could start one, chrono need not run ("order AB123456" has digits, no date).
 */
function blankOut(text: string, spans: readonly Span[]): string {
  let result = text;
  for (const { start, end } of spans) result = result.slice(0, start) + ' '.repeat(end - start) + result.slice(end);
  return result;
}

/**
 * Finds dates (`YYYY-MM-DD`) and times (`HH:MM`, 24 h) in the customer's zone; "tomorrow at 3pm" gives
 * both, over the same words. A bare weekday is the next such day, today included; an hour without
 * am/pm is read as business hours (1–6 pm, 7–11 am). Pass the words more specific finders have
 * `taken`: when nothing else could start a reading, chrono is not run.
 *
 * @example
 * findDatesAndTimes('tomorrow at 3', { locale: 'en-US', now, timeZone: 'America/New_York' })
 * // [{ type: 'date', value: '2030-03-05', … }, { type: 'time', value: '15:00', … }]
 */
export function findDatesAndTimes(text: string, context: TimeContext, taken: readonly Span[] = []): EntityMatch[] {
  const named = context.locale.split('-')[0]?.toLowerCase() ?? 'en';
  const language = chronoLanguages.has(named) ? named : 'en';
  if (language === 'en' && !englishTrigger.test(taken.length ? blankOut(text, taken) : text)) return [];
  const parser = parserFor(language);
  const reference = { instant: context.now, timezone: timeZoneOffsetMinutes(context.now, context.timeZone) };
  const found: EntityMatch[] = [];
  for (const result of parser.parse(text, reference, { forwardDate: true })) {
    if (notADate.test(result.text.trim())) continue;
    const lead = leadingPreposition.exec(result.text)?.[1]?.length ?? 0;
    const span = { text: result.text.slice(lead), start: result.index + lead, end: result.index + result.text.length };
    const date = dateOf(result, context);
    if (date) found.push({ type: 'date', ...span, value: date, confidence: 1 });
    const time = timeOf(result);
    if (time) found.push({ type: 'time', ...span, value: time, confidence: 1 });
  }
  return found;
}

/**
 * Reads an answer to "what time?": a time phrase, or a bare hour as business hours.
 *
 * @example
 * readTimeAnswer('3', context)?.value // '15:00'
 */
export function readTimeAnswer(text: string, context: TimeContext): EntityMatch | undefined {
  const phrase = findDatesAndTimes(text, context).find((match) => match.type === 'time');
  if (phrase) return phrase;
  const trimmed = text.trim();
  const hour = readNumber(withoutOClock(trimmed.replace(/^(?:at|around|by)\s+/i, '')));
  if (hour === undefined || !Number.isInteger(hour) || hour < 0 || hour > 23) return undefined;
  const start = text.indexOf(trimmed);
  const twentyFour = /^0\d/.test(trimmed) || hour === 0 || hour > 12;
  return {
    type: 'time',
    text: trimmed,
    start,
    end: start + trimmed.length,
    value: formatTime(twentyFour ? hour : businessHour(hour), 0),
    confidence: 0.8,
  };
}

// Not `/\s*o'?clock$/`: searched from every space of a long run of them, that is quadratic.
function withoutOClock(text: string): string {
  const clock = /o'?clock$/i.exec(text);
  return clock ? text.slice(0, clock.index).trimEnd() : text;
}

function dateOf(result: ParsedResult, context: TimeContext): string | undefined {
  const start = result.start;
  const weekday = plainWeekday.exec(result.text.trim());
  if (weekday && start.isCertain('weekday') && !start.isCertain('day')) {
    // chrono picks the closest such weekday, sometimes in the past; a customer means the next one.
    const today = localDateTime(context.now, context.timeZone);
    const ahead = (weekdayNames.indexOf(weekday[1]!.toLowerCase()) - today.weekday + 7) % 7;
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + ahead));
    return formatDate(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
  }
  if (!start.isCertain('day') && !start.isCertain('weekday')) return undefined;
  const [year, month, day] = [start.get('year'), start.get('month'), start.get('day')];
  return year && month && day ? formatDate(year, month, day) : undefined;
}

function timeOf(result: ParsedResult): string | undefined {
  const start = result.start;
  if (!start.isCertain('hour')) return undefined;
  let hour = start.get('hour') ?? 0;
  const minute = start.get('minute') ?? 0;
  if (!start.isCertain('meridiem') && hour >= 1 && hour <= 11 && !twentyFourHour.test(result.text)) hour = businessHour(hour);
  return formatTime(hour, minute);
}

/** An hour said without am/pm, as a customer-service customer means it: 1–6 pm, 7–11 am, 12 noon. */
function businessHour(hour: number): number {
  return hour >= 1 && hour <= 6 ? hour + 12 : hour;
}
