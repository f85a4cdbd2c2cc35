import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalRecognizer } from '../../../src/nlu/local/index.js';
import { createRouter, type RoutedRecognition } from '../../../src/nlu/router/index.js';
import { clock, model, startLexFixture, type LexFixture } from '../lex-v2/lex-fixture.js';

// Fault injection over the wire: the Lex emulator through the real AWS SDK client, failing 30% of
// calls and adding 2 s to 10%, behind a 300 ms deadline with the local recognizer as the fallback.
const deadlineMs = 300;
// Timers fire late on a busy machine, and local recognition queues behind the turns in flight (20
// here): the router's own budget is what is checked, within this slack.
const timerSlackMs = 40;
let lex: LexFixture;
beforeAll(async () => {
  lex = await startLexFixture({ faults: { latencyMs: 20, errorRate: 0.3, slow: { rate: 0.1, ms: 2000 }, seed: 5 } });
}, 30_000);
afterAll(() => lex.close());

describe('router under fault injection', () => {
  it('answers all of 1,000 turns inside the deadline, and every trace says why', async () => {
    const router = createRouter({
      providers: { lex: lex.recognizer, local: createLocalRecognizer({ model }) },
      policy: { default: { strategy: 'fallback', providers: ['lex', 'local'], threshold: 0.3 }, deadlineMs, lastResort: 'local' },
      settings: { lex: { timeoutMs: 200, retries: 1, backoffMs: 10, breaker: { failures: 10_000, coolDownMs: 1000 } } },
    });
    const texts = ['I want a pizza', 'order a large pizza', 'give me my money back', 'hello there', 'can I get a refund', 'pizza for tomorrow please'];
    const results: { ms: number; recognition: RoutedRecognition }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < 1000) {
          const index = next++;
          const started = performance.now();
          const recognition = await router.recognize({ text: texts[index % texts.length]!, locale: 'en-US', now: clock.now(), timeZone: clock.timeZone, conversationId: `faults-${index}` });
          results.push({ ms: performance.now() - started, recognition });
        }
      }),
    );
    expect(results).toHaveLength(1000);
    expect(results.filter((result) => result.recognition.route.winner === null)).toEqual([]);
    expect(results.filter((result) => result.ms > deadlineMs + timerSlackMs).map((result) => Math.round(result.ms))).toEqual([]);
    const attempts = results.flatMap((result) => result.recognition.route.attempts.filter((attempt) => attempt.provider === 'lex'));
    // Both kinds of fault happened, and each left its mark in the trace.
    expect(attempts.some((attempt) => attempt.outcome === 'timeout')).toBe(true);
    expect(attempts.some((attempt) => attempt.error?.startsWith('ProviderCallError'))).toBe(true);
    const rescued = results.filter((result) => result.recognition.route.winner === 'local');
    expect(rescued.length).toBeGreaterThan(50);
    for (const { recognition } of rescued) expect(recognition.route.reason).toMatch(/^lex (timed out after \d+ ms|failed \(.+\)|unsure .+|stopped at the deadline)/);
    expect(results.filter((result) => result.recognition.route.winner === 'lex').length).toBeGreaterThan(500);
  }, 60_000);
});
