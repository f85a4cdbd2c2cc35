/**
 * Quick replies over SMS: a phone has no buttons, so the options are numbered under the question
 * ("Reply 1 for Yes, 2 for No") and a reply that is just a number picks one. The options offered
 * are read back from the conversation's transcript, so they hold across restarts and processes.
 */
import type { QuickReply, TranscriptEntry } from '../../src/core/turn.js';
import { sayPhrase, type SmsPhrases } from './sms-phrases.js';

/**
 * The line that numbers the options, in the conversation's locale.
 *
 * @example
 * numberedOptions([{ title: 'Yes', value: 'yes' }, { title: 'No', value: 'no' }], smsPhrases('en-US'), 'en-US')
 * // 'Reply 1 for Yes, 2 for No.'
 */
export function numberedOptions(options: readonly QuickReply[], phrases: SmsPhrases, locale: string): string {
  const choices = options.map(({ title }, index) => sayPhrase(phrases.choice, { number: index + 1, title }, locale)).join(', ');
  return sayPhrase(phrases.reply, { choices }, locale);
}

// Linear: anchored, no nested quantifiers.
const choicePattern = /^(\d{1,2})[.)]?$/;

/**
 * The option number a message is, when it is just a number (`1`, `1.`, ` 2 `, `3)`); else undefined.
 *
 * @example
 * optionNumber(' 2 ') // 2
 * optionNumber('2 pm') // undefined
 */
export function optionNumber(text: string): number | undefined {
  const match = choicePattern.exec(text.trim());
  const number = match ? Number(match[1]) : 0;
  return number >= 1 ? number : undefined;
}

/**
 * The options the bot offered last, if the customer has not spoken since: the quick replies of the
 * latest bot message after the customer's last message (a person's message in between takes them
 * back: the number is for the person).
 */
export function offeredOptions(entries: readonly TranscriptEntry[]): QuickReply[] | undefined {
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = entries[index]!;
    if (entry.from !== 'bot') return undefined;
    if (entry.quickReplies?.length) return entry.quickReplies;
  }
  return undefined;
}
