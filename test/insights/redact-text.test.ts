import { describe, expect, it } from 'vitest';
import { redactText } from 'parley-sdk';

describe('redactText', () => {
  it.each([
    ['my email is ana.lopez+bills@example.co.uk thanks', 'my email is [EMAIL] thanks'],
    ['card 4111 1111 1111 1111 exp 12/29', 'card [CARD] exp 12/29'],
    ['card 4111-1111-1111-1111', 'card [CARD]'],
    ['ssn 123-45-6789', 'ssn [SSN]'],
    ['IBAN GB82 WEST 1234 5698 7654 32 please', 'IBAN [IBAN] please'],
    ['call me on +1 (415) 555-0100 or 415.555.0101', 'call me on [PHONE] or [PHONE]'],
    ['mi número es 612 345 678', 'mi número es [PHONE]'],
  ])('redacts %j', (text, redacted) => {
    expect(redactText(text)).toBe(redacted);
  });

  it.each([
    'order 12345 for 3 pizzas',
    'tomorrow at 3pm',
    'the outage in 94105',
    // 16 digits that fail the Luhn check are not a card (an order reference), but are too long for a phone
    'reference 1234 5678 9012 3456',
    // the shape of an IBAN with a wrong checksum
    'code GB00WEST12345698765432',
    // digits inside a word are a code, not a phone number
    'model XR2000-1234-5678',
  ])('leaves %j alone', (text) => {
    expect(redactText(text)).toBe(text);
  });
});
