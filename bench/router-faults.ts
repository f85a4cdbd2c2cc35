// The fault half of `npm run bench:router`: Lex V2 (the emulator, through the real AWS SDK client)
// answering in 100 ms and failing 30% of calls, behind a 300 ms deadline, local recognizer as fallback.
import { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import { createLexV2Recognizer, createLocalRecognizer, createRouter, type IntentModel, type RoutedRecognition } from 'parley-sdk';
import { startLexRuntimeEmulator, type EmulatorFaults } from 'parley-sdk/testing';

const turns = Number(process.env.BENCH_FAULT_TURNS ?? 1000);
const inFlight = 20;
const deadlineMs = 300;

const scenarios: { name: string; faults: EmulatorFaults }[] = [
  { name: 'Lex 100 ms, 30% of calls fail', faults: { latencyMs: 100, errorRate: 0.3, seed: 1 } },
  { name: 'Lex 100 ms, 30% fail, 10% take 2 s more', faults: { latencyMs: 100, errorRate: 0.3, slow: { rate: 0.1, ms: 2000 }, seed: 2 } },
];

/** `texts`: what customers say, one per turn in turn. */
export async function runFaultScenarios(model: IntentModel, texts: readonly string[]) {
  const emulator = await startLexRuntimeEmulator({ model });
  const client = new LexRuntimeV2Client({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' }, maxAttempts: 1 });
  const rows = [];
  try {
    for (const scenario of scenarios) {
      emulator.setFaults(scenario.faults);
      const router = createRouter({
        providers: { lex: createLexV2Recognizer({ ...emulator.bot, localeId: 'en_US', client, model }), local: createLocalRecognizer({ model }) },
        policy: { default: { strategy: 'fallback', providers: ['lex', 'local'], threshold: 0.3 }, deadlineMs, lastResort: 'local' },
        settings: { lex: { timeoutMs: 250, retries: 1, backoffMs: 20, breaker: { failures: 1000, coolDownMs: 1000 } } },
      });
      const results: { ms: number; recognition: RoutedRecognition }[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (next < turns) {
            const index = next++;
            const started = performance.now();
            const recognition = await router.recognize({ text: texts[index % texts.length]!, locale: 'en-US', now: new Date(), timeZone: 'UTC', conversationId: `bench-${index}` });
            results.push({ ms: performance.now() - started, recognition });
          }
        }),
      );
      const latencies = results.map((result) => result.ms).sort((a, b) => a - b);
      const at = (share: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))]!);
      const wonBy = (provider: string) => results.filter((result) => result.recognition.route.winner === provider).length;
      rows.push({
        scenario: scenario.name,
        turns: results.length,
        'p50 ms': at(0.5),
        'p99 ms': at(0.99),
        'max ms': Math.round(latencies.at(-1)!),
        [`over ${deadlineMs} ms`]: latencies.filter((ms) => ms > deadlineMs).length,
        'answered by lex': wonBy('lex'),
        'by local': wonBy('local'),
        unanswered: results.filter((result) => result.recognition.route.winner === null).length,
        'traces with a reason': results.filter((result) => result.recognition.route.reason.length > 0).length,
      });
    }
  } finally {
    client.destroy();
    await emulator.close();
  }
  return rows;
}
