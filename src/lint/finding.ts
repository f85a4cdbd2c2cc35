/** What `parley intents lint` reports: a rule broken at a place in an intent file. */
import type { SourcePosition } from '../core/errors.js';

export type Severity = 'error' | 'warning';

export interface LintFinding extends SourcePosition {
  severity: Severity;
  /** Stable name of the check, for filtering and CI annotations: `few-utterances`, `lex-limit`… */
  rule: string;
  message: string;
  hint?: string;
}

/** Where a model element came from; code-defined content has no file, so it points at the folder. */
export function placeOf(source: SourcePosition | undefined, fallback: string): SourcePosition {
  return source ?? { file: fallback, line: 1, column: 1 };
}

export function finding(
  severity: Severity,
  rule: string,
  at: SourcePosition,
  message: string,
  hint?: string,
): LintFinding {
  const { file, line, column } = at;
  return hint === undefined ? { severity, rule, file, line, column, message } : { severity, rule, file, line, column, message, hint };
}
