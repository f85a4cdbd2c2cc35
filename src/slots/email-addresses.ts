import type { EntityMatch } from './entity-match.js';

// RFC 5322 "dot-atom" local part and a host name of letter-digit-hyphen labels with an alphabetic TLD.
const atom = "[A-Za-z0-9!#$%&*+/=?^_`{|}~-]+";
const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const emailPattern = new RegExp(
  `(?<![A-Za-z0-9!#$%&*+/=?^_\`{|}~.'-])${atom}(?:\\.${atom})*@(?:${label}\\.)+[A-Za-z]{2,63}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])`,
  'g',
);

/**
 * Finds e-mail addresses; the value is lower-cased.
 *
 * @example
 * findEmailAddresses('mail Jane.Doe@Example.com.') // [{ type: 'email', text: 'Jane.Doe@Example.com', value: 'jane.doe@example.com', … }]
 */
export function findEmailAddresses(text: string): EntityMatch[] {
  if (!text.includes('@')) return [];
  return Array.from(text.matchAll(emailPattern), (match) => ({
    type: 'email',
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
    value: match[0].toLowerCase(),
    confidence: 1,
  }));
}
