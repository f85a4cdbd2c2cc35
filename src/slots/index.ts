// Slot value resolution: finding values in text and reading answers to slot questions.
export { findEntities } from './find-entities.js';
export { readExpectedValue } from './read-expected-value.js';
export type { EntityMatch, ValueContext } from './entity-match.js';
export { findDatesAndTimes, readTimeAnswer, type TimeContext } from './dates-and-times.js';
export { findEmailAddresses } from './email-addresses.js';
export { findListValues } from './list-values.js';
export { findNumbers, readNumber } from './numbers.js';
export { findPhoneNumbers } from './phone-numbers.js';
export { findRegexValues } from './regex-values.js';
export { readAlphanumericAnswer, readTextAnswer } from './free-answers.js';
