/** Lex V2 names, locale ids, identifiers and built-in slot types, both ways. */
import { createHash } from 'node:crypto';
import type { BuiltInSlotType } from '../../src/content/intent-model.js';

/** Names of bots, intents, slots and slot types: letters and digits, single `_` or `-` between them. */
export const lexNamePattern = /^([0-9a-zA-Z][_-]?){1,100}$/;

/** The intent every Lex locale has, and its fixed identifier in exports. */
export const fallbackIntentName = 'FallbackIntent';
export const fallbackIntentIdentifier = 'FALLBCKINT';
export const fallbackIntentDescription = 'Default intent when no other intent matches';

/**
 * The Lex locale id of a BCP 47 locale: `en-US` becomes `en_US`.
 *
 * @example
 * lexLocaleId('es-419') // 'es_419'
 */
export function lexLocaleId(locale: string): string {
  return locale.replaceAll('-', '_');
}

/**
 * The BCP 47 locale of a Lex locale id: `en_US` becomes `en-US`.
 *
 * @example
 * parleyLocale('ko_KR') // 'ko-KR'
 */
export function parleyLocale(localeId: string): string {
  const written = localeId.replaceAll('_', '-');
  try {
    return Intl.getCanonicalLocales(written)[0] ?? written;
  } catch {
    return written;
  }
}

// As the Lex console names them in BotLocale.json (en_US and ko_KR as seen in real exports).
const localeNames: Record<string, string> = {
  en_US: 'English (US)',
  en_GB: 'English (GB)',
  en_AU: 'English (AU)',
  en_IN: 'English (IN)',
  en_ZA: 'English (ZA)',
  es_US: 'Spanish (US)',
  es_ES: 'Spanish (Spain)',
  es_419: 'Spanish (Latin America)',
  fr_FR: 'French (France)',
  fr_CA: 'French (Canada)',
  de_DE: 'German (Germany)',
  it_IT: 'Italian (Italy)',
  ja_JP: 'Japanese (Japan)',
  ko_KR: 'Korean (South Korea)',
  pt_BR: 'Portuguese (Brazil)',
  pt_PT: 'Portuguese (Portugal)',
  zh_CN: 'Mandarin (PRC)',
};

/**
 * The display name of a Lex locale, or the id itself for one not in the table.
 *
 * @example
 * lexLocaleName('en_US') // 'English (US)'
 */
export function lexLocaleName(localeId: string): string {
  return localeNames[localeId] ?? localeId;
}

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A 10-character `[0-9A-Z]` identifier derived from a name path, so a rebuilt archive is byte for
 * byte the same. (Ids in an import archive are only labels: the importing account assigns its own.)
 *
 * @example
 * lexIdentifier('intent', 'AcmeTelecom', 'en_US', 'BookAppointment') // 10 characters, always the same
 */
export function lexIdentifier(...path: string[]): string {
  const digest = createHash('sha256').update(path.join('\u0000')).digest();
  let id = '';
  for (let index = 0; index < 10; index++) id += alphabet[digest[index]! % alphabet.length];
  return id;
}

/** Parley's built-in slot types and the Lex types they compile to (`text` is handled apart). */
export const lexBuiltInSlotTypes: Record<Exclude<BuiltInSlotType, 'text'>, string> = {
  date: 'AMAZON.Date',
  time: 'AMAZON.Time',
  number: 'AMAZON.Number',
  phone: 'AMAZON.PhoneNumber',
  email: 'AMAZON.EmailAddress',
  alphanumeric: 'AMAZON.AlphaNumeric',
};

/** Free text. Lex takes it only when asked for, and never inside an intent's sample utterances. */
export const lexFreeText = 'AMAZON.FreeFormInput';

/**
 * The Parley built-in type for a Lex `AMAZON.*` slot type, if one means the same.
 *
 * @example
 * parleyBuiltInSlotType('AMAZON.PhoneNumber') // 'phone'
 * parleyBuiltInSlotType('AMAZON.City') // undefined
 */
export function parleyBuiltInSlotType(lexType: string): BuiltInSlotType | undefined {
  if (lexType === lexFreeText) return 'text';
  const found = Object.entries(lexBuiltInSlotTypes).find(([, lex]) => lex === lexType);
  return found?.[0] as BuiltInSlotType | undefined;
}
