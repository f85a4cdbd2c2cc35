import type { IntentFileProblem, SourcePosition } from '../core/errors.js';

/** A path into intent-file content, as zod reports it: `['intents', 0, 'slots', 1, 'type']`. */
export type ContentPath = readonly PropertyKey[];

export interface LocateOptions {
  /** Point at the key of the last step (`type:`) rather than its value. */
  key?: boolean;
  /** Characters into a one-line string value, for a problem inside an utterance. */
  offset?: number;
}

/** Where the content at a path was written. */
export type Locate = (path: ContentPath, options?: LocateOptions) => SourcePosition;

export function problemAt(position: SourcePosition, message: string, hint?: string): IntentFileProblem {
  return hint === undefined ? { ...position, message } : { ...position, message, hint };
}

export function formatPosition(position: SourcePosition): string {
  return `${position.file}:${position.line}`;
}

/** Problems by file, line and column; problems at one place keep the order they were found in. */
export function sortProblems(problems: IntentFileProblem[]): IntentFileProblem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        compareText(a.problem.file, b.problem.file) ||
        a.problem.line - b.problem.line ||
        a.problem.column - b.problem.column ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}

/** Code-point order, so results do not depend on the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
