import { describe, expect, it } from 'vitest';
import { createLocalRecognizer } from '../../../src/nlu/local/index.js';
import { clock, recognize, telecomRecognizer } from './recognizer-fixture.js';
import { telecomModel } from './telecom-model.js';

describe('local recognizer: awkward input', () => {
  it.each([
    ['empty', ''],
    ['whitespace', ' \n\t '],
    ['emoji', '🙂🙂🎉'],
    ['another script', 'مرحبا كيف حالك'],
    ['CJK', '你好，我的网络坏了'],
    ['control characters', '\u0000\u0007\u001b[31m\u0008'],
    ['symbols', '?!?!... ### $$$'],
    ['keyboard mashing', 'qwpoeiru zxmcnv lkjasd'],
    ['a lone surrogate', '\ud800abc'],
  ])('returns a Recognition with no intent for %s', async (_, text) => {
    const recognition = await recognize(text);
    expect(recognition.topIntent).toBeNull();
    expect(recognition.text).toBe(text);
    expect(recognition.provider).toBe('local');
  });

  it('ranks nothing when it knows none of the message', async () => {
    for (const text of ['', '   ', '🙂🙂🎉', '你好']) expect((await recognize(text)).intents).toEqual([]);
  });

  it('handles 10 kB of input', async () => {
    const long = 'where is my order ab 123-456 and can someone come tomorrow at 3pm? '.repeat(150);
    expect(long.length).toBeGreaterThan(10_000);
    const recognition = await recognize(long);
    expect(recognition.intents.length).toBeGreaterThan(0);
    expect(recognition.entities.length).toBeGreaterThan(0);
    const noise = await recognize('x'.repeat(10_240));
    expect(noise.topIntent).toBeNull();
  });

  it('does not throw on an unusable time zone or instant', async () => {
    const badZone = await recognize('book a repair for tomorrow', { timeZone: 'Mars/Olympus_Mons' });
    expect(badZone.topIntent).toBe('BookAppointment');
    const badInstant = await recognize('book a repair for tomorrow', { now: new Date(Number.NaN) });
    expect(badInstant.topIntent).toBe('BookAppointment');
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      telecomRecognizer().recognize({ text: 'hi', locale: 'en-US', now: clock.now(), timeZone: clock.timeZone }, { signal: controller.signal }),
    ).rejects.toThrow();
  });
});

describe('local recognizer: locales', () => {
  it('serves a locale from another region of the same language', async () => {
    const recognition = await recognize('quiero hablar con un agente', { locale: 'es-MX' });
    expect(recognition.locale).toBe('es-US');
    expect(recognition.topIntent).toBe('TalkToAgent');
  });

  it('matches locales whatever their case', async () => {
    expect((await recognize('where is my order', { locale: 'EN-us' })).topIntent).toBe('CheckOrderStatus');
  });

  it('returns an empty recognition for a language it does not have', async () => {
    for (const locale of ['fr-FR', '', 'not a locale']) {
      const recognition = await recognize('bonjour', { locale });
      expect(recognition).toMatchObject({ intents: [], topIntent: null, entities: [], provider: 'local', locale });
    }
  });

  it('trains an empty model without complaint', async () => {
    const recognizer = createLocalRecognizer({ model: { locales: { 'en-US': { locale: 'en-US', intents: [], slotTypes: [] } } } });
    const recognition = await recognize('hello', {}, recognizer);
    expect(recognition.topIntent).toBeNull();
    expect(recognition.intents).toEqual([]);
  });

  it('honours a custom threshold', async () => {
    const strict = createLocalRecognizer({ model: telecomModel(), threshold: 0.999 });
    const recognition = await recognize('where is my parcel', {}, strict);
    expect(recognition.topIntent).toBeNull();
    expect(recognition.intents[0]?.name).toBe('CheckOrderStatus');
    expect((await recognize('where is my parcel')).topIntent).toBe('CheckOrderStatus');
  });
});
