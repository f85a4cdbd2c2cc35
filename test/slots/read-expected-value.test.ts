import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { readExpectedValue } from '../../src/slots/read-expected-value.js';
import { telecomSlotTypes } from './telecom-slot-types.js';

const clock = fixedClock('2030-03-04T09:00', 'America/New_York');
const context = { slotTypes: telecomSlotTypes, locale: 'en-US', now: clock.now(), timeZone: clock.timeZone };

function read(text: string, type: string) {
  return readExpectedValue(text, type, context);
}

describe('readExpectedValue', () => {
  it('reads an answer for the type being asked for', () => {
    expect(read('friday', 'date')).toMatchObject({ type: 'date', value: '2030-03-08', start: 0, end: 6 });
    expect(read('3', 'time')).toMatchObject({ type: 'time', value: '15:00', text: '3' });
    expect(read('9', 'time')?.value).toBe('09:00');
    expect(read('five', 'number')).toMatchObject({ type: 'number', value: 5 });
    expect(read('fix', 'ServiceType')).toMatchObject({ type: 'ServiceType', value: 'repair' });
    expect(read('ab 123 456', 'OrderNumber')).toMatchObject({ type: 'OrderNumber', value: 'AB123456', text: 'ab 123 456' });
    expect(read('it is 94105', 'ZipCode')).toMatchObject({ value: '94105', start: 6, end: 11 });
    expect(read('Jane@Example.com', 'email')?.value).toBe('jane@example.com');
    expect(read('(617) 555-0123', 'phone')?.value).toBe('+16175550123');
  });

  it('reads the value inside a longer answer', () => {
    expect(read("let's say tomorrow please", 'date')).toMatchObject({ value: '2030-03-05', text: 'tomorrow' });
    expect(read('maybe half past two', 'time')?.value).toBe('14:30');
    expect(read('I would like an install', 'ServiceType')?.value).toBe('installation');
  });

  it('passes any answer through for an unrestricted list, never for a restricted one', () => {
    expect(read('  my blender ', 'Device')).toMatchObject({ type: 'Device', value: 'my blender', text: 'my blender', start: 2, end: 12 });
    expect(read('the modem', 'Device')?.value).toBe('router');
    expect(read('a massage', 'ServiceType')).toBeUndefined();
  });

  it('reads free alphanumeric and text answers', () => {
    expect(read('my code is X9Y8.', 'alphanumeric')).toMatchObject({ value: 'X9Y8', start: 11, end: 15 });
    expect(read('ABCD', 'alphanumeric')?.value).toBe('ABCD');
    expect(read('  it buzzes  ', 'text')).toMatchObject({ value: 'it buzzes', start: 2, end: 11 });
  });

  it('returns undefined when the answer holds no such value', () => {
    expect(read('whenever', 'date')).toBeUndefined();
    expect(read('no idea', 'number')).toBeUndefined();
    expect(read('   ', 'text')).toBeUndefined();
    expect(read('anything', 'NoSuchType')).toBeUndefined();
    expect(read('ab 123', 'OrderNumber')).toBeUndefined();
  });
});
