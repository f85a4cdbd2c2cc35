import type { EntityMatch } from './entity-match.js';
import { tokenizeWords, type WordToken } from './text-tokens.js';

type WordKind = 'zero' | 'unit' | 'teen' | 'ten' | 'hundred' | 'scale';

const numberWords = new Map<string, { kind: WordKind; value: number }>([
  ['zero', { kind: 'zero', value: 0 }],
  ...['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'].map(
    (word, index) => [word, { kind: 'unit' as const, value: index + 1 }] as const,
  ),
  ...['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'].map(
    (word, index) => [word, { kind: 'teen' as const, value: index + 10 }] as const,
  ),
  ...['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map(
    (word, index) => [word, { kind: 'ten' as const, value: (index + 2) * 10 }] as const,
  ),
  ['dozen', { kind: 'hundred', value: 12 }],
  ['hundred', { kind: 'hundred', value: 100 }],
  ['thousand', { kind: 'scale', value: 1_000 }],
  ['million', { kind: 'scale', value: 1_000_000 }],
  ['billion', { kind: 'scale', value: 1_000_000_000 }],
]);

/** Which kind of number word may follow which: "twenty one" is one number, "five six" is two. */
const mayFollow: Record<WordKind, readonly WordKind[]> = {
  zero: [],
  unit: ['hundred', 'scale'],
  teen: ['hundred', 'scale'],
  ten: ['unit', 'hundred', 'scale'],
  hundred: ['unit', 'teen', 'ten', 'scale'],
  scale: ['unit', 'teen', 'ten', 'hundred'],
};

const digits = /(?<![\p{L}\p{N}.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\p{L}\p{N}]|[.,]\d)/gu;

/**
 * Finds numbers written in digits ("42", "3.5", "1,200") or English words ("twenty one", "a hundred").
 *
 * @example
 * findNumbers('I need twenty one boxes') // [{ type: 'number', text: 'twenty one', value: 21, … }]
 */
export function findNumbers(text: string): EntityMatch[] {
  const found: EntityMatch[] = [];
  for (const match of text.matchAll(digits)) {
    const value = Number(match[0].replaceAll(',', ''));
    if (Number.isFinite(value)) found.push(numberMatch(text, match.index, match.index + match[0].length, value));
  }
  found.push(...findNumberWords(text, tokenizeWords(text)));
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The value of a text that is exactly one number, else undefined.
 *
 * @example
 * readNumber(' five ') // 5
 */
export function readNumber(text: string): number | undefined {
  const trimmed = text.trim();
  const [only, ...others] = findNumbers(trimmed);
  if (!only || others.length > 0 || only.start !== 0 || only.end !== trimmed.length) return undefined;
  return typeof only.value === 'number' ? only.value : undefined;
}

function findNumberWords(text: string, tokens: WordToken[]): EntityMatch[] {
  const found: EntityMatch[] = [];
  let index = 0;
  while (index < tokens.length) {
    const run = readNumberWords(text, tokens, index);
    if (!run) {
      index++;
      continue;
    }
    found.push(numberMatch(text, tokens[run.first]!.start, tokens[run.last]!.end, run.value));
    index = run.last + 1;
  }
  return found;
}

function readNumberWords(text: string, tokens: WordToken[], first: number): { first: number; last: number; value: number } | undefined {
  let position = first;
  let total = 0;
  let current = 0;
  let previous: WordKind | undefined;
  // "a hundred", "a dozen": the article counts as one only before a multiplier.
  const next = numberWords.get(tokens[position + 1]?.normal ?? '');
  if (tokens[position]?.normal === 'a' && (next?.kind === 'hundred' || next?.kind === 'scale')) {
    current = 1;
    previous = 'unit';
    position++;
  }
  let last = -1;
  for (; position < tokens.length; position++) {
    const token = tokens[position]!;
    if (position > first && !joinable(text.slice(tokens[position - 1]!.end, token.start))) break;
    if (token.normal === 'and' && (previous === 'hundred' || previous === 'scale')) continue;
    const word = numberWords.get(token.normal);
    if (!word || (previous && !mayFollow[previous].includes(word.kind))) break;
    if (word.kind === 'hundred') current = (current || 1) * word.value;
    else if (word.kind === 'scale') {
      total += (current || 1) * word.value;
      current = 0;
    } else current += word.value;
    previous = word.kind;
    last = position;
  }
  if (last < first || previous === undefined) return undefined;
  return { first, last, value: total + current };
}

function joinable(gap: string): boolean {
  return /^(?:\s+|\s*-\s*)$/.test(gap);
}

function numberMatch(text: string, start: number, end: number, value: number): EntityMatch {
  return { type: 'number', text: text.slice(start, end), start, end, value, confidence: 1 };
}
