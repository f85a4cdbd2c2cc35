import type { RE2JS } from 're2js';
import type { SlotType } from '../content/intent-model.js';
import { compileSlotPattern } from '../content/slot-pattern.js';
import type { EntityMatch } from './entity-match.js';

type RegexSlotType = Extract<SlotType, { kind: 'regex' }>;

export interface CompiledRegexSlotType {
  /** The pattern in RE2 (linear time); null when it is refused: such a type never matches. */
  whole: RE2JS | null;
  /** The characters removed before `whole` is tried: the separators. */
  removed: ReadonlySet<string>;
  /** Whether whitespace may sit between the characters of a value (and is removed too). */
  spaces: boolean;
}

const wordRun = /[\p{L}\p{N}]+/gu;
const whitespace = /\s/u;
// With the message's own bound (maxMessageLength), these keep the work per message small and linear.
const mostWordsInAValue = 8;
const longestValue = 64;
const compiled = new WeakMap<RegexSlotType, CompiledRegexSlotType>();

/**
 * Finds the values of a regex slot type: runs of words whose concatenation, separators removed,
 * fully matches the pattern. Longest run first, left to right.
 *
 * @example
 * findRegexValues('order ab 123-456 please', orderNumber) // [{ text: 'ab 123-456', value: 'AB123456', … }]
 */
export function findRegexValues(text: string, slotType: RegexSlotType): EntityMatch[] {
  const pattern = compileRegexSlotType(slotType);
  if (!pattern.whole) return [];
  const words = Array.from(text.matchAll(wordRun), (match) => ({ start: match.index, end: match.index + match[0].length }));
  const found: EntityMatch[] = [];
  let first = 0;
  while (first < words.length) {
    const start = words[first]!.start;
    // The words a value starting here could run to: not past whitespace, unless the type allows it.
    let last = first;
    while (last + 1 < words.length && last + 1 - first < mostWordsInAValue && words[last + 1]!.end - start <= longestValue) {
      if (!pattern.spaces && whitespace.test(text.slice(words[last]!.end, words[last + 1]!.start))) break;
      last++;
    }
    let matched = false;
    for (let end = last; end >= first; end--) {
      const stop = words[end]!.end;
      if (stop - start > longestValue) continue;
      const candidate = withoutRemoved(text.slice(start, stop), pattern);
      if (!pattern.whole.matches(candidate)) continue;
      found.push({ type: slotType.name, text: text.slice(start, stop), start, end: stop, value: transform(candidate, slotType.transform), confidence: 1 });
      first = end + 1;
      matched = true;
      break;
    }
    if (!matched) first++;
  }
  return found;
}

function transform(value: string, how: RegexSlotType['transform']): string {
  if (how === 'upper') return value.toUpperCase();
  if (how === 'lower') return value.toLowerCase();
  return value;
}

/**
 * A regex slot type as the matcher runs it, compiled once per slot type.
 *
 * @example
 * compileRegexSlotType(orderNumber).whole?.matches('AB123456') // true
 */
export function compileRegexSlotType(slotType: RegexSlotType): CompiledRegexSlotType {
  let pattern = compiled.get(slotType);
  if (pattern) return pattern;
  const result = compileSlotPattern(slotType.pattern, { caseInsensitive: slotType.caseInsensitive });
  const separators = [...slotType.separators];
  // The intent-file loader reports refused patterns; at run time such a type simply finds nothing.
  const whole = result.kind === 'compiled' ? result.regex : null;
  pattern = { whole, removed: new Set(separators), spaces: separators.some((character) => whitespace.test(character)) };
  compiled.set(slotType, pattern);
  return pattern;
}

function withoutRemoved(text: string, pattern: CompiledRegexSlotType): string {
  if (pattern.removed.size === 0 && !pattern.spaces) return text;
  let kept = '';
  for (const character of text) {
    if (!pattern.removed.has(character) && !(pattern.spaces && whitespace.test(character))) kept += character;
  }
  return kept;
}
