/**
 * Where one message may hold two requests: its clauses, parted at sentence ends, question marks and
 * the words that join requests ("…order AB123456 and is there an outage in 94105?"), per language.
 * Only a hint, read without a recognizer: whether a clause is a request of its own is for the
 * recognizer to say (second-request.ts).
 */
import { readExactYesNo } from './yes-no.js';

export interface Clause {
  /** Offsets into the message, `end` exclusive, around the clause's words (the joining word left out). */
  start: number;
  end: number;
  /** Enough words to be a request on its own: not only courtesy ("thanks") or a yes or a no. */
  substantive: boolean;
}

interface Language {
  /** Punctuation that parts clauses: question marks, sentence ends, semicolons, line breaks. */
  stops: RegExp;
  /**
   * Words that join requests ("and", "as well as"), after a comma or a space and before a space;
   * `joinsClauses` says whether one parts clauses. Found from the word, not from the spaces before
   * it: a search starting at each space of a long run would be quadratic.
   */
  joiners: RegExp;
  /** Words that open a clause without asking anything ("also", "and then"). */
  openers: RegExp;
  /** Clauses that are only courtesy, as whole normalised texts. */
  courtesy: ReadonlySet<string>;
}

const languages: Record<string, Language> = {
  en: {
    stops: /[?!;\n]+|\.(?=\s|$)/gu,
    joiners: /(?<=[\s,])(?:and|plus|as well as)(?=\s)/giu,
    openers: /^(?:(?:and|also|plus|then|oh|so|but|btw|by the way|please)\b[\s,]*)+/iu,
    courtesy: new Set(['thanks', 'thank you', 'thanks a lot', 'thank you so much', 'many thanks', 'please', 'cheers', 'great', 'cool', 'bye', 'goodbye', 'hi', 'hello', "that's all", 'that is all', 'have a nice day']),
  },
  es: {
    stops: /[?!;¿¡\n]+|\.(?=\s|$)/gu,
    joiners: /(?<=[\s,])(?:y|e|además)(?=\s)/giu,
    // Not `\b`: it reads "á" as a word's end. A word opens a clause when a space, a comma or the end follows it.
    openers: /^(?:(?:y|e|también|además|luego|entonces|pero|por favor)(?:[\s,]+|$))+/iu,
    courtesy: new Set(['gracias', 'muchas gracias', 'por favor', 'adiós', 'adios', 'hola', 'eso es todo']),
  },
};

const wordPattern = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
/** What a clause's edges shed: spaces, commas and colons ("…, and", "also: …"). */
const pause = /[\s,:]/u;
/** Fewer words than this are not a request of their own ("and Friday", "olives too"). */
const leastWords = 2;

interface Seam {
  start: number;
  end: number;
}

/**
 * The message's clauses in order, or one clause for the whole when nothing parts it (or the language
 * has no rules here).
 *
 * @example
 * splitClauses('where is order AB123456 and is there an outage in 94105?', 'en-US')
 * // [{ start: 0, end: 23, substantive: true }, { start: 28, end: 55, substantive: true }]
 */
export function splitClauses(text: string, locale: string): Clause[] {
  const language = languages[locale.split('-')[0]?.toLowerCase() ?? ''];
  if (!language) return [clauseOf(text, 0, text.length, undefined, locale)];
  const clauses: Clause[] = [];
  let from = 0;
  for (const seam of seamsOf(text, language)) {
    const clause = clauseOf(text, from, seam.start, language, locale);
    if (clause.end > clause.start) clauses.push(clause);
    from = seam.end;
  }
  const last = clauseOf(text, from, text.length, language, locale);
  if (last.end > last.start) clauses.push(last);
  return clauses;
}

/** Where the message parts, in order: its stops and its joining words (which never overlap: words are letters). */
function seamsOf(text: string, language: Language): Seam[] {
  const seams: Seam[] = Array.from(text.matchAll(language.stops), (stop) => ({ start: stop.index, end: stop.index + stop[0].length }));
  const { joiners } = language;
  joiners.lastIndex = 0;
  for (let joiner = joiners.exec(text); joiner; joiner = joiners.exec(text)) {
    if (joinsClauses(text, joiner.index)) seams.push({ start: joiner.index, end: joiner.index + joiner[0].length });
    // A word refused here may overlap a later one ("…\nas well as well as…"): look again one character on.
    else joiners.lastIndex = joiner.index + 1;
  }
  return seams.sort((a, b) => a.start - b.start);
}

/**
 * Whether a joining word at `at` parts clauses: after a comma, or after spaces that are not all line
 * breaks. After line breaks alone the line break has parted them already, and the word opens the next
 * clause ("…my order\nand reset my password": the clause is "and reset my password").
 */
function joinsClauses(text: string, at: number): boolean {
  let before = at;
  while (before > 0 && text[before - 1] === '\n') before--;
  return before > 0 && /[\s,]/u.test(text[before - 1]!);
}

function clauseOf(text: string, from: number, to: number, language: Language | undefined, locale: string): Clause {
  // One character at a time: `/[\s,:]*$/` would rescan a long run of spaces from each of them.
  let start = from;
  let end = to;
  while (start < end && pause.test(text[start]!)) start++;
  while (end > start && pause.test(text[end - 1]!)) end--;
  if (!language) return { start, end, substantive: true };
  const said = text.slice(start, end).replace(language.openers, '');
  const words = said.match(wordPattern) ?? [];
  const whole = words.join(' ').toLowerCase();
  const substantive = words.length >= leastWords && !language.courtesy.has(whole) && readExactYesNo(whole, locale) === undefined;
  return { start, end, substantive };
}
