import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { parseIntentFile } from '../../src/content/index.js';
import { compileSlotPattern, type SlotPatternResult } from '../../src/content/slot-pattern.js';
import { lines } from './helpers.js';

function compiled(pattern: string, caseInsensitive = true): RE2JS {
  const result = compileSlotPattern(pattern, { caseInsensitive });
  if (result.kind !== 'compiled') throw new Error(`${pattern} was refused: ${result.problem}`);
  return result.regex;
}

function refused(pattern: string): Extract<SlotPatternResult, { kind: 'refused' }> {
  const result = compileSlotPattern(pattern, { caseInsensitive: true });
  if (result.kind !== 'refused') throw new Error(`${pattern} was compiled`);
  return result;
}

describe('compileSlotPattern', () => {
  it('compiles with RE2 (re2js), matching whole values, case-insensitive unless told otherwise', () => {
    const orderNumber = compiled('[A-Z]{2}[0-9]{6}');
    expect(orderNumber).toBeInstanceOf(RE2JS);
    expect(orderNumber.matches('ab123456')).toBe(true);
    expect(orderNumber.matches('xab123456')).toBe(false);
    expect(orderNumber.matches('ab1234567')).toBe(false);
    expect(compiled('[A-Z]{2}[0-9]{6}', false).matches('ab123456')).toBe(false);
    // The alternation is inside the anchoring, as `^(?:a|ab)$` would have it.
    expect(compiled('a|ab').matches('ab')).toBe(true);
    expect(compiled('a|ab').matches('b')).toBe(false);
  });

  it('reads Unicode: \\uXXXX, surrogate pairs, \\u{…}, \\x{…}, \\p{…}, case folding beyond ASCII', () => {
    expect(compiled('caf\\u00e9').matches('CAFÉ')).toBe(true);
    expect(compiled('\\uD83D\\uDE00{2}').matches('😀😀')).toBe(true);
    expect(compiled('\\u{1F600}.').matches('😀😀')).toBe(true);
    expect(compiled('\\x{E9}').matches('é')).toBe(true);
    expect(compiled('\\p{L}+').matches('Ñandú')).toBe(true);
    // An escaped backslash before `u` is a backslash, not a character code.
    expect(compiled('\\\\u0041').matches('\\u0041')).toBe(true);
  });

  it('takes escaped punctuation anywhere, as plain JavaScript patterns did', () => {
    expect(compiled('[a-z]\\_\\-[0-9]').matches('a_-1')).toBe(true);
  });

  it.each([
    ['(?=[a-z])[a-z0-9]+', 'lookahead `(?=…)`', 0, 'match the whole value instead'],
    ['[0-9]+(?![a-z])', 'negative lookahead `(?!…)`', 6, 'allowed characters'],
    ['x(?<=x)y', 'lookbehind `(?<=…)`', 1, 'write what comes before as part of the pattern'],
    ['(?<!a)b', 'lookbehind `(?<!…)`', 0, 'write what comes before'],
    ['([0-9])\\1', 'a backreference `\\1`', 7, 'spell the repeated part out again'],
    ['(?<digit>[0-9])\\k<digit>', 'a backreference `\\k`', 15, 'spell the repeated part out again'],
    ['[a-z]++', 'a possessive quantifier `++`', 5, 'drop the last `+`'],
    ['[0-9]{3}+', 'a possessive quantifier `{3}+`', 5, 'drop the last `+`'],
    ['(?>ab|a)c', 'an atomic group `(?>…)`', 0, 'write (?:…) instead'],
  ])('refuses %s: %s, at its offset, with the rewrite', (pattern, construct, offset, rewrite) => {
    const result = refused(pattern);
    expect(result.problem).toBe(`uses ${construct}, which slot patterns do not support: they run in linear time (RE2 syntax)`);
    expect(result.offset).toBe(offset);
    expect(result.hint).toContain(rewrite);
  });

  it('says what is wrong with other patterns RE2 cannot read, and points at it', () => {
    expect(refused('[A-Z')).toMatchObject({ problem: 'is not a valid regular expression: missing closing ]: `[A-Z`', offset: 0 });
    expect(refused('a{1001}')).toMatchObject({ problem: 'is not a valid regular expression: invalid repeat count: `{1001}`', offset: 1, hint: expect.stringContaining('1000') });
    expect(refused('x\\p{Letter}')).toMatchObject({ offset: 1, hint: expect.stringContaining('\\p{L}') });
    expect(refused('é\\u00e9\\cA')).toMatchObject({ problem: 'is not a valid regular expression: invalid escape sequence: `\\c`', offset: 7 });
  });

  it('compiles patterns that are catastrophic for backtracking engines: RE2 has no backtracking to blow up', () => {
    for (const pattern of ['(a+)+$', '(a|aa)*b', '(x+x+)+y', '(.*)*z']) expect(compiled(pattern)).toBeInstanceOf(RE2JS);
  });
});

describe('intent files: patterns are checked with RE2 when loaded', () => {
  const file = 'intents/en-US/types.yaml';

  it('reports a refused pattern at the construct, with the rewrite, and keeps the type for the slots using it', () => {
    const text = lines(
      'intents:',
      '  - name: Track',
      '    utterances: ["track {parcel}"]',
      '    slots: [{name: parcel, type: Parcel}]',
      'slotTypes:',
      '  - name: Parcel',
      "    pattern: '[A-Z]{2}(?=[0-9])[0-9]{6}'",
      '  - name: Twice',
      '    pattern: "([0-9])\\\\1"',
    );
    const parsed = parseIntentFile(text, file, 'en-US');
    expect(parsed.problems).toEqual([
      {
        file,
        line: 7,
        column: 23,
        message: 'pattern of slot type Parcel uses lookahead `(?=…)`, which slot patterns do not support: they run in linear time (RE2 syntax)',
        hint: 'remove it and match the whole value instead: the pattern always has to match all of it',
      },
      // A YAML escape inside the value: the column is the value's, not the backreference's.
      { file, line: 9, column: 14, message: expect.stringContaining('uses a backreference `\\1`'), hint: expect.stringContaining('spell the repeated part out') },
    ]);
    expect(parsed.slotTypes.map((type) => type.name)).toEqual(['Parcel', 'Twice']);
  });

  it('checks examples with the linear engine: a failing example of (a+)+$ is an error, not a hang', () => {
    const text = lines('slotTypes:', '  - name: Repeated', "    pattern: '(a+)+$'", `    examples: [aaaa, ${'a'.repeat(40)}!]`);
    expect(parseIntentFile(text, file, 'en-US').problems.map(({ line, column, message }) => ({ line, column, message }))).toEqual([
      { line: 4, column: 22, message: `example \`${'a'.repeat(40)}!\` does not match the pattern of slot type Repeated` },
    ]);
  });
});
