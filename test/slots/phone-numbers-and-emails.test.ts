import { describe, expect, it } from 'vitest';
import { findEmailAddresses } from '../../src/slots/email-addresses.js';
import { findPhoneNumbers } from '../../src/slots/phone-numbers.js';

describe('findPhoneNumbers', () => {
  it('reads national numbers in the locale\'s country and gives E.164', () => {
    const text = 'call me on (617) 555-0123 please';
    const [match, ...others] = findPhoneNumbers(text, 'en-US');
    expect(others).toEqual([]);
    expect(match).toMatchObject({ type: 'phone', value: '+16175550123', text: '(617) 555-0123', start: 11, end: 25 });
    expect(text.slice(match!.start, match!.end)).toBe(match!.text);
    expect(findPhoneNumbers('617-253-1000', 'en-US')[0]?.value).toBe('+16172531000');
    expect(findPhoneNumbers('020 7946 0958', 'en-GB')[0]?.value).toBe('+442079460958');
  });

  it('reads fictional numbers of a plausible length, with lower confidence', () => {
    const [match] = findPhoneNumbers('my number is 555 123 4567', 'en-US');
    expect(match?.value).toBe('+15551234567');
    expect(match?.confidence).toBeLessThan(1);
  });

  it('reads international numbers whatever the locale', () => {
    expect(findPhoneNumbers('+44 20 7946 0958', 'en-US')[0]?.value).toBe('+442079460958');
    expect(findPhoneNumbers('+1 212 555 0199', 'fr-FR')[0]?.value).toBe('+12125550199');
  });

  it('uses the likely region of a locale without one', () => {
    expect(findPhoneNumbers('617-253-1000', 'en')[0]?.value).toBe('+16172531000');
  });

  it('ignores short digit runs, order numbers and zip codes', () => {
    expect(findPhoneNumbers('order 12345678', 'en-US')).toEqual([]);
    expect(findPhoneNumbers('zip 94105, order ab 123-456', 'en-US')).toEqual([]);
    expect(findPhoneNumbers('555-0123', 'en-US')).toEqual([]);
  });

  it('does not throw on a locale it cannot read', () => {
    expect(() => findPhoneNumbers('617-253-1000', 'not a locale!')).not.toThrow();
  });
});

describe('findEmailAddresses', () => {
  it('finds addresses and lower-cases the value', () => {
    const text = 'mail Jane.Doe@Example.COM.';
    expect(findEmailAddresses(text)).toEqual([
      { type: 'email', text: 'Jane.Doe@Example.COM', start: 5, end: 25, value: 'jane.doe@example.com', confidence: 1 },
    ]);
  });

  it('accepts plus tags, sub-domains and country domains', () => {
    expect(findEmailAddresses('maria+bills@mail.example.co.uk').map((match) => match.value)).toEqual(['maria+bills@mail.example.co.uk']);
  });

  it('rejects what is not an address', () => {
    for (const text of ['email@', '@example.com', 'a@b', 'jane@example', 'jane..doe@example.com', 'jane@-example.com', 'jane@example.c0m']) {
      expect(findEmailAddresses(text), text).toEqual([]);
    }
  });
});
