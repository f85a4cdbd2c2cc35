// npm run bench:lex-code-hook — time inside the Lex V2 code hook per turn (event in, response out), as
// a Lambda instance serves them: one event at a time. The reference assistant's booking then handoff
// (5 turns a contact), with Lex's interpretation in each event, on the memory store and on DynamoDB
// (dynalite: a JavaScript emulator in a process of its own, on the same cores, not AWS), beside the
// floor: a hand-written handler that reads the event and delegates to Lex.
import { randomUUID } from 'node:crypto';
import { createBot, createDynamoDbStore, createMemoryStore, fixedClock, type ConversationStore } from 'parley-sdk';
import { createLexCodeHook, type LexCodeHook } from 'parley-sdk/connect';
import acmeTelecom from '../dialogs/index.js';
import { startDynalite } from './http-servers.js';

const contacts = Number(process.env.BENCH_CONTACTS ?? 300);
const clock = fixedClock('2030-03-04', 'America/New_York');

type Turn = { text: string; intent: string; slots?: Record<string, [said: string, value: string]> };
const script: Turn[] = [
  { text: 'I need a repair', intent: 'BookAppointment', slots: { service: ['repair', 'repair'] } },
  { text: 'friday', intent: 'BookAppointment', slots: { date: ['friday', '2030-03-08'] } },
  { text: '3pm', intent: 'BookAppointment', slots: { time: ['3pm', '15:00'] } },
  { text: 'yes', intent: 'BookAppointment' },
  { text: 'can I talk to a person', intent: 'TalkToAgent' },
];

/** The event as Lex sends it (its JSON text: a Lambda receives it parsed from the wire). */
function lexEvent(sessionId: string, turn: Turn, sessionAttributes: Record<string, string>): string {
  const slots = Object.fromEntries(Object.entries(turn.slots ?? {}).map(([name, [said, value]]) => [name, { shape: 'Scalar', value: { originalValue: said, interpretedValue: value, resolvedValues: [value] } }]));
  const intent = { name: turn.intent, slots, state: 'InProgress', confirmationState: 'None' };
  return JSON.stringify({
    messageVersion: '1.0',
    invocationSource: 'DialogCodeHook',
    inputMode: 'Text',
    responseContentType: 'text/plain; charset=utf-8',
    sessionId,
    inputTranscript: turn.text,
    bot: { id: 'ACMEBOT001', name: 'AcmeTelecom', aliasId: 'TSTALIASID', aliasName: 'TestBotAlias', localeId: 'en_US', version: 'DRAFT' },
    interpretations: [{ intent, nluConfidence: 0.94, interpretationSource: 'Lex' }, { intent: { name: 'FallbackIntent', slots: {}, state: 'InProgress', confirmationState: 'None' } }],
    requestAttributes: {},
    sessionState: { sessionAttributes, activeContexts: [], intent, originatingRequestId: randomUUID() },
  });
}

/** The floor: what any code hook pays to read the event and answer Lex. */
const delegating: LexCodeHook = async (event) => {
  const { sessionState } = event as { sessionState: { sessionAttributes?: Record<string, string>; intent: { name: string } } };
  return { sessionState: { sessionAttributes: sessionState.sessionAttributes ?? {}, dialogAction: { type: 'Delegate' }, intent: { name: sessionState.intent.name, state: 'InProgress', confirmationState: 'None' } } };
};

async function run(label: string, hook: LexCodeHook) {
  const latencies: number[] = [];
  let handedOff = 0;
  const started = performance.now();
  for (let contact = 0; contact < contacts; contact++) {
    const sessionId = `contact-${label.length}-${contact}-${randomUUID().slice(0, 8)}`;
    let attributes: Record<string, string> = {};
    for (const turn of script) {
      const text = lexEvent(sessionId, turn, attributes);
      const before = performance.now();
      const response = await hook(JSON.parse(text), { getRemainingTimeInMillis: () => 30_000 });
      latencies.push(performance.now() - before);
      attributes = response.sessionState.sessionAttributes;
      if (attributes.parley_queue) handedOff += 1;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))]!;
  return { handler: label, turns: latencies.length, 'turns/s': Math.round(latencies.length / seconds), 'p50 ms': round(at(0.5)), 'p95 ms': round(at(0.95)), 'p99 ms': round(at(0.99)), 'handed off': handedOff };
}

const round = (ms: number) => Number(ms.toFixed(2));

async function parleyHook(store: ConversationStore): Promise<LexCodeHook> {
  return createLexCodeHook(await createBot(acmeTelecom, { clock, store }));
}

// dynalite takes any key; the SDK's credential chain needs one.
process.env.AWS_ACCESS_KEY_ID ??= 'AKIDPARLEYBENCH';
process.env.AWS_SECRET_ACCESS_KEY ??= 'bench';

const dynalite = await startDynalite();
try {
  const table = await dynalite.newTable();
  const setups: Array<[string, () => Promise<LexCodeHook>]> = [
    ['floor: read the event, delegate', async () => delegating],
    ['Parley, memory store', () => parleyHook(createMemoryStore())],
    ['Parley, DynamoDB (dynalite)', async () => {
      const store = createDynamoDbStore({ table: table.table, endpoint: table.endpoint, region: table.region });
      await store.open?.();
      return parleyHook(store);
    }],
  ];
  const rows = [];
  for (const [label, make] of setups) {
    const hook = await make();
    await run(label, hook); // warm up: the JIT, the recognizer, the store's connection
    rows.push(await run(label, hook));
  }
  console.log(`Lex V2 code hook, one event at a time: ${contacts.toLocaleString('en-US')} contacts × ${script.length} turns (book a repair, then a person), after a warm-up round\n`);
  console.table(rows);
  console.log('DynamoDB: dynalite, a single-threaded JavaScript emulator in a process of its own on the same cores, not AWS.');
} finally {
  await dynalite.stop();
}
