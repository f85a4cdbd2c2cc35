/**
 * How intent-model names become CLU names and back. CLU names an entity after the slot it fills
 * (the runtime recognizer's convention), speaks lower-case language codes, and knows built-in types
 * as prebuilt components.
 */
import { namePattern } from '../../src/content/intent-schema.js';

/** CLU's limit on intent and entity names (and on model and deployment labels). */
export const cluNameLength = 50;

/** Intent and entity names may hold any character but these (CLU naming rules). */
const forbidden = /[:$&%*()+~#/?]/;

/** Model labels, deployment and project names: letters, digits, `_ . -`. */
export const cluLabelPattern = /^[A-Za-z0-9_.-]{1,50}$/;

/** What CLU calls a language: the BCP 47 tag in lower case (`en-us`, `de`). */
export function cluLanguageOf(locale: string): string {
  return locale.trim().replaceAll('_', '-').toLowerCase();
}

/** The BCP 47 locale of a CLU language: `en-us` → `en-US`, `zh-hans` → `zh-Hans`. */
export function localeOfCluLanguage(language: string): string {
  try {
    return Intl.getCanonicalLocales(language.replaceAll('_', '-'))[0] ?? language;
  } catch {
    return language;
  }
}

/** Why a name cannot be a CLU intent or entity name, or undefined when it can. */
export function cluNameProblem(name: string): string | undefined {
  if (name.length > cluNameLength) return `is ${name.length} characters long; CLU takes at most ${cluNameLength}`;
  if (forbidden.test(name)) return 'holds one of : $ & % * ( ) + ~ # / ?, which CLU names may not';
  return undefined;
}

/** The prebuilt component of each built-in slot type that has one (category names as CLU's authoring API lists them). */
export const prebuiltOfType: Readonly<Record<string, string>> = {
  date: 'DateTime',
  time: 'DateTime',
  number: 'Quantity.Number',
  phone: 'Phone Number',
  email: 'Email',
};

/**
 * The built-in slot type of a prebuilt component, or undefined for one Parley has no type for. A
 * DateTime is a `time` for a slot named like one (`time`, `startTime`), else a `date`.
 */
export function typeOfPrebuilt(category: string, slotName: string): string | undefined {
  const key = category.toLowerCase().replace(/[\s_]/g, '');
  if (key === 'datetime') return /time/i.test(slotName) && !/date/i.test(slotName) ? 'time' : 'date';
  if (key === 'quantity.number' || key === 'number') return 'number';
  if (key === 'phonenumber') return 'phone';
  if (key === 'email') return 'email';
  return undefined;
}

/**
 * A name the intent files accept (letters and digits, single `_` or `-` between), made from a CLU
 * name: `Check Bill` → `Check_Bill`. The same name when it already fits.
 */
export function intentFileName(name: string): string {
  if (namePattern.test(name)) return name;
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 100);
  return cleaned || 'Unnamed';
}

/** `orderNumber` → `OrderNumber`. */
export function pascalCase(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
