import { describe, expect, it } from 'vitest';
import { recognize } from './recognizer-fixture.js';

describe('local recognizer: entities', () => {
  it('resolves the values of a sentence with exact offsets', async () => {
    const text = 'Book a repair for tomorrow at 3pm please';
    const recognition = await recognize(text);
    expect(recognition.topIntent).toBe('BookAppointment');
    expect(recognition.entities.map(({ type, value, start, end }) => ({ type, value, words: text.slice(start, end) }))).toEqual([
      { type: 'ServiceType', value: 'repair', words: 'repair' },
      { type: 'date', value: '2030-03-05', words: 'tomorrow at 3pm' },
      { type: 'time', value: '15:00', words: 'tomorrow at 3pm' },
    ]);
  });

  it('finds every kind of value the locale knows', async () => {
    const summary = async (text: string) => (await recognize(text)).entities.map((entity) => `${entity.type}=${entity.value}`);
    expect(await summary('where is order ab 123-456')).toEqual(['OrderNumber=AB123456']);
    expect(await summary('is there an outage in 94105?')).toEqual(['ZipCode=94105']);
    expect(await summary('reset the password for Jane@Example.com')).toEqual(['email=jane@example.com']);
    expect(await summary('call me back on 617 555 0123')).toEqual(['phone=+16175550123']);
    expect(await summary('why did my bill go up 20 dollars')).toEqual(['number=20']);
  });

  it('does not tie values to slots unless a slot is expected', async () => {
    const recognition = await recognize('friday');
    expect(recognition.entities).toEqual([{ type: 'date', text: 'friday', start: 0, end: 6, value: '2030-03-08', confidence: 1 }]);
  });
});

describe('local recognizer: expected answers', () => {
  const expecting = (slot: string, slotType: string) => ({ expecting: { intent: 'BookAppointment', slot, slotType } });

  it('reads an answer for the slot being asked for and tags it', async () => {
    expect((await recognize('friday', expecting('date', 'date'))).entities).toEqual([
      { type: 'date', slot: 'date', text: 'friday', start: 0, end: 6, value: '2030-03-08', confidence: 1 },
    ]);
    expect((await recognize('3', expecting('time', 'time'))).entities).toMatchObject([{ slot: 'time', type: 'time', value: '15:00' }]);
    expect((await recognize('five', expecting('amount', 'number'))).entities).toMatchObject([{ slot: 'amount', value: 5 }]);
    expect((await recognize('fix', expecting('service', 'ServiceType'))).entities).toMatchObject([{ slot: 'service', value: 'repair' }]);
    expect((await recognize('ab 123 456', expecting('order', 'OrderNumber'))).entities).toMatchObject([
      { slot: 'order', type: 'OrderNumber', value: 'AB123456', start: 0, end: 10 },
    ]);
  });

  it('passes a free answer through for an unrestricted list', async () => {
    expect((await recognize('the blender', expecting('device', 'Device'))).entities).toMatchObject([{ slot: 'device', value: 'the blender' }]);
  });

  it('keeps the other values of the answer, untagged', async () => {
    const recognition = await recognize('tomorrow at 3pm', expecting('date', 'date'));
    expect(recognition.entities).toMatchObject([
      { type: 'date', slot: 'date', value: '2030-03-05' },
      { type: 'time', value: '15:00' },
    ]);
    expect(recognition.entities[1]).not.toHaveProperty('slot');
  });

  it('leaves the entities alone when the answer holds no such value', async () => {
    const recognition = await recognize('talk to an agent', expecting('date', 'date'));
    expect(recognition.entities).toEqual([]);
    expect(recognition.topIntent).toBe('TalkToAgent');
  });

  it('still recognises a change of mind while a slot is asked for', async () => {
    expect((await recognize('cancel', expecting('date', 'date'))).topIntent).toBe('Cancel');
  });
});
