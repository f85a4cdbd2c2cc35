import { describe, expect, it } from 'vitest';
import { createLocalRecognizer, loadIntents } from 'parley-sdk';
import type { Entity } from '../../../src/nlu/recognizer.js';
import { clock, recognize } from './recognizer-fixture.js';
import { musicModel } from './slot-tagger-music-model.js';

const summary = (entities: Entity[]) => entities.map((entity) => `${entity.slot ?? '-'}:${entity.type}=${String(entity.value)} "${entity.text}"`);

describe('local recognizer: slots tagged from example values', () => {
  const music = createLocalRecognizer({ model: { locales: { 'en-US': musicModel } } });
  const hear = (text: string, extra = {}) => recognize(text, extra, music);

  it('ties open values it never saw to their slots', async () => {
    const recognition = await hear('put kiri moana on my beach house playlist');
    expect(recognition.topIntent).toBe('AddToPlaylist');
    expect(recognition.entities).toEqual([
      { type: 'Artist', slot: 'artist', text: 'kiri moana', start: 4, end: 14, value: 'kiri moana', confidence: 0.5 },
      { type: 'Playlist', slot: 'playlist', text: 'beach house', start: 21, end: 32, value: 'beach house', confidence: 0.5 },
    ]);
  });

  it('merges a listed value with its slot instead of repeating it', async () => {
    const recognition = await hear('play adele');
    expect(summary(recognition.entities)).toEqual(['artist:Artist=adele "adele"']);
  });

  it('tags nothing for an intent without example values, nor when nothing is understood', async () => {
    expect((await hear('hello there')).entities).toEqual([]);
    const unclear = await hear('zorblax quintet');
    expect(unclear.topIntent).toBeNull();
    expect(unclear.entities.filter((entity) => entity.slot)).toEqual([]);
  });

  it('reads the slots of the intent being answered when the answer alone is not understood', async () => {
    const answer = await hear('zorblax quintet', { expecting: { intent: 'PlayMusic', slot: 'artist', slotType: 'Artist' } });
    expect(summary(answer.entities)).toEqual(['artist:Artist=zorblax quintet "zorblax quintet"']);
  });

  it('keeps the test fixture untagged where its utterances give no example values', async () => {
    // The fixture's BookAppointment only has `{slot}` placeholders: values stay untied, as before.
    const recognition = await recognize('Book a repair for tomorrow at 3pm please');
    expect(recognition.entities.every((entity) => entity.slot === undefined)).toBe(true);
    const order = await recognize('when will my order CD654321 arrive');
    expect(summary(order.entities)).toEqual(['order:OrderNumber=CD654321 "CD654321"']);
  });
});

describe('the reference assistant with slot tagging', async () => {
  const recognizer = createLocalRecognizer({ model: await loadIntents(new URL('../../../intents/', import.meta.url)) });
  const read = (text: string) => recognizer.recognize({ text, locale: 'en-US', now: clock.now(), timeZone: clock.timeZone });

  it('ties the values of a booking to their slots, once each', async () => {
    const recognition = await read('I need a repair tomorrow at 3pm');
    expect(recognition.topIntent).toBe('BookAppointment');
    expect(summary(recognition.entities)).toEqual([
      'service:ServiceType=repair "repair"',
      'date:date=2030-03-05 "tomorrow at 3pm"',
      'time:time=15:00 "tomorrow at 3pm"',
    ]);
  });

  it('never reports the same words twice for one type', async () => {
    for (const text of ['book an installation for next monday', 'my internet is broken, can someone come on tuesday', 'track order AB123456', 'is there an outage in 10001', 'I want to set up new service next week']) {
      const entities = (await read(text)).entities;
      const keys = entities.map((entity) => `${entity.type}@${entity.start}-${entity.end}`);
      expect(new Set(keys).size, `${text}: ${summary(entities).join(', ')}`).toBe(keys.length);
    }
  });
});
