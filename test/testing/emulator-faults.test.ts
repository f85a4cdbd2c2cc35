import { describe, expect, it, vi } from 'vitest';
import { createFaultPlan, delay } from '../../src/testing/emulators/faults.js';

const tally = (plan: ReturnType<typeof createFaultPlan>, calls: number) => {
  const counts: Record<string, number> = {};
  for (let call = 0; call < calls; call++) {
    const { kind } = plan.next();
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
};

describe('emulator faults', () => {
  it('answers every call on time by default', () => {
    expect(tally(createFaultPlan(), 100)).toEqual({ answer: 100 });
    expect(createFaultPlan().next()).toEqual({ kind: 'answer', delayMs: 0 });
  });

  it('fails about the share of calls asked, the same calls for the same seed', () => {
    const faults = { errorRate: 0.3, throttleRate: 0.1, hangRate: 0.05, malformedRate: 0.05, seed: 7 };
    const counts = tally(createFaultPlan(faults), 10_000);
    expect(counts.error! / 10_000).toBeCloseTo(0.3, 1);
    expect(counts.throttle! / 10_000).toBeCloseTo(0.1, 1);
    expect(counts.hang! / 10_000).toBeCloseTo(0.05, 1);
    expect(counts.malformed! / 10_000).toBeCloseTo(0.05, 1);
    const again = createFaultPlan(faults);
    const first = createFaultPlan(faults);
    expect(Array.from({ length: 50 }, () => again.next())).toEqual(Array.from({ length: 50 }, () => first.next()));
  });

  it('adds latency, and more to the slow share of calls', () => {
    const plan = createFaultPlan({ latencyMs: { min: 10, max: 20 }, slow: { rate: 0.1, ms: 2000 }, seed: 3 });
    const delays = Array.from({ length: 2000 }, () => plan.next()).map((decision) => (decision.kind === 'hang' ? 0 : decision.delayMs));
    const slow = delays.filter((ms) => ms >= 2000).length / delays.length;
    expect(slow).toBeCloseTo(0.1, 1);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...delays.filter((ms) => ms < 2000))).toBeLessThanOrEqual(20);
  });

  it('changes knobs while running, and refuses impossible ones with the knob named', () => {
    const plan = createFaultPlan();
    plan.set({ errorRate: 1 });
    expect(plan.next().kind).toBe('error');
    expect(() => plan.set({ errorRate: 1.5 })).toThrow(/errorRate must be between 0 and 1/);
    expect(() => plan.set({ errorRate: 0.6, hangRate: 0.6 })).toThrow(/add up to 1.2/);
    expect(() => createFaultPlan({ latencyMs: { min: 5, max: 1 } })).toThrow(/latencyMs/);
    expect(plan.faults).toEqual({ errorRate: 1 });
  });

  it('waits out the delay, and stops waiting when the emulator closes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const ended = (promise: Promise<void>) => {
        const state = { ended: false };
        void promise.then(() => (state.ended = true));
        return state;
      };
      const full = ended(delay(10_000));
      await vi.advanceTimersByTimeAsync(9_999);
      expect(full.ended).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(full.ended).toBe(true);

      const closing = new AbortController();
      const cut = ended(delay(10_000, closing.signal));
      await vi.advanceTimersByTimeAsync(10);
      closing.abort();
      await vi.advanceTimersByTimeAsync(0);
      expect(cut.ended).toBe(true);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
