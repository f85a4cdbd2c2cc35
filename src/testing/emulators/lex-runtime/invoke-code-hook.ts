/**
 * One invocation of a bot's code hook, as Lex makes it: the event, a deadline (Lex waits 30 seconds),
 * and the response checked. What goes wrong is answered to the client as Lex answers it:
 * DependencyFailedException (HTTP 424), "Invalid Lambda Response: …". Every invocation is recorded.
 */
import { randomUUID } from 'node:crypto';
import type { LexCodeHookEvent, LexCodeHookResponse } from '../../../../channels/connect/lex-code-hook-event.js';
import type { LocaleModel } from '../../../content/intent-model.js';
import { checkCodeHookResponse } from './check-code-hook-response.js';
import { LexCodeHookInvocationError, type LexCodeHook, type LexCodeHookInvocation } from './lex-code-hook.js';
import { LexWireError } from './lex-wire.js';

export interface CodeHookCall {
  hook: LexCodeHook;
  timeoutMs: number;
  botId: string;
  model: LocaleModel;
  /** Aborted when the emulator closes: a hook still running is given up. */
  closing: AbortSignal;
  record(invocation: LexCodeHookInvocation): void;
}

type Settled = { kind: 'answered'; value: unknown } | { kind: 'failed'; error: unknown } | { kind: 'timed-out' } | { kind: 'closed' };

/** Answered to the client when the code hook fails, hangs or answers what Lex refuses. */
export function dependencyFailed(reason: string): LexWireError {
  return new LexWireError(424, 'DependencyFailedException', `Invalid Lambda Response: ${reason}`);
}

/**
 * The hook's response, checked; a LexWireError (DependencyFailedException) when there is none Lex takes.
 *
 * @example
 * const response = await invokeCodeHook(event, { hook, timeoutMs: 30_000, botId, model, closing, record });
 */
export async function invokeCodeHook(event: LexCodeHookEvent, call: CodeHookCall): Promise<LexCodeHookResponse> {
  const recorded = { botId: call.botId, sessionId: event.sessionId, event: structuredClone(event) };
  const settled = await settle(event, call);
  switch (settled.kind) {
    case 'closed':
      throw new LexWireError(500, 'InternalFailureException', 'the emulator closed while the code hook ran');
    case 'timed-out':
      call.record({ ...recorded, outcome: 'timed-out', timeoutMs: call.timeoutMs });
      throw dependencyFailed(`Lambda did not respond within ${formatSeconds(call.timeoutMs)}`);
    case 'failed': {
      call.record({ ...recorded, outcome: 'failed', error: settled.error });
      // A Lambda that throws is an "Unhandled" function error: Lex says no more than that.
      throw dependencyFailed(settled.error instanceof LexCodeHookInvocationError ? settled.error.lexReason : 'Received error response from Lambda: Unhandled');
    }
    case 'answered': {
      // Lex reads the response as JSON: what JSON cannot carry (undefined, functions) is not there.
      const response = asJson(settled.value);
      const checked = checkCodeHookResponse(response, call.model);
      if (!checked.valid) {
        call.record({ ...recorded, outcome: 'invalid', response: settled.value, reason: checked.reason });
        throw dependencyFailed(`Received invalid response from Lambda: ${checked.reason}`);
      }
      call.record({ ...recorded, outcome: 'answered', response: checked.response });
      return checked.response;
    }
  }
}

/** Runs the hook on its own copy of the event, until it answers, the deadline passes or the emulator closes. */
function settle(event: LexCodeHookEvent, call: CodeHookCall): Promise<Settled> {
  if (call.closing.aborted) return Promise.resolve({ kind: 'closed' });
  const deadline = performance.now() + call.timeoutMs;
  const context = { awsRequestId: randomUUID(), getRemainingTimeInMillis: () => Math.max(0, Math.round(deadline - performance.now())) };
  return new Promise<Settled>((resolve) => {
    const timer = setTimeout(() => finish({ kind: 'timed-out' }), call.timeoutMs);
    const onClose = () => finish({ kind: 'closed' });
    call.closing.addEventListener('abort', onClose, { once: true });
    function finish(settled: Settled): void {
      clearTimeout(timer);
      call.closing.removeEventListener('abort', onClose);
      resolve(settled);
    }
    // A hook that throws before returning its promise fails the same way as one that rejects.
    Promise.resolve()
      .then(() => call.hook(structuredClone(event), context))
      .then(
        (value) => finish({ kind: 'answered', value }),
        (error: unknown) => finish({ kind: 'failed', error }),
      );
  });
}

function asJson(value: unknown): unknown {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return value;
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} seconds` : `${ms} ms`;
}
