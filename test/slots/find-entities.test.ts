import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { findEntities } from '../../src/slots/find-entities.js';
import { telecomSlotTypes } from './telecom-slot-types.js';

const clock = fixedClock('2030-03-04T09:00', 'America/New_York');
const context = { slotTypes: telecomSlotTypes, locale: 'en-US', now: clock.now(), timeZone: clock.timeZone };

function summary(text: string) {
  return findEntities(text, context).map((entity) => `${entity.type}=${entity.value} "${text.slice(entity.start, entity.end)}"`);
}

describe('findEntities', () => {
  it('finds list values, dates and times together, in order', () => {
    expect(summary('book a repair for tomorrow at 3pm')).toEqual([
      'ServiceType=repair "repair"',
      'date=2030-03-05 "tomorrow at 3pm"',
      'time=15:00 "tomorrow at 3pm"',
    ]);
  });

  it('does not report numbers inside other values', () => {
    expect(summary('call me on 617 555 0123')).toEqual(['phone=+16175550123 "617 555 0123"']);
    expect(summary('where is order ab 123-456?')).toEqual(['OrderNumber=AB123456 "ab 123-456"']);
    expect(summary('is there an outage in 94105?')).toEqual(['ZipCode=94105 "94105"']);
    expect(summary('at 3pm')).toEqual(['time=15:00 "3pm"']);
    expect(summary('email j2@example.com')).toEqual(['email=j2@example.com "j2@example.com"']);
  });

  it('reports numbers elsewhere', () => {
    expect(summary('I need 2 technicians on friday')).toEqual(['number=2 "2"', 'date=2030-03-08 "friday"']);
    expect(summary('my bill went up twenty dollars')).toEqual(['number=20 "twenty"']);
  });

  it('finds nothing in plain text, emoji or other scripts', () => {
    expect(summary('hello there')).toEqual([]);
    expect(summary('🙂🙂🙂')).toEqual([]);
    expect(summary('你好，我的网络坏了')).toEqual([]);
    expect(summary('')).toEqual([]);
  });

  it('does not throw on long or odd input', () => {
    expect(() => findEntities(`${'repair 94105 '.repeat(800)}\u0000\u0007`, context)).not.toThrow();
  });
});
