import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import type { SlotType } from '../../src/content/intent-model.js';
import { compileRegexSlotType, findRegexValues } from '../../src/slots/regex-values.js';
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
    const lookahead: RegexType = { ...orderNumber, pattern: '(?=A)[A-Z]{2}[0-9]{6}' };
    expect(findRegexValues('AB123456', lookahead)).toEqual([]);
  });

  it('takes a separator that is special inside a character class as a plain character', () => {
    const dashes: RegexType = { ...orderNumber, separators: '^]\\-' };
    expect(findRegexValues('AB^12]34\\56', dashes).map((match) => match.value)).toEqual(['AB123456']);
  });
});

describe('findRegexValues runs patterns in linear time', () => {
  // Each is exponential for a backtracking engine on a long run of its letter followed by what fails it.
  const catastrophic = [
    { pattern: '(a+)+$', letter: 'a' },
    { pattern: '(a|aa)*b', letter: 'a' },
    { pattern: '(x+x+)+y', letter: 'x' },
  ];
  const typeOf = (pattern: string): RegexType => ({ kind: 'regex', name: 'Risky', pattern, caseInsensitive: true, separators: '', transform: 'none', examples: [] });

  it('compiles a regex slot type with re2js, once', () => {
    const compiled = compileRegexSlotType(orderNumber);
    expect(compiled.whole).toBeInstanceOf(RE2JS);
    expect(compileRegexSlotType(orderNumber)).toBe(compiled);
  });

  // No timing is asserted: that these finish within the test timeout is the proof (2^999 steps would not).
  it.each(catastrophic)('the compiled $pattern reads 1,000 characters of $letter…! as no match', ({ pattern, letter }) => {
    const whole = compileRegexSlotType(typeOf(pattern)).whole!;
    expect(whole).toBeInstanceOf(RE2JS);
    expect(whole.matches(`${letter.repeat(999)}!`)).toBe(false);
    // Nor anywhere inside it, searched unanchored.
    expect(whole.test(`${letter.repeat(999)}!`)).toBe(false);
  });

  it.each(catastrophic)('a 1,000-character message against $pattern: every run of words up to the bounds is tried', ({ pattern, letter }) => {
    // Words of 31 letters joined by `!`: two of them make a 63-character run, within the 64-character bound.
    const word = letter.repeat(31);
    const message = `${word}!`.repeat(31) + letter.repeat(8);
    expect(message).toHaveLength(1000);
    const found = findRegexValues(message, typeOf(pattern));
    if (pattern === '(a+)+$') {
      // `aaa…!aaa…` fails (the `!`), so each word alone is the value.
      expect(found.map((match) => match.value)).toEqual([...Array(31).fill(word), letter.repeat(8)]);
      expect(found[1]).toMatchObject({ start: 32, end: 63 });
    } else {
      expect(found).toEqual([]);
    }
  });

  it('does not try a word longer than the longest value', () => {
    expect(findRegexValues('a'.repeat(999) + '!', typeOf('(a+)+$'))).toEqual([]);
  });
});

