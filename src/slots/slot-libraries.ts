/**
 * The libraries that read values out of text, each loaded the first time a text needs it: chrono's
 * parser for a language, and libphonenumber. Most messages need neither, and a start that loaded them
 * would take some 300 ms longer. chrono is loaded from each language's own entry point: its package
 * root loads every language it knows (ja, zh, ru…), about 8 MB more of every Parley process, and
 * Parley's seven up front about 4 MB more than an English bot uses. Finding values is synchronous, so
 * the loading is too: `require` of their CommonJS builds. A bundle puts slot-libraries.bundle.ts in
 * this module's place.
 */
import { createRequire } from 'node:module';
import type { Chrono } from 'chrono-node';

export type PhoneNumberLibrary = typeof import('libphonenumber-js');

const load = createRequire(import.meta.url);

/**
 * @example
 * loadChrono('de').parseDate('morgen um 15 Uhr')
 */
export function loadChrono(language: string): Chrono {
  return (load(`chrono-node/${language}`) as { casual: Chrono }).casual;
}

/**
 * @example
 * loadPhoneNumbers().findPhoneNumbersInText('call (617) 555-0123', { defaultCountry: 'US' })
 */
export function loadPhoneNumbers(): PhoneNumberLibrary {
  return load('libphonenumber-js') as PhoneNumberLibrary;
}
