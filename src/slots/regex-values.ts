import type { SlotType } from '../content/intent-model.js';
import type { EntityMatch } from './entity-match.js';

type RegexSlotType = Extract<SlotType, { kind: 'regex' }>;

interface CompiledPattern {
  /** Null when the pattern does not compile: such a type never matches. */
  whole: RegExp | null;
  /** Matches what is removed before `whole` is tried: the separators, and whitespace when `spaces`. */
  removed: RegExp | null;
  /** Whether whitespace may sit between the characters of a value. */
  spaces: boolean;
}

const wordRun = /[\p{L}\p{N}]+/gu;
const mostWordsInAValue = 8;
const longestValue = 64;
const compiled = new WeakMap<RegexSlotType, CompiledPattern>();

/**
 * Finds the values of a regex slot type: runs of words whose concatenation, separators removed,
 * fully matches the pattern. Longest run first, left to right.
 *
 * @example
 * findRegexValues('order ab 123-456 please', orderNumber) // [{ text: 'ab 123-456', value: 'AB123456', … }]
 */
export function findRegexValues(text: string, slotType: RegexSlotType): EntityMatch[] {
  const pattern = compile(slotType);
  if (!pattern.whole) return [];
  const words = Array.from(text.matchAll(wordRun), (match) => ({ start: match.index, end: match.index + match[0].length }));
  const found: EntityMatch[] = [];
  let first = 0;
  while (first < words.length) {
    const start = words[first]!.start;
    // The words a value starting here could run to: not past whitespace, unless the type allows it.
    let last = first;
    while (last + 1 < words.length && last + 1 - first < mostWordsInAValue && words[last + 1]!.end - start <= longestValue) {
      if (!pattern.spaces && /\s/.test(text.slice(words[last]!.end, words[last + 1]!.start))) break;
      last++;
    }
    let matched = false;
    for (let end = last; end >= first; end--) {
      const stop = words[end]!.end;
      if (stop - start > longestValue) continue;
      const candidate = pattern.removed ? text.slice(start, stop).replace(pattern.removed, '') : text.slice(start, stop);
      if (!pattern.whole.test(candidate)) continue;
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

function compile(slotType: RegexSlotType): CompiledPattern {
  let pattern = compiled.get(slotType);
  if (pattern) return pattern;
  const flags = slotType.caseInsensitive ? 'i' : '';
  // Unicode mode first; patterns written for plain mode (`\_`, `\-` outside classes) still compile without it.
  const whole = compileWhole(slotType.pattern, `${flags}u`) ?? compileWhole(slotType.pattern, flags);
  const separators = Array.from(new Set(slotType.separators));
  const spaces = separators.some((character) => /\s/.test(character));
  const removable = separators.map((character) => character.replace(/[\\\]^-]/g, '\\$&')).join('') + (spaces ? '\\s' : '');
  pattern = { whole, removed: removable ? new RegExp(`[${removable}]`, 'gu') : null, spaces };
  compiled.set(slotType, pattern);
  return pattern;
}

function compileWhole(source: string, flags: string): RegExp | null {
  try {
    return new RegExp(`^(?:${source})$`, flags);
  } catch {
    // The intent-file loader reports bad patterns; at run time such a type simply finds nothing.
    return null;
  }
}
