/**
 * The carrier keywords every SMS program answers: STOP and its synonyms opt a number out, START opts
 * it back in, HELP says who is texting. A keyword is the whole message, in any case, with
 * surrounding spaces and a final full stop or exclamation mark ignored ("Stop", " STOP! ").
 */

/** The words of each keyword, upper case. */
export interface SmsKeywords {
  stop: readonly string[];
  /** Opt back in; answered only while the number is opted out (otherwise the bot reads them). */
  start: readonly string[];
  help: readonly string[];
}

/**
 * The usual US carrier (CTIA) keywords. `YES` opts back in only while a number is opted out: at any
 * other time it is an answer for the bot.
 */
export const defaultSmsKeywords: SmsKeywords = {
  stop: ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'],
  start: ['START', 'UNSTOP', 'YES'],
  help: ['HELP', 'INFO'],
};

export type SmsKeyword = keyof SmsKeywords;

/**
 * Which keyword a message is, if any.
 *
 * @example
 * smsKeyword(' Stop ') // 'stop'
 * smsKeyword('stop sending me these') // undefined
 */
export function smsKeyword(message: string, keywords: SmsKeywords = defaultSmsKeywords): SmsKeyword | undefined {
  let word = message.trim();
  if (word.length > 20) return undefined;
  if (word.endsWith('.') || word.endsWith('!')) word = word.slice(0, -1).trimEnd();
  word = word.toUpperCase();
  if (keywords.stop.includes(word)) return 'stop';
  if (keywords.start.includes(word)) return 'start';
  if (keywords.help.includes(word)) return 'help';
  return undefined;
}
