import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalRecognizer } from '../../../src/nlu/local/index.js';
import { createRouter, type RoutedRecognition } from '../../../src/nlu/router/index.js';
import { clock, model, startLexFixture, type LexFixture } from '../lex-v2/lex-fixture.js';

// Fault injection over the wire: the Lex emulator through the real AWS SDK client, failing 30% of
// calls and adding 5 s to 10%, with the local recognizer as the fallback. Real sockets run on real
// time, which a loaded machine stretches, so this test checks what the router did and said, and its
// limits keep a wide margin: a 20 ms call answers well inside Lex's 1 s timeout even on a busy
// machine, and a slow one never does. That the router keeps its deadline is exact in fake time
// (router.test.ts); how long turns take, behind a 300 ms deadline, is measured by
// `npm run bench:router` (bench/router-faults.ts).
let lex: LexFixture;
beforeAll(async () => {
  lex = await startLexFixture({ faults: { latencyMs: 20, errorRate: 0.3, slow: { rate: 0.1, ms: 5000 }, seed: 5 } });
});
afterAll(() => lex.close());

describe('router under fault injection', () => {
  it('answers every one of 1,000 turns, and every trace says why', async () => {
    const router = createRouter({
      providers: { lex: lex.recognizer, local: createLocalRecognizer({ model }) },
      policy: { default: { strategy: 'fallback', providers: ['lex', 'local'], threshold: 0.3 }, deadlineMs: 1500, lastResort: 'local' },
      settings: { lex: { timeoutMs: 1000, retries: 1, backoffMs: 10, breaker: { failures: 10_000, coolDownMs: 1000 } } },
    });
    const texts = ['I want a pizza', 'order a large pizza', 'give me my money back', 'hello there', 'can I get a refund', 'pizza for tomorrow please'];
    const results: RoutedRecognition[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < 1000) {
          const index = next++;
          results.push(await router.recognize({ text: texts[index % texts.length]!, locale: 'en-US', now: clock.now(), timeZone: clock.timeZone, conversationId: `faults-${index}` }));
        }
      }),
    );
    expect(results).toHaveLength(1000);
    expect(results.filter((recognition) => recognition.route.winner === null)).toEqual([]);
    const attempts = results.flatMap((recognition) => recognition.route.attempts.filter((attempt) => attempt.provider === 'lex'));
    // Both kinds of fault happened, and each left its mark in the trace.
    expect(attempts.some((attempt) => attempt.outcome === 'timeout')).toBe(true);
    expect(attempts.some((attempt) => attempt.error?.startsWith('ProviderCallError'))).toBe(true);
    const rescued = results.filter((recognition) => recognition.route.winner === 'local');
    expect(rescued.length).toBeGreaterThan(50);
    for (const recognition of rescued) expect(recognition.route.reason).toMatch(/^lex (timed out after \d+ ms|failed \(.+\)|unsure .+|stopped at the deadline)/);
    const answeredByLex = results.filter((recognition) => recognition.route.winner === 'lex');
    expect(answeredByLex.length).toBeGreaterThan(500);
    for (const recognition of answeredByLex) expect(recognition.route.reason).toMatch(/^lex (confident|unsure) \(/);
  }, 120_000);
});
