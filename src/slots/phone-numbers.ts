import type { CountryCode } from 'libphonenumber-js';
import type { EntityMatch } from './entity-match.js';
import { loadPhoneNumbers } from './slot-libraries.js';

const fewestDigits = 7;
const countries = new Map<string, CountryCode | undefined>();

/**
 * Finds phone numbers, read in the locale's country unless written with a `+` prefix; the value is E.164.
 * Numbers of a plausible length count, so fictional ones ("555 123 4567") are found too.
 *
 * @example
 * findPhoneNumbers('call me on (617) 555-0123', 'en-US') // [{ type: 'phone', value: '+16175550123', … }]
 */
export function findPhoneNumbers(text: string, locale: string): EntityMatch[] {
  // libphonenumber is the costliest finder, loaded on first use (slot-libraries.ts); most messages hold
  // too few digits to carry a phone number.
  let digitCount = 0;
  for (let index = 0; index < text.length && digitCount < fewestDigits; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) digitCount++;
  }
  if (digitCount < fewestDigits) return [];
  const defaultCountry = countryOf(locale);
  return loadPhoneNumbers().findPhoneNumbersInText(text, { ...(defaultCountry ? { defaultCountry } : {}), extended: true }).map((found) => ({
    type: 'phone',
    text: text.slice(found.startsAt, found.endsAt),
    start: found.startsAt,
    end: found.endsAt,
    value: found.number.number,
    confidence: found.number.isValid() ? 1 : 0.7,
  }));
}

/** The country a locale's phone numbers are read in: its region, or the likely region of its language. */
function countryOf(locale: string): CountryCode | undefined {
  if (countries.has(locale)) return countries.get(locale);
  let country: CountryCode | undefined;
  try {
    const region = new Intl.Locale(locale).maximize().region;
    country = region && loadPhoneNumbers().isSupportedCountry(region) ? region : undefined;
  } catch {
    country = undefined;
  }
  countries.set(locale, country);
  return country;
}
