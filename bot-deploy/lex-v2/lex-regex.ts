/**
 * Regex slot types in Lex V2: a pattern of at most 300 characters, without infinite repeaters (`*`,
 * `+`, `{x,}`) or the wild card `.`; characters outside ASCII written `\uXXXX`.
 * https://docs.aws.amazon.com/lexv2/latest/APIReference/API_SlotValueRegexFilter.html
 * Intent-file patterns are RE2 syntax (src/content/slot-pattern.ts): its `\x{…}` is spelled `\uXXXX`
 * here, and what only RE2 reads (inline flags, `(?P<…>`, POSIX classes) is refused.
 */

export const lexPatternMaxLength = 300;

/** Escapes a Lex pattern cannot take, and what they become: `\d` is spelled out, the others refused. */
const shorthands: Record<string, { outside: string; inside: string } | undefined> = {
  d: { outside: '[0-9]', inside: '0-9' },
};

/**
 * The pattern as Lex takes it, or why it cannot be written for Lex.
 *
 * @example
 * toLexPattern('[A-Z]{2}\\d{6}') // { pattern: '[A-Z]{2}[0-9]{6}' }
 * toLexPattern('[0-9]+') // { problem: '`+` repeats without end …' }
 */
export function toLexPattern(pattern: string): { pattern: string } | { problem: string } {
  let out = '';
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '\\') {
      const next = pattern[index + 1];
      if (next === undefined) return { problem: 'it ends with a lone `\\`' };
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(pattern.slice(index + 2, index + 6))) {
        out += pattern.slice(index, index + 6);
        index += 5;
        continue;
      }
      const byCode = /^\\x(?:\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{2}))/.exec(pattern.slice(index, index + 11));
      if (byCode) {
        const code = Number.parseInt(byCode[1] ?? byCode[2]!, 16);
        if (code > 0x10ffff) return { problem: `\`${byCode[0]}\` is not a character` };
        out += String.fromCodePoint(code).split('').map(unicodeEscape).join('');
        index += byCode[0].length - 1;
        continue;
      }
      const shorthand = shorthands[next];
      if (shorthand) out += inClass ? shorthand.inside : shorthand.outside;
      else if (/[a-zA-Z0-9]/.test(next)) return { problem: `\`\\${next}\` is not something Lex patterns support` };
      else out += `\\${next}`;
      index++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      if (char === '[' && pattern[index + 1] === ':') return { problem: 'POSIX classes such as `[:alpha:]` are not something Lex patterns support' };
      out += literal(char);
      continue;
    }
    if (char === '(' && /^\(\?(?:P<|[a-zA-Z-]+[:)])/.test(pattern.slice(index, index + 12))) {
      return { problem: 'inline flags such as `(?i)` and `(?P<name>…)` groups are not something Lex patterns support' };
    }
    if (char === '[') inClass = true;
    else if (char === '*' || char === '+') return { problem: `\`${char}\` repeats without end, which Lex does not allow` };
    else if (char === '.') return { problem: 'the wild card `.` is not allowed in Lex patterns' };
    else if (char === '{' && /^\{\d+,\}/.test(pattern.slice(index))) return { problem: '`{n,}` repeats without end, which Lex does not allow' };
    out += literal(char);
  }
  if (out.length > lexPatternMaxLength) return { problem: `it is ${out.length} characters long written for Lex; Lex takes at most ${lexPatternMaxLength}` };
  return { pattern: out };
}

/** Characters outside ASCII as `\uXXXX`, the only way Lex takes them. */
function literal(char: string): string {
  // UTF-16 units, as a pattern without the `u` flag reads them (a character beyond the BMP is two).
  return char.charCodeAt(0) < 0x80 ? char : unicodeEscape(char);
}

/** One UTF-16 unit as `\uXXXX`. */
function unicodeEscape(unit: string): string {
  return `\\u${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}
