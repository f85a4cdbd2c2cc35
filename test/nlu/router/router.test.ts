import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRouter, type ShadowComparison } from '../../../src/nlu/router/index.js';
import { request, scripted } from './fake-recognizer.js';
import { endInFakeTime, useFakeTime } from './fake-time.js';

const sure = (intent: string, confidence = 0.9, ms = 0) => ({ kind: 'answer' as const, intent, confidence, ms });

// The router's timers, `performance.now()` and the breakers' `Date.now()` run in fake time: every
// duration below is exact, whatever else the machine is doing.
beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

describe('router strategies', () => {
  it('single: the one provider answers, and the trace says so', async () => {
    const lex = scripted('lex', sure('BookAppointment', 0.8));
    const router = createRouter({ providers: { lex }, policy: { default: { strategy: 'single', providers: ['lex'] } } });
    const recognition = await router.recognize(request());
    expect(recognition).toMatchObject({ topIntent: 'BookAppointment', provider: 'lex' });
    expect(recognition.route).toMatchObject({ rule: 'default', strategy: 'single', winner: 'lex', attempts: [{ provider: 'lex', outcome: 'confident', tries: 1 }] });
    expect(recognition.route.reason).toBe('lex confident (BookAppointment 0.80)');
  });

  it('fallback: the next provider when one is unsure, by threshold or by margin', async () => {
    const lex = scripted('lex', sure('CheckOrderStatus', 0.4));
    const clu = scripted('clu', { kind: 'answer', intent: 'BookAppointment', confidence: 0.75, runnerUp: 0.7 });
    const local = scripted('local', sure('BookAppointment', 0.85));
    const router = createRouter({ providers: { lex, clu, local }, policy: { default: { strategy: 'fallback', providers: ['lex', 'clu', 'local'], threshold: 0.6, margin: 0.1 } } });
    const recognition = await router.recognize(request());
    expect(recognition.route.attempts.map((attempt) => `${attempt.provider}:${attempt.outcome}`)).toEqual(['lex:unsure', 'clu:unsure', 'local:confident']);
    expect(recognition.route.winner).toBe('local');
    expect(recognition.topIntent).toBe('BookAppointment');
  });

  it('fallback: when nobody is sure, the most confident answer (after calibration) is used', async () => {
    const lex = scripted('lex', sure('A', 0.95));
    const local = scripted('local', sure('B', 0.5));
    // Lex's 0.95 means little: calibrated, it is about a coin toss.
    const router = createRouter({
      providers: { lex, local },
      policy: { default: { strategy: 'fallback', providers: ['lex', 'local'], threshold: 0.9 } },
      settings: { lex: { calibration: { kind: 'platt', a: -2, b: 2.5 } } },
    });
    const recognition = await router.recognize(request());
    expect(recognition.route.winner).toBe('local');
    expect(recognition.route.reason).toMatch(/none sure, the most confident is used$/);
    expect(recognition.route.attempts[0]).toMatchObject({ rawConfidence: 0.95 });
    expect(recognition.route.attempts[0]!.confidence!).toBeLessThan(0.5);
  });

  it('race: the first sure answer wins and the others are cancelled', async () => {
    const lex = scripted('lex', sure('A', 0.9, 200));
    const clu = scripted('clu', sure('B', 0.9, 10));
    const router = createRouter({ providers: { lex, clu }, policy: { default: { strategy: 'race', providers: ['lex', 'clu'] } } });
    const { result: recognition, tookMs } = await endInFakeTime(router.recognize(request()));
    // Answered when clu did, at 10 ms; lex's 200 ms were not waited for.
    expect(tookMs).toBe(10);
    expect(recognition.route.winner).toBe('clu');
    expect(lex.aborted).toBe(1);
    expect(recognition.route.attempts.find((attempt) => attempt.provider === 'lex')?.outcome).toBe('cancelled');
  });

  it('shadow: the primary answers at once; the shadow is compared later and never changes the reply', async () => {
    const local = scripted('local', sure('BookAppointment', 0.9));
    const clu = scripted('clu', sure('CheckOrderStatus', 0.9, 100));
    const compared: ShadowComparison[] = [];
    const router = createRouter({ providers: { local, clu }, policy: { default: { strategy: 'shadow', providers: ['local', 'clu'] } }, onShadow: (comparison) => compared.push(comparison) });
    const { result: recognition, tookMs } = await endInFakeTime(router.recognize(request()));
    expect(tookMs).toBe(0);
    expect(recognition).toMatchObject({ topIntent: 'BookAppointment', route: { winner: 'local', shadows: ['clu'] } });
    expect(compared).toEqual([]);
    await vi.advanceTimersByTimeAsync(99);
    expect(compared).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(compared).toEqual([expect.objectContaining({ primary: 'local', shadow: 'clu', primaryIntent: 'BookAppointment', shadowIntent: 'CheckOrderStatus', agree: false, conversationId: 'c-1', shadowLatencyMs: 100 })]);
  });
});

