import type { Entity } from '../nlu/recognizer.js';
import { findDatesAndTimes, readTimeAnswer } from './dates-and-times.js';
import { findEmailAddresses } from './email-addresses.js';
import type { EntityMatch, ValueContext } from './entity-match.js';
import { readAlphanumericAnswer, readTextAnswer } from './free-answers.js';
import { findListValues } from './list-values.js';
import { findNumbers } from './numbers.js';
import { findPhoneNumbers } from './phone-numbers.js';
import { findRegexValues } from './regex-values.js';

/**
 * Reads an answer for the slot type being asked for: while a slot is asked for, the answer is read for
 * that slot first, with readings that would be too loose elsewhere ("3" is a time, "friday" a date,
 * any answer a value of an unrestricted list). Undefined when the answer holds no such value.
 *
 * @example
 * readExpectedValue('3', 'time', { slotTypes, locale: 'en-US', now, timeZone: 'America/New_York' })
 * // { type: 'time', text: '3', start: 0, end: 1, value: '15:00', confidence: 0.8 }
 */
export function readExpectedValue(text: string, expectedType: string, context: ValueContext): Entity | undefined {
  switch (expectedType) {
    case 'date':
      return findDatesAndTimes(text, context).find((match) => match.type === 'date');
    case 'time':
      return readTimeAnswer(text, context);
    case 'number':
      return findNumbers(text)[0];
    case 'phone':
      return findPhoneNumbers(text, context.locale)[0];
    case 'email':
      return findEmailAddresses(text)[0];
    case 'alphanumeric':
      return readAlphanumericAnswer(text);
    case 'text':
      return readTextAnswer(text);
  }
  const slotType = context.slotTypes.find((candidate) => candidate.name === expectedType);
  if (!slotType) return undefined;
  if (slotType.kind === 'regex') return findRegexValues(text, slotType)[0];
  const listed = longest(findListValues(text, slotType, undefined, context.guardedWords));
  if (listed || slotType.restrict) return listed;
  const whole = readTextAnswer(text);
  return whole && { ...whole, type: slotType.name, confidence: 0.5 };
}

function longest(matches: EntityMatch[]): EntityMatch | undefined {
  return matches.reduce<EntityMatch | undefined>((best, match) => (!best || match.end - match.start > best.end - best.start ? match : best), undefined);
}
