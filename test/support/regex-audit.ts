// Finds the regexes in source files and judges them with recheck's automaton checker, which proves a
// backtracking regex linear or finds the strings that make it blow up. It is static analysis: no
// timing, no randomness (unlike recheck's fuzzer), so the verdict is the same on any machine.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { check } from 'recheck';
import ts from 'typescript';

export interface SourceRegex {
  file: string;
  line: number;
  source: string;
  flags: string;
}

export interface SourceFileRegexes {
  /** The regex literals, read as written. */
  literals: SourceRegex[];
  /** Lines of `new RegExp(…)` and `RegExp(…)`: built at run time, so they must be checked as built. */
  constructed: number[];
}

/** The `.ts` files under `roots` (files or folders), relative to `base`, sorted. */
export function sourceFiles(base: string, roots: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) {
      found.push(relative(base, path));
    }
  };
  for (const root of roots) walk(join(base, root));
  return found.sort();
}

export function regexesIn(base: string, file: string): SourceFileRegexes {
  const text = readFileSync(join(base, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: SourceFileRegexes = { literals: [], constructed: [] };
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const written = node.getText(source);
      const end = written.lastIndexOf('/');
      found.literals.push({ file, line: lineOf(node), source: written.slice(1, end), flags: written.slice(end + 1) });
    }
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText(source) === 'RegExp') found.constructed.push(lineOf(node));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export type Verdict = { safe: true } | { safe: false; why: string };

/**
 * Whether a JavaScript regex is free of super-linear backtracking, by recheck's automaton checker.
 *
 * @example
 * await judgeRegex('(a+)+$', '') // { safe: false, why: 'exponential backtracking, e.g. on …' }
 */
export async function judgeRegex(source: string, flags: string): Promise<Verdict> {
  const judged = worstCaseWithoutLookarounds(source);
  if ('why' in judged) return { safe: false, why: judged.why };
  const result = await check(judged.source, flags, { checker: 'automaton', timeout: null });
  if (result.status === 'safe') return { safe: true };
  if (result.status === 'vulnerable') {
    const attack = result.attack.pattern.length > 80 ? `${result.attack.pattern.slice(0, 80)}…` : result.attack.pattern;
    return { safe: false, why: `${result.complexity.type} backtracking, e.g. on ${attack}` };
  }
  return { safe: false, why: `recheck cannot judge it: ${result.error.kind}${'message' in result.error ? ` ${result.error.message}` : ''}` };
}

// A character no customer text holds, standing for a lookahead that fails.
const failing = '\\uFFFF';

/**
 * The automaton checker does not read lookarounds. At the edges of a regex they can be replaced by
 * what a backtracking search does with them: a leading lookbehind of one character only says where a
 * match may start, which the character before the match says as well; a trailing lookahead can turn
 * a match into a failure, so it becomes a character that never comes (its worst case), and every way
 * of matching the rest is explored. Lookarounds elsewhere, or with repeats inside, are not judged.
 */
export function worstCaseWithoutLookarounds(source: string): { source: string } | { why: string } {
  let rest = source;
  let head = '';
  let tail = '';
  if (scan(rest)[0] === '^') [head, rest] = ['^', rest.slice(1)];
  if (scan(rest).at(-1) === '$') [tail, rest] = ['$', rest.slice(0, -1)];
  let lead = '';
  const behind = firstGroup(rest);
  if (behind && /^\(\?<[=!]/.test(behind)) {
    const previous = asOneCharacter(behind);
    if (previous === undefined) return { why: `its lookbehind ${behind} is not one character, which is all this check reads` };
    lead = previous;
    rest = rest.slice(behind.length);
  }
  let lookaheads = 0;
  for (let group = lastGroup(rest); group && /^\(\?[=!]/.test(group); group = lastGroup(rest)) {
    if (hasUnboundedRepeat(group)) return { why: `its lookahead ${group} repeats without bound` };
    rest = rest.slice(0, -group.length);
    lookaheads++;
  }
  if (scan(rest).some((token) => /^\(\?(?:[=!]|<[=!])/.test(token))) return { why: 'it has a lookaround inside: rewrite it without, or move it to an edge' };
  return { source: head + lead + rest + (lookaheads > 0 ? failing : '') + tail };
}

/**
 * A lookbehind of one character as the character it looks at: `(?<![a-z])` is `(?:^|[^a-z])`, which
 * starts the match one character early, so the search tries exactly the starts the lookbehind allows.
 */
function asOneCharacter(group: string): string | undefined {
  const negative = group[3] === '!';
  const body = scan(group.slice(4, -1));
  if (body.length !== 1 || /^[()|^$*+?{}.]$/.test(body[0]!)) return undefined;
  const token = body[0]!;
  if (!negative) return token;
  const inverse = token.startsWith('[^') ? `[${token.slice(2)}` : token.startsWith('[') ? `[^${token.slice(1)}` : `[^${token}]`;
  return `(?:^|${inverse})`;
}

/** The regex as tokens: escapes, whole character classes, group openers `(?…`, and single characters. */
function scan(source: string): string[] {
  const tokens: string[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index]!;
    let end = index + 1;
    if (char === '\\') end = index + 2;
    else if (char === '[') {
      while (end < source.length && source[end] !== ']') end += source[end] === '\\' ? 2 : 1;
      end++;
    } else if (char === '(' && source[index + 1] === '?') {
      end = index + (source[index + 2] === '<' && /[=!]/.test(source[index + 3] ?? '') ? 4 : 3);
    }
    tokens.push(source.slice(index, end));
    index = end;
  }
  return tokens;
}

/** The group the regex starts with, whole (`(?<!a)`), if it starts with one. */
function firstGroup(source: string): string | undefined {
  if (!scan(source)[0]?.startsWith('(')) return undefined;
  let depth = 0;
  let length = 0;
  for (const token of scan(source)) {
    length += token.length;
    if (token.startsWith('(')) depth++;
    else if (token === ')' && --depth === 0) return source.slice(0, length);
  }
  return undefined;
}

/** The group the regex ends with, whole, if it ends with one (and no quantifier follows it). */
function lastGroup(source: string): string | undefined {
  const tokens = scan(source);
  if (tokens.at(-1) !== ')') return undefined;
  let depth = 0;
  let length = 0;
  for (let index = tokens.length - 1; index >= 0; index--) {
    const token = tokens[index]!;
    length += token.length;
    if (token === ')') depth++;
    else if (token.startsWith('(') && --depth === 0) return source.slice(source.length - length);
  }
  return undefined;
}

function hasUnboundedRepeat(group: string): boolean {
  return scan(group).some((token, index, tokens) => token === '*' || token === '+' || (token === '{' && /^\d+,\}/.test(tokens.slice(index + 1, index + 8).join(''))));
}
