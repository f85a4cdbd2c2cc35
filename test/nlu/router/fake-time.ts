/**
 * Router tests in fake time: the router's timers, `performance.now()` and the circuit breakers'
 * `Date.now()` are vitest's fake timers, so a duration is asserted exactly and a loaded machine
 * changes nothing. Only the clocks are faked; promises run as usual.
 */
import { vi } from 'vitest';

/** For `beforeEach`: fake the clocks the router reads (pair with `vi.useRealTimers()` after). */
export function useFakeTime(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
}

/**
 * Advances fake time timer by timer until `turn` settles, and says how much fake time it took.
 * Timers still pending after it (a shadow provider, a loser's late answer) are not run.
 *
 * @example
 * const { result, tookMs } = await endInFakeTime(router.recognize(request()));
 * expect(tookMs).toBe(260);
 */
export async function endInFakeTime<T>(turn: Promise<T>): Promise<{ result: T; tookMs: number }> {
  const started = performance.now();
  let settled: { ok: true; result: T; tookMs: number } | { ok: false; error: unknown } | undefined;
  turn.then(
    (result) => (settled = { ok: true, result, tookMs: performance.now() - started }),
    (error: unknown) => (settled = { ok: false, error }),
  );
  // First what needs no timer at all, then one timer at a time.
  await vi.advanceTimersByTimeAsync(0);
  while (!settled) {
    if (vi.getTimerCount() === 0) throw new Error(`the turn is still pending at ${performance.now() - started} ms of fake time, with no timer left to end it`);
    await vi.advanceTimersToNextTimerAsync();
  }
  if (!settled.ok) throw settled.error;
  return { result: settled.result, tookMs: settled.tookMs };
}
