/**
 * A bot's code hook as the emulator calls it: a function with an AWS Lambda handler's signature, so a
 * Lex code hook handler (Parley's own, or any Lambda's) plugs in unchanged; and the record of each call.
 */
import type { LexCodeHookEvent, LexCodeHookResponse } from '../../../../channels/connect/lex-code-hook-event.js';

/** The part of a Lambda handler's `context` a code hook reads. */
export interface LexCodeHookContext {
  /** Milliseconds left before Lex gives up on this invocation. */
  getRemainingTimeInMillis(): number;
  /** A new id per invocation, as Lambda gives. */
  awsRequestId: string;
}

/**
 * A Lex V2 code hook: the handler of the Lambda function on the bot alias.
 *
 * @example
 * const codeHook: LexCodeHook = async (event) => ({ sessionState: { ...event.sessionState, sessionAttributes: {}, dialogAction: { type: 'Delegate' } } });
 */
export type LexCodeHook = (event: LexCodeHookEvent, context: LexCodeHookContext) => Promise<LexCodeHookResponse>;

/** How long Lex waits for its code hook before answering DependencyFailedException. */
export const defaultCodeHookTimeoutMs = 30_000;

/** One invocation of a bot's code hook, as the emulator made it. Holds customer text: test use only. */
export type LexCodeHookInvocation = {
  botId: string;
  sessionId: string;
  /** The event as sent (a copy: what the hook does to its own does not change it). */
  event: LexCodeHookEvent;
} & (
  | { outcome: 'answered'; response: LexCodeHookResponse }
  /** The hook threw or rejected; Lex answered DependencyFailedException. */
  | { outcome: 'failed'; error: unknown }
  /** The hook did not answer within the timeout. */
  | { outcome: 'timed-out'; timeoutMs: number }
  /** The hook answered something Lex refuses; `reason` says what. */
  | { outcome: 'invalid'; response: unknown; reason: string }
);

/**
 * Thrown by a code hook to answer the client with this reason instead of Lex's "Unhandled": what a
 * Lambda endpoint said went wrong (its function error, or an HTTP status).
 */
export class LexCodeHookInvocationError extends Error {
  constructor(
    /** The part of the DependencyFailedException message after "Invalid Lambda Response: ". */
    readonly lexReason: string,
    options?: { cause?: unknown },
  ) {
    super(lexReason, options);
    this.name = 'LexCodeHookInvocationError';
  }
}
