/**
 * The knobs every emulator has for what goes wrong with a cloud service: latency, slow calls,
 * errors, throttling, malformed answers and hangs. Which calls fail is decided by a seeded random
 * sequence, so a test run is repeatable; the knobs can be changed while the emulator runs.
 */
import { createSeededRandom } from '../../core/seeded-random.js';

export interface EmulatorFaults {
  /** Added before every answer: a fixed number of milliseconds, or a range drawn from evenly. */
  latencyMs?: number | { min: number; max: number };
  /** A share of calls takes this much longer on top: `{ rate: 0.1, ms: 2000 }`. */
  slow?: { rate: number; ms: number };
  /** Share of calls (0–1) answered with a server error (HTTP 500). */
  errorRate?: number;
  /** Share of calls answered as throttled (HTTP 429, the service's throttling error). */
  throttleRate?: number;
  /** Share of calls answered with a body the client cannot parse. */
  malformedRate?: number;
  /** Share of calls never answered, until the client gives up or the emulator closes. */
  hangRate?: number;
  /** Seed of the sequence that picks the failing calls (default 1). */
  seed?: number;
}

/** What the emulator does with one call, decided when it arrives. */
export type FaultDecision =
  | { kind: 'answer'; delayMs: number }
  | { kind: 'error' | 'throttle' | 'malformed'; delayMs: number }
  | { kind: 'hang' };

export interface FaultPlan {
  /** Decides the next call. */
  next(): FaultDecision;
  /** Replaces the knobs (and restarts the sequence when a seed is given). */
  set(faults: EmulatorFaults): void;
  readonly faults: EmulatorFaults;
}

export function createFaultPlan(initial: EmulatorFaults = {}): FaultPlan {
  let faults = checkFaults(initial);
  let random = createSeededRandom(faults.seed ?? 1);
  return {
    next() {
      const delayMs = latencyOf(faults, random) + (faults.slow && random() < faults.slow.rate ? faults.slow.ms : 0);
      // One draw decides among the failures, so their rates add up as written.
      const draw = random();
      let edge = faults.hangRate ?? 0;
      if (draw < edge) return { kind: 'hang' };
      edge += faults.errorRate ?? 0;
      if (draw < edge) return { kind: 'error', delayMs };
      edge += faults.throttleRate ?? 0;
      if (draw < edge) return { kind: 'throttle', delayMs };
      edge += faults.malformedRate ?? 0;
      if (draw < edge) return { kind: 'malformed', delayMs };
      return { kind: 'answer', delayMs };
    },
    set(next) {
      faults = checkFaults(next);
      if (next.seed !== undefined) random = createSeededRandom(next.seed);
    },
    get faults() {
      return faults;
    },
  };
}

function latencyOf(faults: EmulatorFaults, random: () => number): number {
  const latency = faults.latencyMs ?? 0;
  return typeof latency === 'number' ? latency : latency.min + random() * (latency.max - latency.min);
}

/** Rates are shares of calls: each within 0–1, and together at most 1. */
function checkFaults(faults: EmulatorFaults): EmulatorFaults {
  const rates = { hangRate: faults.hangRate, errorRate: faults.errorRate, throttleRate: faults.throttleRate, malformedRate: faults.malformedRate, 'slow.rate': faults.slow?.rate };
  for (const [name, rate] of Object.entries(rates)) {
    if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new RangeError(`emulator fault ${name} must be between 0 and 1 (got ${rate})`);
  }
  const total = (faults.hangRate ?? 0) + (faults.errorRate ?? 0) + (faults.throttleRate ?? 0) + (faults.malformedRate ?? 0);
  if (total > 1) throw new RangeError(`emulator fault rates add up to ${total}; together they must be at most 1`);
  const latency = faults.latencyMs;
  if (latency !== undefined && (typeof latency === 'number' ? latency < 0 : latency.min < 0 || latency.max < latency.min)) {
    throw new RangeError('emulator latencyMs must be at least 0 (a range needs 0 <= min <= max)');
  }
  return { ...faults };
}

/** Waits, unless the emulator closes first. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
