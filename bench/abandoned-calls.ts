// The abandoned-call half of `npm run bench:router`: how soon a call that Lex V2 or CLU never answers
// lets go, through the real SDK clients, when the turn aborts it or the emulator closes under it.
// The tests check that it does (test/nlu/lex-v2/faults.test.ts, test/nlu/azure-clu/clu-errors.test.ts,
// test/nlu/lex-v2/lex-runtime-emulator.test.ts); how long it takes is measured here.
import { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import { createCluRecognizer, createLexV2Recognizer, type IntentModel, type Recognizer, type RecognizeRequest } from 'parley-sdk';
import { startCluEmulator, startLexRuntimeEmulator } from 'parley-sdk/testing';

const aborts = Number(process.env.BENCH_ABORT_ROUNDS ?? 50);
const closes = Number(process.env.BENCH_CLOSE_ROUNDS ?? 5);
const request: RecognizeRequest = { text: 'where is my order', locale: 'en-US', now: new Date(), timeZone: 'UTC', conversationId: 'abandoned-1' };

/** A service that never answers, a recognizer on it, and how many calls it has seen. */
interface Hanging {
  recognizer: Recognizer;
  calls(): number;
  close(): Promise<void>;
}

async function hangingLex(model: IntentModel): Promise<Hanging> {
  const emulator = await startLexRuntimeEmulator({ model, faults: { hangRate: 1 } });
  const client = new LexRuntimeV2Client({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' }, maxAttempts: 1 });
  return {
    recognizer: createLexV2Recognizer({ ...emulator.bot, localeId: 'en_US', client, model }),
    calls: () => emulator.calls.filter((call) => call.fault === 'hang').length,
    async close() {
      await emulator.close();
      client.destroy();
    },
  };
}

async function hangingClu(model: IntentModel): Promise<Hanging> {
  const emulator = await startCluEmulator({ model, apiKey: 'bench', faults: { hangRate: 1 } });
  return {
    recognizer: createCluRecognizer({ endpoint: emulator.url, credential: { key: 'bench' }, projectName: 'Parley', deploymentName: 'production', model, clientOptions: { allowInsecureConnection: true } }),
    calls: () => emulator.calls.length,
    close: () => emulator.close(),
  };
}

/** Milliseconds from `letGo()` to the call's rejection, once the service holds the call. */
async function timeLetGo(service: Hanging, letGo: (controller: AbortController) => unknown): Promise<number> {
  const controller = new AbortController();
  const before = service.calls();
  const rejected = service.recognizer.recognize(request, { signal: controller.signal }).then(
    () => Promise.reject(new Error('a hanging call was answered')),
    () => performance.now(),
  );
  while (service.calls() === before) await new Promise((resolve) => setTimeout(resolve, 1));
  const started = performance.now();
  await letGo(controller);
  return (await rejected) - started;
}

function summary(call: string, times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { call, rounds: sorted.length, 'p50 ms': Number(sorted[Math.floor(sorted.length / 2)]!.toFixed(1)), 'max ms': Number(sorted.at(-1)!.toFixed(1)) };
}

export async function measureAbandonedCalls(model: IntentModel) {
  const rows = [];
  for (const [name, start] of [['Lex V2', hangingLex], ['Azure CLU', hangingClu]] as const) {
    const service = await start(model);
    const times: number[] = [];
    try {
      for (let round = 0; round < aborts; round++) times.push(await timeLetGo(service, (controller) => controller.abort(new Error('the turn moved on'))));
    } finally {
      await service.close();
    }
    rows.push(summary(`${name}: the turn aborts`, times));
    const closed: number[] = [];
    for (let round = 0; round < closes; round++) {
      const own = await start(model);
      try {
        closed.push(await timeLetGo(own, () => own.close()));
      } finally {
        await own.close();
      }
    }
    rows.push(summary(`${name}: the emulator closes`, closed));
  }
  return rows;
}
