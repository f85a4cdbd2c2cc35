import type { EntityMatch } from './entity-match.js';

const punctuation = /[\p{P}\p{S}]/u;

/**
 * Reads an answer to an alphanumeric question: its one word mixing letters and digits ("it's X9Y8"),
 * else the whole answer. Only used while the slot is asked for.
 *
 * @example
 * readAlphanumericAnswer('my code is X9Y8.') // { type: 'alphanumeric', text: 'X9Y8', value: 'X9Y8', … }
 */
export function readAlphanumericAnswer(text: string): EntityMatch | undefined {
  const words = Array.from(text.matchAll(/\S+/g), (match) => {
    const word = trimPunctuation(match[0]);
    const start = match.index + match[0].indexOf(word);
    return { word, start };
  });
  const mixed = words.filter(({ word }) => /\p{L}/u.test(word) && /\p{N}/u.test(word));
  if (mixed.length === 1) {
    const { word, start } = mixed[0]!;
    return { type: 'alphanumeric', text: word, start, end: start + word.length, value: word, confidence: 0.9 };
  }
  const whole = readTextAnswer(text);
  return whole && { ...whole, type: 'alphanumeric', confidence: 0.6 };
}

/**
 * Reads an answer to a free-text question: the whole answer, trimmed.
 *
 * @example
 * readTextAnswer('  it buzzes  ') // { type: 'text', text: 'it buzzes', start: 2, end: 11, value: 'it buzzes' }
 */
export function readTextAnswer(text: string): EntityMatch | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const start = text.indexOf(trimmed);
  return { type: 'text', text: trimmed, start, end: start + trimmed.length, value: trimmed, confidence: 1 };
}

// One character at a time: `/[\p{P}\p{S}]+$/` would rescan a long run of symbols from each of them.
function trimPunctuation(word: string): string {
  const characters = [...word];
  let start = 0;
  let end = characters.length;
  while (start < end && punctuation.test(characters[start]!)) start++;
  while (end > start && punctuation.test(characters[end - 1]!)) end--;
  return characters.slice(start, end).join('');
}
