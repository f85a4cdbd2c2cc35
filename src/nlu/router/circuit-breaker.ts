/**
 * A circuit breaker per provider: after `failures` failed calls in a row it opens and the provider
 * is skipped; once `coolDownMs` has passed, one call is let through as a probe (half-open). A
 * successful probe closes the circuit, a failed one opens it for another cool-down.
 */
export interface BreakerSettings {
  /** Failed calls in a row that open the circuit (default 5). */
  failures: number;
  /** How long the circuit stays open before a probe (default 30 s). */
  coolDownMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreaker {
  /** Whether a call may go out now; in half-open, only the one probe may. */
  allow(): boolean;
  succeeded(): void;
  failed(): void;
  readonly state: BreakerState;
}

export const defaultBreaker: BreakerSettings = { failures: 5, coolDownMs: 30_000 };

export function createCircuitBreaker(settings: BreakerSettings, now: () => number = Date.now): CircuitBreaker {
  let failedInARow = 0;
  let openedAt: number | undefined;
  let probing = false;

  const state = (): BreakerState => {
    if (openedAt === undefined) return 'closed';
    return now() - openedAt >= settings.coolDownMs ? 'half-open' : 'open';
  };

  return {
    allow() {
      const current = state();
      if (current === 'closed') return true;
      if (current === 'open' || probing) return false;
      probing = true;
      return true;
    },
    succeeded() {
      failedInARow = 0;
      openedAt = undefined;
      probing = false;
    },
    failed() {
      failedInARow += 1;
      // A failed probe, or one failure too many: (re)open for a whole cool-down.
      if (probing || failedInARow >= settings.failures) openedAt = now();
      probing = false;
    },
    get state() {
      return state();
    },
  };
}
