import type { Parser, ParsingContext } from 'chrono-node';

/*
 * English phrases chrono does not read on its own: "half past two", "quarter to 5", "at seven",
 * "seven o'clock", "the 10th". They give an hour without am/pm, which the caller reads as business hours.
 */

const hourWords = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const hourWord = hourWords.join('|');
const hour = `(?:${hourWord}|1[0-2]|0?[1-9])`;
const minutesBefore: Record<string, number> = { quarter: 15, half: 30, five: 5, ten: 10, twenty: 20, 'twenty five': 25, 'twenty-five': 25 };
const before = '(?<![\\p{L}\\p{N}])';
const after = '(?![\\p{L}\\p{N}])';

function hourOf(word: string): number {
  const index = hourWords.indexOf(word.toLowerCase());
  return index >= 0 ? index + 1 : Number(word);
}

/** "half past two", "quarter to 5", "ten after 3", "20 to 4". */
const relativeToHour: Parser = {
  pattern: () =>
    new RegExp(`${before}(quarter|half|twenty[- ]five|twenty|ten|five|[1-5]?[0-9])\\s+(past|after|to|till|til|before)\\s+(${hour})(?:\\s*o'?clock)?${after}`, 'iu'),
  extract: (_context: ParsingContext, match: RegExpMatchArray) => {
    const [, amount = '', direction = '', target = ''] = match;
    const minutes = minutesBefore[amount.toLowerCase()] ?? Number(amount);
    if (!Number.isInteger(minutes) || minutes <= 0 || minutes >= 60) return null;
    const base = hourOf(target);
    if (/past|after/i.test(direction)) return { hour: base, minute: minutes };
    return { hour: base === 1 ? 12 : base - 1, minute: 60 - minutes };
  },
};

/** "at seven", "around eight thirty", "seven o'clock", "3 o'clock". */
const spokenHour: Parser = {
  pattern: () =>
    new RegExp(
      `${before}(?:(?:at|around|by|about)\\s+(${hourWord})(?:\\s+(fifteen|thirty|forty[- ]five))?(?:\\s*o'?clock)?|(${hour})\\s*o'?clock)${after}`,
      'iu',
    ),
  extract: (_context: ParsingContext, match: RegExpMatchArray) => {
    const [, spoken, minutes, clock] = match;
    const minute = minutes ? ({ fifteen: 15, thirty: 30 }[minutes.toLowerCase()] ?? 45) : 0;
    return { hour: hourOf(spoken ?? clock ?? ''), minute };
  },
};

/** "the 10th", "on the 3rd": the next such day of the month, today included. */
const dayOfMonth: Parser = {
  pattern: () => new RegExp(`${before}(?:on\\s+)?the\\s+([1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)${after}`, 'iu'),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const day = Number(match[1]);
    const local = new Date(context.reference.instant.getTime() + context.reference.getTimezoneOffset() * 60_000);
    let year = local.getUTCFullYear();
    let month = local.getUTCMonth() + 1;
    if (day < local.getUTCDate()) month++;
    // Skip months too short for the day ("the 31st" in April means May 31st).
    for (let tries = 0; tries < 12; tries++) {
      if (month > 12) {
        month = 1;
        year++;
      }
      if (day <= new Date(Date.UTC(year, month, 0)).getUTCDate()) return { year, month, day };
      month++;
    }
    return null;
  },
};

export const spokenTimeParsers: readonly Parser[] = [relativeToHour, spokenHour, dayOfMonth];
