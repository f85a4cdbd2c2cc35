import { findSlotType, type LocaleModel } from '../../content/intent-model.js';
import type { SingleSlotValue } from '../../core/turn.js';
import { findDatesAndTimes } from '../../slots/dates-and-times.js';
import { findEmailAddresses } from '../../slots/email-addresses.js';
import { findListValues } from '../../slots/list-values.js';
import { readNumber } from '../../slots/numbers.js';
import { findPhoneNumbers } from '../../slots/phone-numbers.js';
import { findRegexValues } from '../../slots/regex-values.js';

export interface WordsContext {
  locale: string;
  now: Date;
  timeZone: string;
  localeModel: LocaleModel | undefined;
}

/**
 * The canonical value of an entity's words for a slot type, read by Parley's own slot readers: what
 * CLU leaves unresolved (a learned `date` entity, a phone number, a regex match, a list value found
 * by the learned component rather than the list) still reaches the dialog canonical, and dates are
 * read in the customer's time zone. Undefined when the words do not read as that type.
 *
 * @example
 * readEntityWords('phone', '(617) 555-0123', context) // '+16175550123'
 */
export function readEntityWords(type: string, words: string, context: WordsContext): SingleSlotValue | undefined {
  switch (type) {
    case 'date':
    case 'time':
      return findDatesAndTimes(words, context).find((match) => match.type === type)?.value;
    case 'number':
      return readNumber(words);
    case 'phone':
      return findPhoneNumbers(words, context.locale)[0]?.value;
    case 'email':
      return findEmailAddresses(words)[0]?.value;
  }
  const slotType = context.localeModel && findSlotType(context.localeModel, type);
  if (slotType?.kind === 'list') return findListValues(words, slotType)[0]?.value;
  if (slotType?.kind === 'regex') return findRegexValues(words, slotType)[0]?.value;
  return undefined;
}
