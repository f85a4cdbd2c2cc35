import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { findDatesAndTimes, readTimeAnswer } from '../../src/slots/dates-and-times.js';

// Monday 4 March 2030, 09:00.
function at(local: string, timeZone: string) {
  const clock = fixedClock(local, timeZone);
  return { locale: 'en-US', now: clock.now(), timeZone };
}
const newYork = at('2030-03-04T09:00', 'America/New_York');
const utc = at('2030-03-04T09:00', 'UTC');

function read(text: string, context = newYork) {
  return findDatesAndTimes(text, context).map((match) => `${match.type} ${match.value}`);
}

describe('findDatesAndTimes', () => {
  it('gives both a date and a time for "tomorrow at 3pm", over the same words', () => {
    const text = 'can you come tomorrow at 3pm?';
    const matches = findDatesAndTimes(text, newYork);
    expect(matches).toEqual([
      { type: 'date', text: 'tomorrow at 3pm', start: 13, end: 28, value: '2030-03-05', confidence: 1 },
      { type: 'time', text: 'tomorrow at 3pm', start: 13, end: 28, value: '15:00', confidence: 1 },
    ]);
    expect(text.slice(13, 28)).toBe('tomorrow at 3pm');
  });

  it('reads a weekday as the next such day, today included', () => {
    expect(read('friday')).toEqual(['date 2030-03-08']);
    expect(read('on monday')).toEqual(['date 2030-03-04']);
    expect(read('tuesday')).toEqual(['date 2030-03-05']);
    expect(read('sunday')).toEqual(['date 2030-03-10']);
    // Past noon chrono moves a bare weekday a week on; the customer still means today.
    expect(read('monday', at('2030-03-04T15:00', 'America/New_York'))).toEqual(['date 2030-03-04']);
    // And chrono may pick the closest weekday in the past when a time is attached.
    expect(read('monday at 10am', at('2030-03-06T09:00', 'America/New_York'))).toEqual(['date 2030-03-11', 'time 10:00']);
  });

  it('reads other dates', () => {
    expect(read('today')).toEqual(['date 2030-03-04']);
    expect(read('the day after tomorrow')).toEqual(['date 2030-03-06']);
    expect(read('next friday')).toEqual(['date 2030-03-15']);
    expect(read('march 10')).toEqual(['date 2030-03-10']);
    expect(read('march 1')).toEqual(['date 2031-03-01']);
    expect(read('the 10th')).toEqual(['date 2030-03-10']);
    expect(read('on the 3rd')).toEqual(['date 2030-04-03']);
    expect(read('the 10th of march')).toEqual(['date 2030-03-10']);
  });

  it('reads an hour without am/pm as business hours', () => {
    expect(read('at 3')).toEqual(['time 15:00']);
    expect(read('at 6')).toEqual(['time 18:00']);
    expect(read('at 7')).toEqual(['time 07:00']);
    expect(read('at 9')).toEqual(['time 09:00']);
    expect(read('at 11')).toEqual(['time 11:00']);
    expect(read('at 12')).toEqual(['time 12:00']);
    expect(read('3:30')).toEqual(['time 15:30']);
  });

  it('keeps explicit am/pm and 24-hour times', () => {
    expect(read('5 pm')).toEqual(['time 17:00']);
    expect(read('at 10:30am')).toEqual(['time 10:30']);
    expect(read('at 3 in the morning')).toEqual(['time 03:00']);
    expect(read('15:00')).toEqual(['time 15:00']);
    expect(read('03:00')).toEqual(['time 03:00']);
  });

  it('reads spoken times', () => {
    expect(read('noon')).toEqual(['time 12:00']);
    expect(read('midday')).toEqual(['time 12:00']);
    expect(read('half past two')).toEqual(['time 14:30']);
    expect(read('quarter to 5')).toEqual(['time 16:45']);
    expect(read('quarter past 3')).toEqual(['time 15:15']);
    expect(read('ten past 4')).toEqual(['time 16:10']);
    expect(read('at seven')).toEqual(['time 07:00']);
    expect(read("four o'clock")).toEqual(['time 16:00']);
    expect(read('friday at half past two')).toEqual(['date 2030-03-08', 'time 14:30']);
    expect(read('tomorrow at noon')).toEqual(['date 2030-03-05', 'time 12:00']);
  });

  it('reads "today" and "tomorrow" in the customer\'s time zone', () => {
    // 22:00 on Monday 4 March in New York is already 03:00 on Tuesday 5 March in UTC.
    const instant = new Date('2030-03-05T03:00:00Z');
    const lateInNewYork = { locale: 'en-US', now: instant, timeZone: 'America/New_York' };
    const earlyInUtc = { locale: 'en-US', now: instant, timeZone: 'UTC' };
    expect(read('today', lateInNewYork)).toEqual(['date 2030-03-04']);
    expect(read('today', earlyInUtc)).toEqual(['date 2030-03-05']);
    expect(read('tomorrow at 3pm', lateInNewYork)).toEqual(['date 2030-03-05', 'time 15:00']);
    expect(read('tomorrow at 3pm', earlyInUtc)).toEqual(['date 2030-03-06', 'time 15:00']);
    expect(read('tuesday', lateInNewYork)).toEqual(['date 2030-03-05']);
    expect(read('monday', earlyInUtc)).toEqual(['date 2030-03-11']);
  });

  it('reads times across a daylight-saving change as wall-clock times', () => {
    // Clocks in New York go forward at 02:00 on Sunday 10 March 2030.
    const saturday = at('2030-03-09T20:00', 'America/New_York');
    expect(read('tomorrow at 3pm', saturday)).toEqual(['date 2030-03-10', 'time 15:00']);
    expect(read('monday at 9am', saturday)).toEqual(['date 2030-03-11', 'time 09:00']);
  });

  it('reads the same phrases in UTC', () => {
    expect(read('tomorrow at 3pm', utc)).toEqual(['date 2030-03-05', 'time 15:00']);
    expect(read('friday', utc)).toEqual(['date 2030-03-08']);
  });

  it('does not see dates in ordinary words', () => {
    expect(read('can I talk to someone now')).toEqual([]);
    expect(read('the sun is out')).toEqual([]);
    expect(read('I may need help')).toEqual([]);
    expect(read('I sat on hold for an hour')).toEqual([]);
    expect(read('I need a second opinion')).toEqual([]);
    expect(read('march')).toEqual([]);
    expect(read('is there an outage in 94105?')).toEqual([]);
  });
});

describe('readTimeAnswer', () => {
  it('reads a bare hour as business hours', () => {
    expect(readTimeAnswer('3', newYork)).toMatchObject({ type: 'time', text: '3', start: 0, end: 1, value: '15:00' });
    expect(readTimeAnswer('9', newYork)?.value).toBe('09:00');
    expect(readTimeAnswer('nine', newYork)?.value).toBe('09:00');
    expect(readTimeAnswer(' at 4 ', newYork)).toMatchObject({ value: '16:00', text: '4', start: 4, end: 5 });
    expect(readTimeAnswer('12', newYork)?.value).toBe('12:00');
    expect(readTimeAnswer('15', newYork)?.value).toBe('15:00');
  });

  it('reads time phrases and refuses what is not an hour', () => {
    expect(readTimeAnswer('half past two please', newYork)?.value).toBe('14:30');
    expect(readTimeAnswer('25', newYork)).toBeUndefined();
    expect(readTimeAnswer('whenever', newYork)).toBeUndefined();
  });
});
