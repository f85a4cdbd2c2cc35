// npm run bench:router — what routing costs, and whether the deadline holds when a cloud fails.
//  1. Overhead: the router in front of local recognizers, against calling the recognizer directly.
//  2. Faults: Lex V2 (the emulator, through the real AWS SDK client) answering in 100 ms and failing
//     30% of calls, behind a 300 ms deadline with the local recognizer as the fallback.
//  3. Abandoned calls: how soon a Lex V2 or CLU call that is never answered lets go when the turn
//     aborts it or the emulator closes.
import { createLocalRecognizer, createRouter, loadIntents, type Recognition, type RecognizeRequest, type Recognizer } from 'parley-sdk';
import { measureAbandonedCalls } from './abandoned-calls.js';
import { runFaultScenarios } from './router-faults.js';

const turns = Number(process.env.BENCH_TURNS ?? 20_000);
const model = await loadIntents(new URL('../intents/', import.meta.url));
const texts = Object.values(model.locales)[0]!.intents.flatMap((intent) =>
  intent.utterances.map((utterance) => utterance.parts.map((part) => (part.kind === 'text' ? part.text : (part.example ?? 'tomorrow'))).join('')),
);
const request = (index: number): RecognizeRequest => ({ text: texts[index % texts.length]!, locale: 'en-US', now: new Date('2030-03-04T15:00:00Z'), timeZone: 'UTC', conversationId: `c-${index % 500}` });

/** Answers at once with a fixed recognition: what is left is the router's own cost. */
const instant = (name: string): Recognizer => {
  const answer: Recognition = { text: '', locale: 'en-US', intents: [{ name: 'BookAppointment', confidence: 0.9 }], topIntent: 'BookAppointment', entities: [], provider: name, latencyMs: 0 };
  return { name, recognize: async () => answer };
};

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
}

/** Per-turn cost in microseconds of `direct` and `routed`, interleaved so noise hits both alike. */
async function compare(direct: Recognizer, routed: Recognizer) {
  for (let index = 0; index < 2000; index++) {
    await direct.recognize(request(index));
    await routed.recognize(request(index));
  }
  const plain: number[] = [];
  const through: number[] = [];
  for (let index = 0; index < turns; index++) {
    let started = performance.now();
    await direct.recognize(request(index));
    plain.push((performance.now() - started) * 1000);
    started = performance.now();
    await routed.recognize(request(index));
    through.push((performance.now() - started) * 1000);
  }
  const difference = through.map((value, index) => value - plain[index]!).sort((a, b) => a - b);
  plain.sort((a, b) => a - b);
  through.sort((a, b) => a - b);
  return {
    'direct p50 µs': Number(percentile(plain, 0.5).toFixed(1)),
    'routed p50 µs': Number(percentile(through, 0.5).toFixed(1)),
    'overhead p50 µs': Number(percentile(difference, 0.5).toFixed(1)),
    'overhead p99 µs': Number(percentile(difference, 0.99).toFixed(1)),
  };
}

const localA = createLocalRecognizer({ model });
const localB = createLocalRecognizer({ model });
const overhead = [
  { setup: 'two instant recognizers, single', ...(await compare(instant('a'), createRouter({ providers: { a: instant('a'), b: instant('b') }, policy: { default: { strategy: 'single', providers: ['a'] }, lastResort: 'b' } }))) },
  { setup: 'two instant recognizers, fallback', ...(await compare(instant('a'), createRouter({ providers: { a: instant('a'), b: instant('b') }, policy: { default: { strategy: 'fallback', providers: ['a', 'b'] }, lastResort: 'b' } }))) },
  { setup: 'two local recognizers, single', ...(await compare(localA, createRouter({ providers: { a: localA, b: localB }, policy: { default: { strategy: 'single', providers: ['a'] }, lastResort: 'b' } }))) },
  { setup: 'two local recognizers, race (both run)', ...(await compare(localA, createRouter({ providers: { a: localA, b: localB }, policy: { default: { strategy: 'race', providers: ['a', 'b'] } } }))) },
];
console.log(`Router overhead per turn, ${turns.toLocaleString('en-US')} turns of the reference assistant's utterances (the router against the recognizer called directly)\n`);
console.table(overhead);

console.log('\nA failing cloud behind a deadline: Lex V2 emulator through the AWS SDK client, fallback to the local recognizer\n');
console.table(await runFaultScenarios(model, texts));

console.log('\nAn abandoned call: from the abort, or the emulator closing, to the rejection, through the SDK clients\n');
console.table(await measureAbandonedCalls(model));
