/**
 * One provider asked once for a turn: under its timeout and the turn's deadline, retried with full
 * jitter on retryable errors only, behind its circuit breaker. Never throws: the outcome is an Attempt.
 */
import type { Recognition, RecognizeRequest, Recognizer } from '../recognizer.js';
import { calibrate, type Calibration } from './calibration.js';
import type { CircuitBreaker, BreakerSettings } from './circuit-breaker.js';
import type { Attempt } from './route-trace.js';

export interface ProviderSettings {
  /** One call's limit (default 1000 ms); the turn's deadline may cut it shorter. */
  timeoutMs: number;
  /** Extra tries after a retryable failure: throttling, a 5xx, a timeout (default 1). */
  retries: number;
  /** Backoff base: try n waits a random time up to backoffMs·2^(n-1) (default 50 ms). */
  backoffMs: number;
  breaker: BreakerSettings;
  calibration: Calibration;
}

export interface Provider {
  name: string;
  recognizer: Recognizer;
  settings: ProviderSettings;
  breaker: CircuitBreaker;
}

export interface CallContext {
  /** Aborted when the turn no longer needs this answer (another won, or the deadline passed). */
  signal: AbortSignal;
  /** `performance.now()` time by which the turn must be answered. */
  deadline: number;
  random: () => number;
}

export interface CallResult {
  attempt: Attempt;
  recognition?: Recognition;
}

const timedOut = Symbol('timeout');

export async function callProvider(provider: Provider, request: RecognizeRequest, context: CallContext): Promise<CallResult> {
  const started = performance.now();
  const attempt = (outcome: Attempt['outcome'], tries: number, extra: Partial<Attempt> = {}): Attempt => ({
    provider: provider.name,
    outcome,
    latencyMs: performance.now() - started,
    tries,
    ...extra,
  });
  if (!provider.breaker.allow()) return { attempt: attempt('circuit-open', 0) };
  for (let tries = 1; ; tries++) {
    const remaining = context.deadline - performance.now();
    if (context.signal.aborted || remaining <= 0) return { attempt: attempt(stopReason(context), tries - 1) };
    const outcome = await askOnce(provider.recognizer, request, Math.min(provider.settings.timeoutMs, remaining), context.signal);
    if (outcome.kind === 'answered') {
      provider.breaker.succeeded();
      const best = outcome.recognition.intents[0];
      const extra = best
        ? { topIntent: outcome.recognition.topIntent, rawConfidence: best.confidence, confidence: calibrate(provider.settings.calibration, best.confidence) }
        : { topIntent: null };
      // Whether the answer is sure enough is the strategy's call; it rewrites `outcome`.
      return { attempt: attempt('unsure', tries, extra), recognition: outcome.recognition };
    }
    // The turn gave up on this call (a race was won, the deadline passed): not the provider's fault.
    if (outcome.kind === 'cancelled') return { attempt: attempt(stopReason(context), tries) };
    provider.breaker.failed();
    const error = outcome.kind === 'timeout' ? undefined : errorLabel(outcome.error);
    const retryable = outcome.kind === 'timeout' || isRetryable(outcome.error);
    const failed = attempt(outcome.kind === 'timeout' ? 'timeout' : 'error', tries, error ? { error } : {});
    if (!retryable || tries > provider.settings.retries) return { attempt: failed };
    if (!provider.breaker.allow()) return { attempt: { ...failed, outcome: 'circuit-open' } };
    const wait = context.random() * provider.settings.backoffMs * 2 ** (tries - 1);
    if (performance.now() + wait >= context.deadline) return { attempt: failed };
    await sleep(wait, context.signal);
  }
}

/** Stopped by the turn: its deadline passed, or (before it) another provider won. */
function stopReason(context: CallContext): 'deadline' | 'cancelled' {
  return performance.now() >= context.deadline - 1 ? 'deadline' : 'cancelled';
}

type Once = { kind: 'answered'; recognition: Recognition } | { kind: 'timeout' } | { kind: 'cancelled' } | { kind: 'failed'; error: unknown };

/** A recognizer that ignores its abort signal still cannot hold the turn past the timeout. */
async function askOnce(recognizer: Recognizer, request: RecognizeRequest, timeoutMs: number, turn: AbortSignal): Promise<Once> {
  const call = new AbortController();
  const onTurnAbort = () => call.abort(turn.reason);
  turn.addEventListener('abort', onTurnAbort, { once: true });
  const timer = setTimeout(() => call.abort(timedOut), timeoutMs);
  const stopped = new Promise<never>((_, reject) => call.signal.addEventListener('abort', () => reject(call.signal.reason), { once: true }));
  try {
    const recognition = await Promise.race([recognizer.recognize(request, { signal: call.signal }), stopped]);
    return { kind: 'answered', recognition };
  } catch (error) {
    if (call.signal.aborted) return call.signal.reason === timedOut ? { kind: 'timeout' } : { kind: 'cancelled' };
    return { kind: 'failed', error };
  } finally {
    clearTimeout(timer);
    turn.removeEventListener('abort', onTurnAbort);
    stopped.catch(() => undefined);
  }
}

/** Retry only what may succeed next time: errors that say so (throttling, 5xx), and network resets. */
export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ('retryable' in error && typeof error.retryable === 'boolean') return error.retryable;
  const code = 'code' in error ? String(error.code) : '';
  return ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN'].includes(code);
}

function errorLabel(error: unknown): string {
  if (!(error instanceof Error)) return 'error';
  const code = 'code' in error && typeof error.code === 'string' ? `:${error.code}` : '';
  return `${error.name}${code}`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
