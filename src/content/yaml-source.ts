/** Reads YAML keeping where every node was written, so problems can name a line and column. */
import type { Node, Scalar } from 'yaml';
import type { IntentFileProblem } from '../core/errors.js';
import { loadYaml } from '../core/load-yaml.js';
import type { ContentPath, Locate, LocateOptions } from './locate.js';
import { problemAt } from './locate.js';

export interface YamlSource {
  /** The plain value; undefined for an empty file or one with syntax errors. */
  value: unknown;
  locate: Locate;
  problems: IntentFileProblem[];
}

export function readYaml(text: string, file: string): YamlSource {
  const { LineCounter, parseDocument } = loadYaml();
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const root = (document.contents ?? undefined) as Node | undefined;
  const locate: Locate = (path, options) => position(offsetOf(text, root, path, options));
  if (document.errors.length > 0) {
    // One mistake often trips several errors on the same line; the first says the most.
    const problems = document.errors
      .map((error) => ({ error, at: position(error.pos[0]) }))
      .filter(({ at }, index, all) => all.findIndex((other) => other.at.line === at.line) === index)
      .map(({ error, at }) => problemAt(at, error.message, syntaxHint(error.code, text.split('\n')[at.line - 1] ?? '')));
    return { value: undefined, locate, problems };
  }
  try {
    return { value: document.toJS(), locate, problems: [] };
  } catch (error) {
    // toJS refuses documents that expand aliases without bound.
    const message = error instanceof Error ? error.message : String(error);
    return { value: undefined, locate, problems: [problemAt(position(0), message)] };
  }
}

function syntaxHint(code: string, line: string): string | undefined {
  // Slot markup (`{date}`, `{time=3pm}`, no `:` inside) where YAML expects plain text.
  if (/\{[^{}:]*\}/.test(line)) {
    return 'quote text with slot markup when it starts with `{` or sits in [ ]: - "{date} works for me"';
  }
  if (code === 'DUPLICATE_KEY') return 'each key may appear only once in a mapping';
  if (code === 'TAB_AS_INDENT') return 'indent with spaces, not tabs';
  if (code.startsWith('BAD_INDENT') || code === 'MISSING_CHAR') {
    return 'check the indentation: entries of one list or mapping must line up';
  }
  return undefined;
}

function offsetOf(text: string, root: Node | undefined, path: ContentPath, options: LocateOptions = {}): number {
  let node = root;
  let keyNode: Node | undefined;
  for (const step of path) {
    const next = childOf(node, step);
    if (!next) {
      keyNode = undefined;
      break;
    }
    [keyNode, node] = [next.key, next.value ?? next.key];
  }
  const target = options.key && keyNode ? keyNode : node;
  const start = target?.range?.[0] ?? 0;
  if (options.offset === undefined || !loadYaml().isScalar(target) || typeof target.value !== 'string') return start;
  return start + textOffset(text, target as Scalar<string>, options.offset);
}

function childOf(node: Node | undefined, step: PropertyKey): { key?: Node; value?: Node } | undefined {
  const { isMap, isScalar, isSeq } = loadYaml();
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(step));
    if (!pair) return undefined;
    return { key: pair.key as Node, value: (pair.value ?? undefined) as Node | undefined };
  }
  if (isSeq(node) && typeof step === 'number') {
    const item = node.items[step] as Node | undefined;
    return item ? { value: item } : undefined;
  }
  return undefined;
}

// Offsets inside a value only hold when the source spells it out as is (no escapes or folding).
function textOffset(text: string, scalar: Scalar<string>, offset: number): number {
  const { Scalar } = loadYaml();
  const [start, end] = scalar.range ?? [0, 0];
  const written = text.slice(start, end);
  if (scalar.type === Scalar.PLAIN && written === scalar.value) return offset;
  const quoted = scalar.type === Scalar.QUOTE_DOUBLE || scalar.type === Scalar.QUOTE_SINGLE;
  if (quoted && written.slice(1, -1) === scalar.value) return offset + 1;
  return 0;
}
