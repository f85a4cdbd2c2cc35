import { describe, expect, it } from 'vitest';
import { findNumbers, readNumber } from '../../src/slots/numbers.js';

function values(text: string) {
  return findNumbers(text).map((match) => match.value);
}

describe('findNumbers', () => {
  it('reads digits with decimals and thousands separators', () => {
    expect(values('I have 42 questions')).toEqual([42]);
    expect(values('about 3.5 hours')).toEqual([3.5]);
    expect(values('a bill of 1,200 dollars')).toEqual([1200]);
    expect(values('1, 2, 3')).toEqual([1, 2, 3]);
  });

  it('reads English number words', () => {
    expect(values('five')).toEqual([5]);
    expect(values('twenty one boxes')).toEqual([21]);
    expect(values('twenty-one')).toEqual([21]);
    expect(values('a hundred times')).toEqual([100]);
    expect(values('one hundred and five')).toEqual([105]);
    expect(values('two thousand three hundred forty')).toEqual([2340]);
    expect(values('a dozen')).toEqual([12]);
    expect(values('zero')).toEqual([0]);
  });

  it('splits word sequences that cannot be one number', () => {
    expect(values('five six')).toEqual([5, 6]);
    expect(values('twelve fifteen')).toEqual([12, 15]);
  });

  it('ignores digits glued to letters and the article alone', () => {
    expect(values('at 3pm')).toEqual([]);
    expect(values('order ab123')).toEqual([]);
    expect(values('a question')).toEqual([]);
    expect(values('someone')).toEqual([]);
  });

  it('reports exact offsets', () => {
    const text = 'I need twenty one, not 30.';
    expect(findNumbers(text).map((match) => [text.slice(match.start, match.end), match.text])).toEqual([
      ['twenty one', 'twenty one'],
      ['30', '30'],
    ]);
  });
});

describe('readNumber', () => {
  it('reads a text that is one number, and nothing else', () => {
    expect(readNumber(' five ')).toBe(5);
    expect(readNumber('12')).toBe(12);
    expect(readNumber('five apples')).toBeUndefined();
    expect(readNumber('')).toBeUndefined();
  });
});
