import { describe, expect, it } from 'vitest';
import { findEntities } from '../../../src/slots/find-entities.js';
import { withTaggedSlots } from '../../../src/nlu/local/tagger/slot-entities.js';
import type { TaggedSlot } from '../../../src/nlu/local/tagger/slot-tagger.js';
import { telecomSlotTypes } from '../../slots/telecom-slot-types.js';
import { clock } from './recognizer-fixture.js';

const context = { slotTypes: telecomSlotTypes, locale: 'en-US', now: clock.now(), timeZone: clock.timeZone };

function tagged(text: string, slot: string, type: string, words: string, extra: Partial<TaggedSlot> = {}): TaggedSlot {
  const start = text.indexOf(words);
  return { slot, type, start, end: start + words.length, ...extra };
}

function resolve(text: string, spans: TaggedSlot[]) {
  return withTaggedSlots(text, findEntities(text, context), spans, context).map(({ slot, type, value, start, end }) => ({
    ...(slot ? { slot } : {}),
    type,
    value,
    words: text.slice(start, end),
  }));
}

describe('tagged slots as entities', () => {
  it('merges a list value the finders also found into one entity with the slot', () => {
    const text = 'my modem is broken';
    expect(resolve(text, [tagged(text, 'device', 'Device', 'modem', { listValue: 'router' })])).toEqual([
      { slot: 'device', type: 'Device', value: 'router', words: 'modem' },
      { type: 'ServiceType', value: 'repair', words: 'broken' },
    ]);
  });

  it('passes new values of an unrestricted list through as said', () => {
    const text = 'my smart fridge is broken';
    expect(resolve(text, [tagged(text, 'device', 'Device', 'smart fridge')])).toEqual([
      { slot: 'device', type: 'Device', value: 'smart fridge', words: 'smart fridge' },
      { type: 'ServiceType', value: 'repair', words: 'broken' },
    ]);
  });

  it('reads a restricted list inside the tagged words, and drops what it cannot read', () => {
    const text = 'book a quick fix please';
    expect(resolve(text, [tagged(text, 'service', 'ServiceType', 'quick fix')])).toEqual([{ slot: 'service', type: 'ServiceType', value: 'repair', words: 'fix' }]);
    const other = 'book a gardening visit';
    expect(resolve(other, [tagged(other, 'service', 'ServiceType', 'gardening')])).toEqual([]);
  });

  it("takes the finders' reading of dates and times, and keeps the other readings of the same words", () => {
    const text = 'a repair tomorrow at 3pm';
    expect(resolve(text, [tagged(text, 'date', 'date', 'tomorrow'), tagged(text, 'service', 'ServiceType', 'repair')])).toEqual([
      { slot: 'service', type: 'ServiceType', value: 'repair', words: 'repair' },
      { slot: 'date', type: 'date', value: '2030-03-05', words: 'tomorrow at 3pm' },
      { type: 'time', value: '15:00', words: 'tomorrow at 3pm' },
    ]);
  });

  it('reads a built-in value the finders missed with its type, and drops words that are none', () => {
    const text = 'order AB123456 or fast';
    expect(resolve(text, [tagged(text, 'order', 'OrderNumber', 'AB123456'), tagged(text, 'amount', 'number', 'fast')])).toEqual([
      { slot: 'order', type: 'OrderNumber', value: 'AB123456', words: 'AB123456' },
    ]);
  });

  it('ties one value to a slot once', () => {
    const text = 'tomorrow at 3pm';
    const spans = [tagged(text, 'date', 'date', 'tomorrow'), tagged(text, 'date', 'date', '3pm')];
    expect(resolve(text, spans).filter((entity) => entity.slot === 'date')).toHaveLength(1);
  });
});
