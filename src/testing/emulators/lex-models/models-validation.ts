/**
 * Request validation the way the service reports it: every broken constraint of the request in one
 * ValidationException, "2 validation errors detected: Value null at 'roleArn' failed to satisfy
 * constraint: Member must not be null; ...".
 */
import { validationFailed, type LexWireError } from './models-wire.js';

/** Names of bots, intents, slots, slot types and aliases. */
export const namePattern = /^([0-9a-zA-Z][_-]?){1,100}$/;
const idPattern = /^[0-9a-zA-Z]{10}$/;

export interface Checker {
  /** Records "must not be null" when absent; true when present. */
  required(field: string, value: unknown): boolean;
  name(field: string, value: unknown): void;
  text(field: string, value: unknown, limits: { min?: number; max: number }): void;
  number(field: string, value: unknown, min: number, max: number): void;
  boolean(field: string, value: unknown): void;
  /** An array (when present) with a length in range; returns its items, `[]` otherwise. */
  list(field: string, value: unknown, min: number, max: number): unknown[];
  oneOf(field: string, value: unknown, allowed: readonly string[]): void;
  /** A free-form problem, already worded. */
  problem(message: string): void;
}

/**
 * Runs the checks and throws one ValidationException naming every problem found (or the error
 * `toError` makes of the message: Amazon Connect answers these as InvalidParameterException).
 */
export function checkRequest(checks: (check: Checker) => void, toError: (message: string) => LexWireError = validationFailed): void {
  const problems: string[] = [];
  const fail = (field: string, value: unknown, constraint: string) =>
    problems.push(`Value ${shown(value)} at '${field}' failed to satisfy constraint: ${constraint}`);
  const check: Checker = {
    required(field, value) {
      if (value !== undefined && value !== null) return true;
      fail(field, null, 'Member must not be null');
      return false;
    },
    name(field, value) {
      if (!check.required(field, value)) return;
      if (typeof value !== 'string' || !namePattern.test(value)) fail(field, value, `Member must satisfy regular expression pattern: ${namePattern.source}`);
    },
    text(field, value, { min = 0, max }) {
      if (value === undefined) return;
      if (typeof value !== 'string' || value.length < min || value.length > max) fail(field, value, `Member must have length between ${min} and ${max}`);
    },
    number(field, value, min, max) {
      if (value === undefined) return;
      if (typeof value !== 'number' || !(value >= min && value <= max)) fail(field, value, `Member must have value between ${min} and ${max}`);
    },
    boolean(field, value) {
      if (value !== undefined && typeof value !== 'boolean') fail(field, value, 'Member must be a boolean');
    },
    list(field, value, min, max) {
      if (value === undefined) return [];
      if (!Array.isArray(value) || value.length < min || value.length > max) {
        fail(field, Array.isArray(value) ? `[${value.length} items]` : value, `Member must have length between ${min} and ${max}`);
        return [];
      }
      return value;
    },
    oneOf(field, value, allowed) {
      if (value !== undefined && !allowed.includes(value as string)) fail(field, value, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
    },
    problem(message) {
      problems.push(message);
    },
  };
  checks(check);
  if (problems.length === 0) return;
  const count = problems.length === 1 ? '1 validation error detected' : `${problems.length} validation errors detected`;
  throw toError(`${count}: ${problems.join('; ')}`);
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `'${value}'`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Path labels: ids are 10 characters, versions `DRAFT` or a number (or only one of them). */
export function checkPath(params: Record<string, string>, versions: 'draft' | 'numbered' | 'any' = 'any'): void {
  checkRequest((check) => {
    for (const label of ['botId', 'intentId', 'slotId', 'slotTypeId', 'botAliasId'] as const) {
      const id = params[label];
      if (id !== undefined && !idPattern.test(id)) check.problem(`Value '${id}' at '${label}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z]+$ and have length 10`);
    }
    const version = params.botVersion;
    if (version === undefined) return;
    const pattern = versions === 'draft' ? /^DRAFT$/ : versions === 'numbered' ? /^[0-9]+$/ : /^(DRAFT|[0-9]+)$/;
    if (!pattern.test(version) || version.length > 5) check.problem(`Value '${version}' at 'botVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern.source}`);
  });
}

/** A prompt: 1–5 message groups, each with a message; 0–5 retries. */
export function checkPrompt(check: Checker, field: string, prompt: unknown): void {
  if (prompt === undefined) return;
  const spec = prompt as { messageGroups?: unknown; maxRetries?: unknown; messageSelectionStrategy?: unknown };
  if (check.required(`${field}.messageGroups`, spec.messageGroups)) {
    check.list(`${field}.messageGroups`, spec.messageGroups, 1, 5).forEach((group, index) => check.required(`${field}.messageGroups.${index + 1}.member.message`, (group as { message?: unknown }).message));
  }
  if (check.required(`${field}.maxRetries`, spec.maxRetries)) check.number(`${field}.maxRetries`, spec.maxRetries, 0, 5);
  check.oneOf(`${field}.messageSelectionStrategy`, spec.messageSelectionStrategy, ['Random', 'Ordered']);
}
