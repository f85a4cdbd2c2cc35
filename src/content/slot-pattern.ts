/**
 * Slot-type patterns are compiled with RE2 (the re2js port): it matches in time linear in the text,
 * whatever the pattern, so no customer message can make a pattern backtrack for seconds. What RE2
 * cannot run (lookaround, backreferences, possessive and atomic forms) is refused with a way round it.
 */
import { RE2JS, RE2JSSyntaxException } from 're2js';

export type SlotPatternResult =
  | { kind: 'compiled'; regex: RE2JS }
  /** `problem` completes "pattern of slot type X …"; `offset` is where in the pattern it is. */
  | { kind: 'refused'; problem: string; hint: string; offset: number };

interface Translated {
  source: string;
  /** For each character of `source`, the index in the pattern it was written at. */
  origin: number[];
}

const linear = 'which slot patterns do not support: they run in linear time (RE2 syntax)';
const bracketsHint = 'check brackets and escapes; a YAML string with `\\` is easier in single quotes';

/**
 * Compiles a slot type's pattern; `regex.matches(value)` tells whether a whole value matches.
 * `\uXXXX` and `\u{…}` escapes (JavaScript's, Lex's and CLU's spelling) are read as RE2's `\x{…}`.
 *
 * @example
 * const result = compileSlotPattern('[A-Z]{2}[0-9]{6}', { caseInsensitive: true });
 * if (result.kind === 'compiled') result.regex.matches('ab123456') // true
 */
export function compileSlotPattern(pattern: string, options: { caseInsensitive: boolean }): SlotPatternResult {
  const translated = toRe2Syntax(pattern);
  try {
    return { kind: 'compiled', regex: RE2JS.compile(translated.source, options.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0) };
  } catch (error) {
    // The case flag is written into the pattern RE2 quotes back (`(?i)(a`), so ask again without it.
    return refusal(syntaxErrorOf(translated.source) ?? error, translated);
  }
}

function syntaxErrorOf(source: string): unknown {
  try {
    RE2JS.compile(source);
    return undefined;
  } catch (error) {
    return error;
  }
}

function refusal(error: unknown, translated: Translated): SlotPatternResult {
  if (!(error instanceof RE2JSSyntaxException)) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'refused', problem: `cannot be compiled: ${reason}`, hint: 'simplify the pattern', offset: 0 };
  }
  const fragment = error.input ?? '';
  const found = fragment === '' ? -1 : translated.source.indexOf(fragment);
  const offset = found < 0 ? 0 : (translated.origin[found] ?? 0);
  const { problem, hint } = explain(error.error, fragment);
  return { kind: 'refused', problem, hint, offset };
}

/** What RE2's complaint means for someone who wrote a JavaScript or PCRE pattern, and the rewrite. */
function explain(description: string, fragment: string): { problem: string; hint: string } {
  if (fragment.startsWith('(?=')) {
    return { problem: `uses lookahead \`(?=…)\`, ${linear}`, hint: 'remove it and match the whole value instead: the pattern always has to match all of it' };
  }
  if (fragment.startsWith('(?!')) {
    return { problem: `uses negative lookahead \`(?!…)\`, ${linear}`, hint: 'remove it and say what may come instead, e.g. a class of the allowed characters ([^…])' };
  }
  if (fragment.startsWith('(?<=') || fragment.startsWith('(?<!')) {
    return { problem: `uses lookbehind \`${fragment.slice(0, 4)}…)\`, ${linear}`, hint: 'remove it: the pattern matches the whole value, so write what comes before as part of the pattern' };
  }
  if (fragment.startsWith('(?>')) {
    return { problem: `uses an atomic group \`(?>…)\`, ${linear}`, hint: 'write (?:…) instead: RE2 never backtracks, so the group need not be atomic' };
  }
  if (/^\\[1-9k]/.test(fragment)) {
    return { problem: `uses a backreference \`${fragment}\`, ${linear}`, hint: 'spell the repeated part out again (([0-9])[0-9] rather than ([0-9])\\1): a pattern cannot require two parts to be equal' };
  }
  if (description === 'invalid nested repetition operator' && /^[*+?}]\+$/.test(fragment.slice(-2))) {
    return { problem: `uses a possessive quantifier \`${fragment}\`, ${linear}`, hint: 'drop the last `+`: RE2 never backtracks, so a plain quantifier is already safe' };
  }
  const problem = `is not a valid regular expression: ${description}${fragment ? `: \`${fragment}\`` : ''}`;
  if (description === 'invalid nested repetition operator') return { problem, hint: 'group what is repeated before repeating it again: (?:a{2}){3}' };
  if (description === 'invalid repeat count') return { problem, hint: 'RE2 repeats at most 1000 times: {1,1000}, or + without a bound' };
  if (fragment.startsWith('\\p') || fragment.startsWith('\\P')) {
    return { problem, hint: 'write Unicode classes by their short names (\\p{L}, \\p{Lu}, \\p{N}) or a script (\\p{Greek})' };
  }
  if (description === 'invalid escape sequence') {
    return { problem, hint: 'escape only punctuation (\\. \\- \\+); write a character by its code as \\u00E9 or \\x{E9}; classes are \\d \\w \\s \\b \\p{…}' };
  }
  if (description === 'invalid or unsupported Perl syntax' || description === 'invalid named capture') {
    return { problem, hint: 'RE2 groups are (…), (?:…), (?P<name>…) and (?<name>…); its flags are i, m, s and U' };
  }
  return { problem, hint: bracketsHint };
}

/** RE2 has no `\u`: `\uXXXX` (a surrogate pair as one character) and `\u{…}` become `\x{…}`. */
function toRe2Syntax(pattern: string): Translated {
  let source = '';
  const origin: number[] = [];
  const emit = (text: string, at: number) => {
    source += text;
    for (let index = 0; index < text.length; index++) origin.push(at);
  };
  let index = 0;
  while (index < pattern.length) {
    if (pattern[index] !== '\\') {
      emit(pattern[index]!, index);
      index++;
      continue;
    }
    const escape = unicodeEscapeAt(pattern, index);
    if (escape) {
      emit(`\\x{${escape.codePoint.toString(16).toUpperCase()}}`, index);
      index += escape.length;
      continue;
    }
    // Any other escape (`\\` included) stays as written, so `\\u0041` is a backslash and `u0041`.
    emit(pattern.slice(index, index + 2), index);
    index += 2;
  }
  return { source, origin };
}

function unicodeEscapeAt(pattern: string, at: number): { codePoint: number; length: number } | undefined {
  const braced = /^\\u\{([0-9a-fA-F]{1,6})\}/.exec(pattern.slice(at, at + 10));
  if (braced) {
    const codePoint = Number.parseInt(braced[1]!, 16);
    // Beyond Unicode it stays as written, for RE2 to refuse.
    return codePoint > 0x10ffff ? undefined : { codePoint, length: braced[0].length };
  }
  const unit = (position: number) => (/^\\u[0-9a-fA-F]{4}$/.test(pattern.slice(position, position + 6)) ? Number.parseInt(pattern.slice(position + 2, position + 6), 16) : undefined);
  const high = unit(at);
  if (high === undefined) return undefined;
  const low = high >= 0xd800 && high <= 0xdbff ? unit(at + 6) : undefined;
  if (low !== undefined && low >= 0xdc00 && low <= 0xdfff) return { codePoint: 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00), length: 12 };
  return { codePoint: high, length: 6 };
}
