// What an SMS costs and where a long reply is cut: GSM-7 and UCS-2 segment counts, and a property
// test of splitSmsText (fast-check): the parts re-join to the text, each fits, no word is cut unless
// it alone is longer than a part.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureSms, renderSms, smsPhrases, splitSmsText } from '../../../channels/sms/index.js';
import { fuzzParameters, fuzzTimeout } from '../../support/fuzz.js';

describe('measureSms', () => {
  it('counts GSM-7 septets, extension characters as two', () => {
    expect(measureSms('Reply 1 for Yes')).toEqual({ encoding: 'gsm7', units: 15, segments: 1 });
    expect(measureSms('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(measureSms('a'.repeat(161))).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
    expect(measureSms('€'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(measureSms('{'.repeat(81)).segments).toBe(2);
    // 153 a segment once concatenated, and a two-septet character never straddles two.
    expect(measureSms('a'.repeat(306)).segments).toBe(2);
    expect(measureSms(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toEqual({ encoding: 'gsm7', units: 306, segments: 3 });
  });

  it('makes the whole text UCS-2 for one character outside GSM-7, an emoji two units', () => {
    expect(measureSms('¿Sí?')).toEqual({ encoding: 'ucs2', units: 4, segments: 1 });
    expect(measureSms(`${'a'.repeat(69)}’`)).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(measureSms(`${'a'.repeat(70)}’`).segments).toBe(2);
    expect(measureSms('👋'.repeat(35))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(measureSms(`${'a'.repeat(66)}👋${'a'.repeat(66)}`)).toEqual({ encoding: 'ucs2', units: 134, segments: 3 });
  });

  it('knows the 127 characters of the basic GSM set', () => {
    expect(measureSms('@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&\'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà').encoding).toBe('gsm7');
    for (const outside of ['á', 'í', 'ó', 'ú', '’', '“', '—', '…', '`']) expect(measureSms(outside).encoding).toBe('ucs2');
  });
});

describe('splitSmsText', () => {
  it('keeps a text that fits whole, and cuts a long one at sentence ends', () => {
    expect(splitSmsText('Your visit is booked.', { maxSegments: 1 })).toEqual(['Your visit is booked.']);
    const sentence = (word: string) => `${`${word} `.repeat(24)}${word}.`; // 100 characters: two do not fit in 160
    const parts = splitSmsText(`${sentence('one')} ${sentence('two')} ${sentence('six')}`, { maxSegments: 1 });
    expect(parts).toEqual([sentence('one'), sentence('two'), sentence('six')]);
  });

  it('cuts at a space when a sentence is longer than a part, and inside a word only when it alone is', () => {
    const parts = splitSmsText(`${'words '.repeat(40)}end`, { maxSegments: 1 });
    expect(parts).toHaveLength(2);
    expect(parts.every((part) => part.split(' ').every((word) => word === 'words' || word === 'end'))).toBe(true);
    expect(splitSmsText('x'.repeat(200), { maxSegments: 1 })).toEqual(['x'.repeat(160), 'x'.repeat(40)]);
    // A surrogate pair stays whole: 70 units a part, emoji of two units each.
    expect(splitSmsText('👋'.repeat(40), { maxSegments: 1 })).toEqual(['👋'.repeat(35), '👋'.repeat(5)]);
  });

  const alphabet = fc.constantFrom(
    ...'abcdefghij ABC 0123 .,!?'.split(''),
    ' ', ' ', ' ', '\n', '. ', '? ',
    '€', '{', '^', 'é', 'ñ', // GSM-7, basic and extension
    'á', '’', '—', '👋', '你', // UCS-2, one emoji of two units
  );
  // Texts of every length up to several parts: with many sentence ends, and with none (words only).
  const prose = fc.array(alphabet, { maxLength: 900, size: 'max' }).map((characters) => characters.join(''));
  const word = fc.array(fc.constantFrom('a', 'b', 'é', '€', 'á', '👋'), { minLength: 1, maxLength: 30 }).map((characters) => characters.join(''));
  const wordsOnly = fc.array(word, { maxLength: 120, size: 'max' }).map((words) => words.join(' '));
  const texts = fc.oneof(prose, wordsOnly);
  const runs = 400;

  it('property: the parts re-join to the text, each fits, and no word is cut that would fit whole', { timeout: fuzzTimeout(runs, 5) }, () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 1, max: 4 }), (text, maxSegments) => {
        const parts = splitSmsText(text, { maxSegments });
        const squash = (value: string) => value.split(/\s+/).filter(Boolean).join(' ');
        const words = text.split(/\s+/).filter(Boolean);
        // Re-joined, whitespace aside: the same characters in the same order; and when every word fits
        // a part alone, the same words.
        expect(parts.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
        if (words.every((word) => measureSms(word).segments <= maxSegments)) expect(squash(parts.join(' '))).toBe(squash(text));
        for (const part of parts) {
          expect(part).not.toBe('');
          expect(part.trim()).toBe(part);
          expect(measureSms(part).segments).toBeLessThanOrEqual(maxSegments);
        }
        // A word that fits in a part alone is never cut: every such word is whole in some part.
        const partWords = new Set(parts.flatMap((part) => part.split(/\s+/)));
        for (const word of words) {
          if (measureSms(word).segments <= maxSegments) expect(partWords.has(word)).toBe(true);
        }
      }),
      fuzzParameters(runs),
    );
  });
});

describe('renderSms', () => {
  const phrases = smsPhrases('en-US');

  it('merges a turn into one SMS, numbers the last options and keeps it in GSM-7', () => {
    const texts = renderSms(
      [{ text: 'Got it.' }, { text: 'So that’s a repair on Tuesday — shall I book it?', quickReplies: [{ title: 'Yes', value: 'yes' }, { title: 'No', value: 'no' }] }],
      { phrases, locale: 'en-US', maxSegments: 4 },
    );
    expect(texts).toEqual(["Got it.\nSo that's a repair on Tuesday - shall I book it?\nReply 1 for Yes, 2 for No."]);
    expect(measureSms(texts[0]!).encoding).toBe('gsm7');
  });

  it('numbers the options in Spanish', () => {
    const texts = renderSms([{ text: '¿Lo reservo?', quickReplies: [{ title: 'Sí', value: 'sí' }, { title: 'No', value: 'no' }] }], { phrases: smsPhrases('es-US'), locale: 'es-US', maxSegments: 4 });
    expect(texts).toEqual(['¿Lo reservo?\nResponda 1 para Sí, 2 para No.']);
  });

  it('sends nothing for a turn with nothing to say', () => {
    expect(renderSms([], { phrases, locale: 'en-US', maxSegments: 4 })).toEqual([]);
    expect(renderSms([{ text: '  ' }], { phrases, locale: 'en-US', maxSegments: 4 })).toEqual([]);
  });
});
