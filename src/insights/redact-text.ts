/**
 * Typed redaction of customer text by local detectors: what a person or a log reading a transcript
 * must not see in clear is replaced by its kind (`[EMAIL]`, `[CARD]`…). Cheap and deterministic, so
 * it runs wherever text leaves the conversation (a handoff envelope, a stored report) with no cloud.
 */

import { emailPattern } from '../slots/email-addresses.js';

/** The kinds of personal data the local detectors find. */
export type PiiKind = 'EMAIL' | 'CARD' | 'SSN' | 'IBAN' | 'PHONE';

/** Replaces what it finds in a text; returns the text unchanged when there is nothing. */
export type Redactor = (text: string) => string;

interface Detector {
  kind: PiiKind;
  pattern: RegExp;
  /** A match the pattern alone cannot rule out (a digit run that fails the Luhn check is no card). */
  accept?: (match: string) => boolean;
}

// Order matters: a card number is also a long run of digits a phone pattern would take.
const detectors: readonly Detector[] = [
  // The email slot's own pattern: proven linear on customer text.
  { kind: 'EMAIL', pattern: emailPattern },
  { kind: 'IBAN', pattern: /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g, accept: ibanChecks },
  { kind: 'CARD', pattern: /\b\d(?:[ -]?\d){12,18}\b/g, accept: (match) => luhn(match.replace(/\D/g, '')) },
  { kind: 'SSN', pattern: /\b\d{3}-\d{2}-\d{4}\b/g },
  // A phone number: 7–15 digits, with the separators people type ("+1 (415) 555-0100", "415.555.0100").
  { kind: 'PHONE', pattern: /(?<![\w-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?)?\d{2,4}(?:[ .-]?\d{2,4}){1,4}(?![\w-])/g, accept: (match) => digitCount(match) >= 7 && digitCount(match) <= 15 },
];

/**
 * Redacts emails, card numbers (Luhn-checked), US social security numbers, IBANs (checksum-checked)
 * and phone numbers, each replaced by `[KIND]`.
 *
 * @example
 * redactText('mail me at ana@example.com or call 415 555 0100') // 'mail me at [EMAIL] or call [PHONE]'
 * redactText('order 12345 for 3 pizzas') // unchanged: too short to be a phone number
 */
export const redactText: Redactor = (text) => {
  let redacted = text;
  for (const { kind, pattern, accept } of detectors) {
    redacted = redacted.replace(pattern, (match) => (accept && !accept(match) ? match : `[${kind}]`));
  }
  return redacted;
};

function digitCount(text: string): number {
  let count = 0;
  for (const character of text) if (character >= '0' && character <= '9') count += 1;
  return count;
}

/** The Luhn checksum every payment card number passes. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

/** ISO 13616's mod-97 check: an IBAN, not a product code of the same shape. */
function ibanChecks(match: string): boolean {
  const compact = match.replace(/ /g, '');
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const value = character >= 'A' ? String(character.charCodeAt(0) - 55) : character;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return compact.length >= 15 && remainder === 1;
}
