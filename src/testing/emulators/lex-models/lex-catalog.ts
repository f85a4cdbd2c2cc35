/** What Lex V2 offers out of the box: its locales (with the names it gives them) and built-ins. */
import { validationFailed } from './models-wire.js';

const localeNames: Record<string, string> = {
  ar_AE: 'Gulf Arabic (AE)',
  ca_ES: 'Catalan (ES)',
  cy_GB: 'Welsh (GB)',
  da_DK: 'Danish (DK)',
  de_AT: 'German (AT)',
  de_CH: 'German (CH)',
  de_DE: 'German (DE)',
  en_AU: 'English (AU)',
  en_GB: 'English (GB)',
  en_IE: 'English (IE)',
  en_IN: 'English (IN)',
  en_NZ: 'English (NZ)',
  en_US: 'English (US)',
  en_ZA: 'English (ZA)',
  es_419: 'Spanish (LATAM)',
  es_ES: 'Spanish (ES)',
  es_US: 'Spanish (US)',
  fi_FI: 'Finnish (FI)',
  fr_CA: 'French (CA)',
  fr_FR: 'French (FR)',
  hi_IN: 'Hindi (IN)',
  is_IS: 'Icelandic (IS)',
  it_IT: 'Italian (IT)',
  ja_JP: 'Japanese (JP)',
  ko_KR: 'Korean (KR)',
  nl_NL: 'Dutch (NL)',
  no_NO: 'Norwegian (NO)',
  pl_PL: 'Polish (PL)',
  pt_BR: 'Portuguese (BR)',
  pt_PT: 'Portuguese (PT)',
  sv_SE: 'Swedish (SE)',
  tr_TR: 'Turkish (TR)',
  zh_CN: 'Mandarin (PRC)',
  zh_HK: 'Cantonese (HK)',
};

/** The display name of a supported locale; a ValidationException for any other id. */
export function localeNameOf(localeId: string): string {
  const name = localeNames[localeId];
  if (!name) throw validationFailed(`1 validation error detected: Value '${localeId}' at 'localeId' failed to satisfy constraint: Member must be a supported locale (such as en_US)`);
  return name;
}

export const builtInIntents = [
  'AMAZON.BedrockAgentIntent',
  'AMAZON.CancelIntent',
  'AMAZON.FallbackIntent',
  'AMAZON.HelpIntent',
  'AMAZON.KendraSearchIntent',
  'AMAZON.PauseIntent',
  'AMAZON.QInConnectIntent',
  'AMAZON.QnAIntent',
  'AMAZON.RepeatIntent',
  'AMAZON.ResumeIntent',
  'AMAZON.StartOverIntent',
  'AMAZON.StopIntent',
] as const;

export const builtInSlotTypes = [
  'AMAZON.AlphaNumeric',
  'AMAZON.City',
  'AMAZON.Confirmation',
  'AMAZON.Country',
  'AMAZON.Date',
  'AMAZON.Duration',
  'AMAZON.EmailAddress',
  'AMAZON.FirstName',
  'AMAZON.FreeFormInput',
  'AMAZON.LastName',
  'AMAZON.Number',
  'AMAZON.Percentage',
  'AMAZON.PhoneNumber',
  'AMAZON.State',
  'AMAZON.StreetName',
  'AMAZON.Time',
  'AMAZON.UKPostalCode',
] as const;

/** The intent every new locale is given, with the id the service gives it. */
export const fallbackIntent = {
  intentId: 'FALLBCKINT',
  intentName: 'FallbackIntent',
  description: 'Default intent when no other intent matches',
  parentIntentSignature: 'AMAZON.FallbackIntent',
} as const;

/** The alias every bot is given, pointing at DRAFT. */
export const testBotAlias = { botAliasId: 'TSTALIASID', botAliasName: 'TestBotAlias', description: 'test bot alias' } as const;
