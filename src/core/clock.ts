import { ConfigurationError } from './errors.js';

/**
 * Where the engine and the recognizer read the time. Injected, so tests can fix "today".
 *
 * @example
 * const clock = fixedClock('2030-03-04T09:00', 'America/New_York');
 */
export interface Clock {
  now(): Date;
  /** IANA time zone in which the customer's "today" and "3pm" are read. */
  readonly timeZone: string;
}

/** The machine's clock, in the given time zone (default: the process's own). */
export function systemClock(timeZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone): Clock {
  assertTimeZone(timeZone);
  return { now: () => new Date(), timeZone };
}

/**
 * A clock stopped at a local date and time in a time zone: `2030-03-04` (09:00) or `2030-03-04T15:30`.
 *
 * @example
 * fixedClock('2030-03-04').now() // 2030-03-04T09:00:00Z
 */
export function fixedClock(local: string, timeZone = 'UTC'): Clock {
  assertTimeZone(timeZone);
  const instant = instantOfLocal(local, timeZone);
  return { now: () => new Date(instant), timeZone };
}

/** The calendar parts of an instant as seen in a time zone. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

// Intl's formatToParts costs ~20 µs; a turn asks for "today" every time. Cache per zone and minute.
const recent = new Map<string, { minute: number; local: LocalDateTime }>();

/** Reads an instant's local date and time in a time zone. */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const minute = Math.floor(instant.getTime() / 60_000);
  const cached = recent.get(timeZone);
  if (cached?.minute === minute) return cached.local;
  const local = readLocalDateTime(instant, timeZone);
  recent.set(timeZone, { minute, local });
  return local;
}

function readLocalDateTime(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: weekdays.indexOf(parts.weekday ?? 'Sun'),
  };
}

/** Today's date in the clock's zone, as `YYYY-MM-DD`. */
export function today(clock: Clock): string {
  const local = localDateTime(clock.now(), clock.timeZone);
  return formatDate(local.year, local.month, local.day);
}

/** Minutes to add to UTC to get local time in a zone at an instant. */
export function timeZoneOffsetMinutes(instant: Date, timeZone: string): number {
  const local = localDateTime(instant, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function formatTime(hour: number, minute: number): string {
  return `${pad2(hour)}:${pad2(minute)}`;
}

/** Day of the week of a `YYYY-MM-DD` date, 0 = Sunday. */
export function weekdayOf(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)).getUTCDay();
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

function instantOfLocal(local: string, timeZone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(local.trim());
  if (!match) throw new ConfigurationError('clock', `"${local}" is not a local date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)`);
  const [, y, mo, d, h = '09', mi = '00'] = match;
  const guess = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
  // Correct by the zone's offset twice so that instants near a DST change land on the right side.
  let instant = guess - timeZoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  instant = guess - timeZoneOffsetMinutes(new Date(instant), timeZone) * 60_000;
  return instant;
}

/** Whether the runtime knows an IANA time zone of this name (its formatter is kept for later use). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) {
    throw new ConfigurationError('timeZone', `"${timeZone}" is not an IANA time zone; use a name like "America/New_York" or "UTC"`);
  }
}
