import { formatDate, localDateTime } from '../../core/clock.js';
import { resolutionKindOf, type CluResolution } from './clu-result.js';

/** A date (`YYYY-MM-DD`) and/or a time (`HH:MM`, 24 h) read from CLU's DateTime resolutions. */
export interface DateTimeValue {
  date?: string;
  time?: string;
}

interface Candidate extends DateTimeValue {
  subKind: string;
}

const dateValue = /^(\d{4}-\d{2}-\d{2})$/;
const timeValue = /^(\d{2}):(\d{2})(?::\d{2})?$/;
const dateTimeValue = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::\d{2})?$/;
// When a value is missing, a fully specified timex says the same: `2022-08-04`, `T15:30`, `2022-08-04T15`.
const dateTimex = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2})(?::(\d{2}))?)?$/;
const timeTimex = /^T(\d{2})(?::(\d{2}))?$/;

/**
 * Reads CLU's DateTime resolutions into Parley's canonical date and time. CLU resolves against its
 * own clock and says nothing of the customer's time zone; where it offers several readings ("friday":
 * last week's and this week's, "at 3": 03:00 and 15:00) the choice is made where the customer is:
 * the first date from their today on, and an hour in business hours (07:00–18:59).
 * Durations and sets ("every monday") have no single value: undefined.
 *
 * @example
 * readCluDateTime([{ resolutionKind: 'DateTimeResolution', dateTimeSubKind: 'Date', timex: '2022-08-04', value: '2022-08-04' }], context)
 * // { date: '2022-08-04' }
 */
export function readCluDateTime(resolutions: readonly CluResolution[], context: { now: Date; timeZone: string }): DateTimeValue | undefined {
  const candidates = resolutions.filter((resolution) => resolutionKindOf(resolution) === 'DateTime').flatMap(readCandidate);
  if (candidates.length === 0) return undefined;
  const today = localToday(context);
  const dated = candidates.filter((candidate) => candidate.date !== undefined);
  const onDate = dated.length === 0 ? candidates : sameDate(dated, pickDate(dated.map((candidate) => candidate.date!), today));
  const chosen = pickTime(onDate);
  const value: DateTimeValue = {};
  if (chosen.date !== undefined) value.date = chosen.date;
  if (chosen.time !== undefined) value.time = chosen.time;
  return value;
}

function readCandidate(resolution: CluResolution): Candidate[] {
  const subKind = typeof resolution.dateTimeSubKind === 'string' ? resolution.dateTimeSubKind : '';
  if (subKind === 'Duration' || subKind === 'Set') return [];
  const value = typeof resolution.value === 'string' ? resolution.value.trim() : '';
  const timex = typeof resolution.timex === 'string' ? resolution.timex.trim() : '';
  let match = dateTimeValue.exec(value);
  if (match) return [{ subKind, date: match[1]!, time: `${match[2]}:${match[3]}` }];
  match = dateValue.exec(value);
  if (match) return [{ subKind, date: match[1]! }];
  match = timeValue.exec(value);
  if (match) return [{ subKind, time: `${match[1]}:${match[2]}` }];
  match = dateTimex.exec(timex);
  if (match) return [{ subKind, date: match[1]!, ...(match[2] ? { time: `${match[2]}:${match[3] ?? '00'}` } : {}) }];
  match = timeTimex.exec(timex);
  if (match) return [{ subKind, time: `${match[1]}:${match[2] ?? '00'}` }];
  return [];
}

function localToday(context: { now: Date; timeZone: string }): string {
  try {
    const local = localDateTime(context.now, context.timeZone);
    return formatDate(local.year, local.month, local.day);
  } catch {
    return context.now.toISOString().slice(0, 10);
  }
}

/** The first date from today on; when all have passed, the latest. */
function pickDate(dates: string[], today: string): string {
  const sorted = [...new Set(dates)].sort();
  return sorted.find((date) => date >= today) ?? sorted[sorted.length - 1]!;
}

function sameDate(candidates: Candidate[], date: string): Candidate[] {
  return candidates.filter((candidate) => candidate.date === date);
}

/** Among readings of one day, the one whose hour is in business hours, else the first. */
function pickTime(candidates: Candidate[]): Candidate {
  const timed = candidates.filter((candidate) => candidate.time !== undefined);
  if (timed.length <= 1) return timed[0] ?? candidates[0]!;
  const business = timed.filter((candidate) => {
    const hour = Number(candidate.time!.slice(0, 2));
    return hour >= 7 && hour <= 18;
  });
  return business[0] ?? timed[0]!;
}
