import type { EntityMatch } from './entity-match.js';

// RFC 5322 "dot-atom" local part and a host name of letter-digit-hyphen labels with an alphabetic TLD.
// The labels' limit of 63 characters is checked after the match: as counted repeats ({0,61}) it makes
// the regex too large for the check that proves it linear.
const atom = "[A-Za-z0-9!#$%&*+/=?^_`{|}~-]+";
const label = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const longestLabel = 63;
// Exported for the test that checks every regex run on customer text is linear.
export const emailPattern = new RegExp(
  `(?<![A-Za-z0-9!#$%&*+/=?^_\`{|}~.'-])${atom}(?:\\.${atom})*@(?:${label}\\.)+[A-Za-z]{2,}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])`,
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
  return Array.from(text.matchAll(emailPattern))
    .filter((match) => hostLabelsFit(match[0]))
    .map((match) => ({
      type: 'email',
      text: match[0],
      start: match.index,
      end: match.index + match[0].length,
      value: match[0].toLowerCase(),
      confidence: 1,
    }));
}

function hostLabelsFit(address: string): boolean {
  return address
    .slice(address.indexOf('@') + 1)
    .split('.')
    .every((label) => label.length <= longestLabel);
}
