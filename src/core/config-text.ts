/**
 * Reads the text of a config file (YAML or JSON) without ever echoing it: a syntax error is reported
 * by line and column and a fixed description. Parsers' own messages quote the source around the
 * mistake ("Unexpected token 's', "s3cr3t…" is not valid JSON"), and next to a mistake in a config
 * file there is often a password.
 */
import type { Document } from 'yaml';
import { loadYaml } from './load-yaml.js';
import { lineAndColumn, locateJsonSyntaxError } from './json-syntax-error.js';

export type ConfigTextFormat = 'json' | 'yaml';

export type ConfigTextResult =
  | { kind: 'parsed'; value: unknown }
  | { kind: 'syntax-error'; line: number; column: number; problem: string };

/** yaml's error codes, in words; none of them holds source text. */
const yamlProblems: Record<string, string> = {
  ALIAS_PROPS: 'an alias cannot have an anchor or a tag',
  BAD_ALIAS: 'a malformed alias',
  BAD_COLLECTION_TYPE: 'a collection of the wrong kind for its tag',
  BAD_DIRECTIVE: 'a malformed directive',
  BAD_DQ_ESCAPE: 'an unknown escape inside a double-quoted string',
  BAD_INDENT: 'wrong indentation, or a bracket that is never closed',
  BAD_PROP_ORDER: 'anchor and tag in the wrong order',
  BAD_SCALAR_START: 'a plain value cannot start with this character (quote it)',
  BLOCK_AS_IMPLICIT_KEY: 'a nested mapping on the same line as its key (a second ":" on one line? quote the value)',
  BLOCK_IN_FLOW: 'a block inside brackets or braces',
  DUPLICATE_KEY: 'a key that is already set in this mapping',
  IMPOSSIBLE: 'unreadable YAML',
  KEY_OVER_1024_CHARS: 'a key longer than 1024 characters',
  MISSING_CHAR: 'a quote, bracket or brace that is never closed',
  MULTILINE_IMPLICIT_KEY: 'a key that runs over several lines',
  MULTIPLE_ANCHORS: 'more than one anchor on a node',
  MULTIPLE_DOCS: 'more than one document (a second ---)',
  MULTIPLE_TAGS: 'more than one tag on a node',
  NON_STRING_KEY: 'a key that is not a string',
  TAB_AS_INDENT: 'a tab used for indentation (use spaces)',
  TAG_RESOLVE_FAILED: 'a tag that cannot be applied',
  UNEXPECTED_TOKEN: 'something unexpected (wrong indentation, or a value that needs quotes?)',
};

/**
 * Parses config text. A syntax error comes back as a position and a description that quote nothing
 * from the text; a leading byte-order mark is ignored.
 *
 * @example
 * parseConfigText('port: 3978\n', 'yaml') // { kind: 'parsed', value: { port: 3978 } }
 * parseConfigText('{"port": 3978,}', 'json') // { kind: 'syntax-error', line: 1, column: 15, problem: 'a quoted key was expected …' }
 */
export function parseConfigText(raw: string, format: ConfigTextFormat): ConfigTextResult {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return format === 'json' ? parseJson(text) : parseYaml(text);
}

/**
 * The error in words, by position.
 *
 * @example
 * describeSyntaxError({ kind: 'syntax-error', line: 3, column: 17, problem: "a ':' was expected after the key" }) // "line 3, column 17: a ':' was expected after the key"
 */
export function describeSyntaxError(error: Extract<ConfigTextResult, { kind: 'syntax-error' }>): string {
  return `line ${error.line}, column ${error.column}: ${error.problem}`;
}

/**
 * The format a file name says: `.json` is JSON, anything else YAML.
 *
 * @example
 * formatOfFile('parley.config.json') // 'json'
 */
export function formatOfFile(file: string): ConfigTextFormat {
  return file.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}

function parseJson(text: string): ConfigTextResult {
  try {
    return { kind: 'parsed', value: JSON.parse(text) };
  } catch {
    // Deliberately not the parser's message: it quotes the text.
    const found = locateJsonSyntaxError(text) ?? { offset: 0, problem: 'the text is not valid JSON' };
    return { kind: 'syntax-error', ...lineAndColumn(text, found.offset), problem: found.problem };
  }
}

function parseYaml(text: string): ConfigTextResult {
  // Plain messages: the pretty ones add the source line, and neither is ever shown.
  const document = loadYaml().parseDocument(text, { prettyErrors: false });
  const [error] = document.errors;
  if (error) {
    return { kind: 'syntax-error', ...lineAndColumn(text, error.pos[0]), problem: yamlProblems[error.code] ?? 'unreadable YAML' };
  }
  try {
    return { kind: 'parsed', value: document.toJS() };
  } catch {
    // An alias to an anchor that is not there, or too many aliases; the message names the alias.
    const offset = unresolvedAliasOffset(document) ?? 0;
    return { kind: 'syntax-error', ...lineAndColumn(text, offset), problem: 'an alias (*name) with no anchor before it, or too many aliases' };
  }
}

function unresolvedAliasOffset(document: Document): number | undefined {
  let offset: number | undefined;
  const { isAlias, visit } = loadYaml();
  visit(document, (_key, node) => {
    if (isAlias(node) && !node.resolve(document)) {
      offset = node.range?.[0];
      return visit.BREAK;
    }
    return undefined;
  });
  return offset;
}
