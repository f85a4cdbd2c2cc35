/**
 * slot-libraries.ts as a bundle has it (`parley lambda build` puts this module in that one's place):
 * each library required by its name, so that the bundler takes it in. The bundle still runs a
 * library's code only when a text first needs it. Never loaded outside a bundle, where an ES module
 * has no `require`.
 */
import type { Chrono } from 'chrono-node';
import type { PhoneNumberLibrary } from './slot-libraries.js';

type ChronoModule = { casual: Chrono };

/** The languages dates-and-times.ts reads; any other is read as English there. */
export function loadChrono(language: string): Chrono {
  switch (language) {
    case 'de':
      return (require('chrono-node/de') as ChronoModule).casual;
    case 'es':
      return (require('chrono-node/es') as ChronoModule).casual;
    case 'fr':
      return (require('chrono-node/fr') as ChronoModule).casual;
    case 'it':
      return (require('chrono-node/it') as ChronoModule).casual;
    case 'nl':
      return (require('chrono-node/nl') as ChronoModule).casual;
    case 'pt':
      return (require('chrono-node/pt') as ChronoModule).casual;
    default:
      return (require('chrono-node/en') as ChronoModule).casual;
  }
}

export function loadPhoneNumbers(): PhoneNumberLibrary {
  return require('libphonenumber-js') as PhoneNumberLibrary;
}
