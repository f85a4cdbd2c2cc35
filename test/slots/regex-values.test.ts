import { describe, expect, it } from 'vitest';
import type { SlotType } from '../../src/content/intent-model.js';
import { findRegexValues } from '../../src/slots/regex-values.js';
import { orderNumber, zipCode } from './telecom-slot-types.js';

type RegexType = Extract<SlotType, { kind: 'regex' }>;

describe('findRegexValues', () => {
  it.each(['ab 123-456', 'AB-123456', 'ab123456', 'Ab 123 456', 'ab-123-456'])('reads %s as AB123456', (written) => {
    const [match, ...others] = findRegexValues(written, orderNumber);
    expect(others).toEqual([]);
    expect(match).toEqual({ type: 'OrderNumber', text: written, start: 0, end: written.length, value: 'AB123456', confidence: 1 });
  });

  it('finds a value inside a sentence with exact offsets', () => {
    const text = 'where is order ab 123-456? thanks';
    const [match] = findRegexValues(text, orderNumber);
    expect(match).toMatchObject({ text: 'ab 123-456', start: 15, end: 25, value: 'AB123456' });
    expect(text.slice(match!.start, match!.end)).toBe('ab 123-456');
  });

  it('finds a zip code and only whole numbers of the right length', () => {
    expect(findRegexValues('is there an outage in 94105?', zipCode)).toEqual([
      { type: 'ZipCode', text: '94105', start: 22, end: 27, value: '94105', confidence: 1 },
    ]);
    expect(findRegexValues('call 941056 or 9410', zipCode)).toEqual([]);
    expect(findRegexValues('94105 and 10001', zipCode).map((match) => match.value)).toEqual(['94105', '10001']);
  });

  it('does not join words across spaces unless a space is a separator', () => {
    expect(findRegexValues('zip 94 105', zipCode)).toEqual([]);
    const noSpaces: RegexType = { ...orderNumber, separators: '-' };
    expect(findRegexValues('AB 123456', noSpaces)).toEqual([]);
    expect(findRegexValues('AB-123456', noSpaces).map((match) => match.value)).toEqual(['AB123456']);
  });

  it('respects case sensitivity and the transform', () => {
    const strict: RegexType = { ...orderNumber, caseInsensitive: false };
    expect(findRegexValues('ab123456', strict)).toEqual([]);
    expect(findRegexValues('AB123456', strict).map((match) => match.value)).toEqual(['AB123456']);
    const lower: RegexType = { ...orderNumber, transform: 'lower' };
    expect(findRegexValues('AB-123456', lower).map((match) => match.value)).toEqual(['ab123456']);
    const asWritten: RegexType = { ...orderNumber, transform: 'none' };
    expect(findRegexValues('aB 123456', asWritten).map((match) => match.value)).toEqual(['aB123456']);
  });

  it('finds nothing, without throwing, for a pattern that does not compile', () => {
    const broken: RegexType = { ...orderNumber, pattern: '[A-Z' };
    expect(findRegexValues('AB123456', broken)).toEqual([]);
  });
});
