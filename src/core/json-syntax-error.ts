/**
 * Where JSON text goes wrong, found by our own scan: JSON.parse's message quotes the text around
 * the mistake, which in a config file may be a password. The problems named here are fixed phrases
 * that never hold any of the text. (jsonc-parser, the usual library for this, recurses, so deep
 * nesting overflows the stack, and it points at the start of a token rather than the mistake.)
 */

export interface JsonSyntaxProblem {
  /** Offset in the text (UTF-16 code units) where the mistake is. */
  offset: number;
  /** What is wrong, in words that hold none of the text. */
  problem: string;
}

type Expecting = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

const whitespace = new Set([' ', '\t', '\n', '\r']);
const escapes = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const literals = ['true', 'false', 'null'];

/**
 * The first syntax mistake in `text` read as JSON, or undefined if there is none. Iterative, so deep
 * nesting cannot overflow the stack.
 *
 * @example
 * locateJsonSyntaxError('{"a": 1,}') // { offset: 8, problem: 'a quoted key was expected' }
 */
export function locateJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  const open: Array<'{' | '['> = [];
  let at = 0;
  let expecting: Expecting = 'value';
  const fail = (offset: number, problem: string): JsonSyntaxProblem => ({ offset, problem });
  const afterValue = (): Expecting => (open.length === 0 ? 'end' : 'comma-or-close');
  /** Past the bracket that closes the innermost container. */
  const close = () => {
    at += 1;
    open.pop();
    expecting = afterValue();
  };

  for (;;) {
    while (at < text.length && whitespace.has(text[at]!)) at += 1;
    if (at >= text.length) return expecting === 'end' ? undefined : fail(at, 'the text ends too early');
    const char = text[at]!;
    switch (expecting) {
      case 'end':
        return fail(at, 'more text follows the end of the value');
      case 'colon':
        if (char !== ':') return fail(at, "a ':' was expected after the key");
        at += 1;
        expecting = 'value';
        continue;
      case 'comma-or-close': {
        const closing = open.at(-1) === '{' ? '}' : ']';
        if (char === ',') {
          at += 1;
          expecting = open.at(-1) === '{' ? 'key' : 'value';
        } else if (char === closing) {
          close();
        } else {
          return fail(at, `a ',' or '${closing}' was expected`);
        }
        continue;
      }
      case 'key':
      case 'key-or-close': {
        if (char === '}' && expecting === 'key-or-close') {
          close();
          continue;
        }
        if (char !== '"') return fail(at, expecting === 'key' ? 'a quoted key was expected (is there a comma too many?)' : 'a quoted key was expected');
        const end = scanString(text, at);
        if (typeof end !== 'number') return end;
        at = end;
        expecting = 'colon';
        continue;
      }
      case 'value':
      case 'value-or-close': {
        if (char === ']' && expecting === 'value-or-close') {
          close();
          continue;
        }
        if (char === '{' || char === '[') {
          open.push(char);
          at += 1;
          expecting = char === '{' ? 'key-or-close' : 'value-or-close';
          continue;
        }
        const end = char === '"' ? scanString(text, at) : char === '-' || isDigit(char) ? scanNumber(text, at) : scanLiteral(text, at);
        if (typeof end !== 'number') return end;
        at = end;
        expecting = afterValue();
        continue;
      }
    }
  }
}

/**
 * The 1-based line and column of an offset, counting lines by `\n` (so `\r\n` files count right too).
 *
 * @example
 * lineAndColumn('a\nbc', 3) // { line: 2, column: 2 }
 */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let index = 0; index < end; index += 1) {
    if (text.charCodeAt(index) === 10) {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function isHex(char: string | undefined): boolean {
  return char !== undefined && /^[0-9a-fA-F]$/.test(char);
}

/** From the opening quote; the offset after the closing one, or the problem. */
function scanString(text: string, start: number): number | JsonSyntaxProblem {
  let at = start + 1;
  while (at < text.length) {
    const char = text[at]!;
    if (char === '"') return at + 1;
    if (char.charCodeAt(0) < 0x20) return { offset: at, problem: 'a line break or control character inside a string (write it as \\n, \\t…)' };
    if (char === '\\') {
      const next = text[at + 1];
      if (next === 'u') {
        if (![2, 3, 4, 5].every((step) => isHex(text[at + step]))) return { offset: at, problem: 'a \\u escape needs four hexadecimal digits' };
        at += 6;
        continue;
      }
      if (next === undefined || !escapes.has(next)) return { offset: at, problem: 'an unknown escape inside a string (a lone backslash is written \\\\)' };
      at += 2;
      continue;
    }
    at += 1;
  }
  return { offset: start, problem: 'a string that is never closed starts here' };
}

function scanNumber(text: string, start: number): number | JsonSyntaxProblem {
  let at = start;
  const bad = (offset: number): JsonSyntaxProblem => ({ offset, problem: 'a malformed number' });
  if (text[at] === '-') at += 1;
  if (text[at] === '0') at += 1;
  else if (isDigit(text[at])) while (isDigit(text[at])) at += 1;
  else return bad(at);
  if (text[at] === '.') {
    at += 1;
    if (!isDigit(text[at])) return bad(at);
    while (isDigit(text[at])) at += 1;
  }
  if (text[at] === 'e' || text[at] === 'E') {
    at += 1;
    if (text[at] === '+' || text[at] === '-') at += 1;
    if (!isDigit(text[at])) return bad(at);
    while (isDigit(text[at])) at += 1;
  }
  return at;
}

function scanLiteral(text: string, start: number): number | JsonSyntaxProblem {
  const literal = literals.find((word) => text.startsWith(word, start));
  if (literal) return start + literal.length;
  return { offset: start, problem: 'a value was expected here (strings are written in double quotes)' };
}