describe('router resilience', () => {
  it('retries retryable errors only, with jitter, and gives up on the others at once', async () => {
    const flaky = scripted('lex', { kind: 'fail', retryable: true });
    flaky.behave((call) => (call === 1 ? { kind: 'fail', retryable: true } : sure('A')));
    const denied = scripted('clu', { kind: 'fail', retryable: false });
    const router = createRouter({
      providers: { lex: flaky, clu: denied },
      policy: { rules: [{ when: { channel: 'sms' }, strategy: 'single', providers: ['clu'] }], default: { strategy: 'single', providers: ['lex'] } },
      settings: { lex: { retries: 2, backoffMs: 5 }, clu: { retries: 2 } },
      random: () => 0.6,
    });
    const retried = await endInFakeTime(router.recognize(request()));
    expect(retried.result.route.attempts).toMatchObject([{ provider: 'lex', outcome: 'confident', tries: 2 }]);
    // The second try waited random() · backoffMs: 0.6 · 5 ms.
    expect(retried.tookMs).toBe(3);
    const refused = (await endInFakeTime(router.recognize(request({ channel: 'sms' })))).result;
    expect(refused.route.attempts).toMatchObject([{ provider: 'clu', outcome: 'error', tries: 1, error: 'ProviderCallError:provider-call' }]);
    expect(refused.topIntent).toBeNull();
    expect(denied.calls).toBe(1);
  });

  it('times out a provider that never answers, even one deaf to its abort signal, and the last resort answers', async () => {
    const lex = scripted('lex', { kind: 'hang' });
    const local = scripted('local', sure('BookAppointment'));
    const router = createRouter({
      providers: { lex, local },
      policy: { default: { strategy: 'single', providers: ['lex'] }, deadlineMs: 300, lastResort: 'local' },
      settings: { lex: { timeoutMs: 100, retries: 0 } },
    });
    const { result: recognition, tookMs } = await endInFakeTime(router.recognize(request()));
    // Lex's own 100 ms, not the turn's 300: the last resort answers at once.
    expect(tookMs).toBe(100);
    expect(recognition.route).toMatchObject({ winner: 'local', attempts: [{ provider: 'lex', outcome: 'timeout', latencyMs: 100 }, { provider: 'local', outcome: 'confident', lastResort: true }] });
    expect(recognition.route.reason).toBe('lex timed out after 100 ms; local (last resort) confident (BookAppointment 0.90)');
  });

  it('keeps the deadline: the clouds stop early enough for the last resort', async () => {
    const lex = scripted('lex', { kind: 'hang', honoursSignal: true });
    const clu = scripted('clu', { kind: 'hang', honoursSignal: true });
    const local = scripted('local', sure('A'));
    const router = createRouter({
      providers: { lex, clu, local },
      policy: { default: { strategy: 'fallback', providers: ['lex', 'clu', 'local'] }, deadlineMs: 300, reserveMs: 40, lastResort: 'local' },
      settings: { lex: { timeoutMs: 5000, retries: 3 }, clu: { timeoutMs: 5000 } },
    });
    const { result: recognition, tookMs } = await endInFakeTime(router.recognize(request()));
    // The chosen providers get the deadline less the reserve, 300 - 40 ms; the last resort answers at once.
    expect(tookMs).toBe(260);
    expect(recognition.route.winner).toBe('local');
    // Lex's own timer is set to the 260 ms left, so it falls due with the turn's; the turn's, set
    // first, fires first, and lex is cut off by the deadline (real timers usually let lex's fire a
    // fraction of a millisecond sooner, and that trace says `timeout`).
    expect(recognition.route.attempts).toMatchObject([
      { provider: 'lex', outcome: 'deadline', tries: 1, latencyMs: 260 },
      { provider: 'clu', outcome: 'deadline', tries: 0 },
      { provider: 'local', outcome: 'deadline', tries: 0 },
      { provider: 'local', outcome: 'confident', lastResort: true },
    ]);
    expect(lex.aborted).toBe(1);
    expect(clu.calls).toBe(0);
  });

  it('opens the circuit after repeated failures, skips the provider, and closes it after a good probe', async () => {
    const lex = scripted('lex', { kind: 'fail', retryable: true });
    const local = scripted('local', sure('A'));
    const router = createRouter({
      providers: { lex, local },
      policy: { default: { strategy: 'fallback', providers: ['lex', 'local'] } },
      settings: { lex: { retries: 0, breaker: { failures: 3, coolDownMs: 100 } } },
    });
    for (let turn = 0; turn < 3; turn++) await endInFakeTime(router.recognize(request()));
    expect(router.circuits()).toMatchObject({ lex: 'open', local: 'closed' });
    const skipped = (await endInFakeTime(router.recognize(request()))).result;
    expect(skipped.route.attempts[0]).toMatchObject({ provider: 'lex', outcome: 'circuit-open', tries: 0 });
    expect(lex.calls).toBe(3);
    // Open for exactly the cool-down, then half-open.
    await vi.advanceTimersByTimeAsync(99);
    expect(router.circuits().lex).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    expect(router.circuits().lex).toBe('half-open');
    // A failed probe opens it again for a whole cool-down.
    await endInFakeTime(router.recognize(request()));
    expect(lex.calls).toBe(4);
    expect(router.circuits().lex).toBe('open');
    await vi.advanceTimersByTimeAsync(99);
    expect(router.circuits().lex).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    expect(router.circuits().lex).toBe('half-open');
    lex.behave(sure('A'));
    expect((await endInFakeTime(router.recognize(request()))).result.route.winner).toBe('lex');
    expect(router.circuits().lex).toBe('closed');
  });

  it('answers nothing understood, without throwing, when every provider fails and there is no last resort', async () => {
    const lex = scripted('lex', { kind: 'fail', retryable: false });
    const router = createRouter({ providers: { lex }, policy: { default: { strategy: 'single', providers: ['lex'] } } });
    const recognition = await router.recognize(request());
    expect(recognition).toMatchObject({ topIntent: null, intents: [], provider: 'router', route: { winner: null } });
  });

  it('refuses settings for a provider it does not have', () => {
    expect(() => createRouter({ providers: { local: scripted('local', sure('A')) }, policy: { default: { strategy: 'single', providers: ['local'] } }, settings: { lex: { retries: 1 } } })).toThrow(/nlu\.settings\.lex: no provider is named lex/);
  });
});
