/**
 * What an answer does to a slot that holds a list (`multiple: true`): a new list replaces the old one
 * ("actually make it olives and peppers"), unless the customer says they add to it ("add olives",
 * "olives too", "also peppers"). Removing ("no olives") is not read: the customer says the new list.
 */
import type { SingleSlotValue, SlotValue } from '../core/turn.js';
import { tokenizeWords } from '../slots/text-tokens.js';

/** Per language (English when a language has none), as compared: lower case, no accents. */
const additionWords: Record<string, { words: Set<string>; pairs: Set<string>; opening: string }> = {
  en: { words: new Set(['also', 'add', 'adding', 'plus', 'too', 'extra', 'another', 'more']), pairs: new Set(['as well']), opening: 'and' },
  es: { words: new Set(['tambien', 'agrega', 'agregue', 'agregar', 'anade', 'anada', 'anadir', 'ademas', 'mas']), pairs: new Set<string>(), opening: 'y' },
};

/**
 * Whether an answer adds its values to the list a slot holds rather than replacing it: it has a word
 * of adding ("add olives", "olives too", "also peppers", "olives as well") or opens with "and".
 *
 * @example
 * addsToList('add olives', 'en-US') // true
 * addsToList('actually make it olives and peppers', 'en-US') // false
 */
export function addsToList(text: string, locale: string): boolean {
  const language = locale.split('-')[0]?.toLowerCase() ?? 'en';
  const { words, pairs, opening } = additionWords[language] ?? additionWords.en!;
  const said = tokenizeWords(text).map((token) => token.normal);
  return said[0] === opening || said.some((word, index) => words.has(word) || pairs.has(`${word} ${said[index + 1]}`));
}

/** A slot's value as a list: a list as it is, one value as a list of one, nothing as none. */
export function listOf(value: SlotValue | undefined): SingleSlotValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Values in order, each once (compared as text: `7` and `"7"` are one value). */
export function uniqueValues(values: readonly SingleSlotValue[]): SingleSlotValue[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = String(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether two slot values are the same: lists element by element, values as text. */
export function sameSlotValue(a: SlotValue | undefined, b: SlotValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = listOf(a);
  const right = listOf(b);
  return left.length === right.length && left.every((value, index) => String(value) === String(right[index]));
}
