/**
 * Reads yes and no from free text, so confirmations work whichever recognizer is in use (Lex and CLU
 * models rarely carry yes/no intents, and a content designer should not have to add them).
 */
import type { QuickReply } from '../core/turn.js';

export type YesNo = 'yes' | 'no' | undefined;

/** The quick replies of a yes/no question, in the bot's words (`messages.yes`, `messages.no`). */
export function yesNoReplies(words: { yes: string; no: string }): QuickReply[] {
  return [
    { title: words.yes, value: words.yes.toLowerCase() },
    { title: words.no, value: words.no.toLowerCase() },
  ];
}

const lexicon: Record<string, { yes: string[]; no: string[] }> = {
  en: {
    yes: [
      'yes', 'yeah', 'yea', 'yep', 'yup', 'ya', 'ye', 'sure', 'correct', 'right', 'ok', 'okay', 'k', 'affirmative',
      'absolutely', 'definitely', 'certainly', 'confirm', 'confirmed', 'perfect', 'great', 'fine', 'good',
      'exactly', 'indeed', 'alright', 'aye', 'y', 'yass', 'yes please', "that's right", 'that is right', 'thats right',
      "that's correct", 'sounds good', 'go ahead', 'do it', 'please do', 'of course', 'looks good', 'all good',
      'book it', 'yes it is', 'sure thing', 'why not', 'you bet', 'works for me', 'that works', 'go for it',
    ],
    no: [
      'no', 'nope', 'nah', 'n', 'negative', 'not', 'wrong', 'incorrect', 'no thanks', 'no thank you', 'not really',
      "that's wrong", 'thats wrong', "that's not right", 'not quite', "don't", 'do not', 'nay', 'no way', 'not at all',
      'no it is not', "no it's not", 'not correct', 'never',
    ],
  },
  es: {
    yes: ['sí', 'si', 'claro', 'correcto', 'vale', 'de acuerdo', 'por supuesto', 'exacto', 'ok', 'okay', 'perfecto', 'está bien', 'esta bien', 'dale', 'afirmativo', 'así es', 'asi es'],
    no: ['no', 'para nada', 'incorrecto', 'no gracias', 'negativo', 'nunca', 'no es correcto'],
  },
};

const phraseCache = new Map<string, { yes: Set<string>; no: Set<string> }>();

function phrasesFor(locale: string) {
  const language = locale.split('-')[0]?.toLowerCase() ?? 'en';
  let phrases = phraseCache.get(language);
  if (!phrases) {
    const source = lexicon[language] ?? lexicon.en!;
    phrases = { yes: new Set(source.yes.map(normalise)), no: new Set(source.no.map(normalise)) };
    phraseCache.set(language, phrases);
  }
  return phrases;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[’']/g, "'").replace(/[^\p{L}\p{N}' ]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * `yes`, `no`, or undefined when the text is neither (or both). Looks at the whole answer and at its
 * opening words, so "yes please", "no, make it Friday" and "sure, go ahead" are read.
 *
 * @example
 * readYesNo("yeah that's right", 'en-US') // 'yes'
 */
export function readYesNo(text: string, locale: string): YesNo {
  const words = normalise(text).split(' ').filter(Boolean);
  const exact = readWhole(words, locale);
  if (exact || words.length === 0) return exact;
  const phrases = phrasesFor(locale);
  // The opening one to three words decide: "no, make it friday", "yes but at 4".
  for (let length = Math.min(3, words.length); length >= 1; length--) {
    const opening = words.slice(0, length).join(' ');
    const isNo = phrases.no.has(opening);
    const isYes = phrases.yes.has(opening);
    if (isNo !== isYes) return isNo ? 'no' : 'yes';
  }
  return undefined;
}

/** Like readYesNo, but only when the whole answer is a yes or a no ("no", "yes please", not "ok cancel it"). */
export function readExactYesNo(text: string, locale: string): YesNo {
  return readWhole(normalise(text).split(' ').filter(Boolean), locale);
}

function readWhole(words: string[], locale: string): YesNo {
  const phrases = phrasesFor(locale);
  const whole = words.join(' ');
  if (phrases.no.has(whole)) return 'no';
  if (phrases.yes.has(whole)) return 'yes';
  return undefined;
}
