/**
 * A code-hook event Parley cannot read. Thrown before the store is touched, so the conversation is
 * exactly as it was; Lex reports the failure of its code hook, and the message says what is wrong.
 */
import type * as z from 'zod';
import { ParleyError } from '../../src/core/errors.js';

export class LambdaEventError extends ParleyError {
  constructor(what: string, issues: readonly z.core.$ZodIssue[]) {
    const first = issues[0];
    const where = first?.path.length ? first.path.map(String).join('.') : 'the event';
    super('input-rejected', `${what} is not valid: ${where}: ${first?.message ?? 'unreadable'}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}. Send the event as the platform sends it (see the events in the docs)`);
    this.name = 'LambdaEventError';
  }
}
