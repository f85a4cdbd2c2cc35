// npm run bench:http — turns per second and latency of the HTTP runtime (JSON API, local recognizer),
// under N concurrent conversations driven by autocannon in the same run: one process on the file
// store and on DynamoDB, and `parley serve --workers 2` on a shared file directory and on DynamoDB.
// DynamoDB here is dynalite (a single-threaded JavaScript emulator in a process of its own, on the
// same cores), not AWS: its rows measure what the store's requests cost this machine, not DynamoDB.
import autocannon from 'autocannon';
import { startDynalite, startOneProcess, startWorkers, type BenchServer, type Dynalite } from './http-servers.js';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const workers = Number(process.env.BENCH_WORKERS ?? 2);

/** What each conversation says, over and over: a booking, a correction, an order check, an outage check. */
const script = [
  'I need a repair tomorrow at 3pm',
  'actually make it friday',
  'yes',
  'where is order AB123456?',
  'is there an outage in 94105?',
  'thanks, bye',
];

/** A conversation and the token every request of it carries. */
async function startConversation(url: string): Promise<{ conversationId: string; token: string }> {
  const response = await fetch(`${url}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  return (await response.json()) as { conversationId: string; token: string };
}

async function measure(url: string) {
  const conversations = await Promise.all(Array.from({ length: connections }, () => startConversation(url)));
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    // Each connection is one customer: its own conversation, its own place in the script.
    initialContext: {},
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest(request: any, context: any) {
          context.conversation ??= conversations[next++ % conversations.length];
          context.step = ((context.step ?? -1) + 1) % script.length;
          const { conversationId, token } = context.conversation;
          return {
            ...request,
            path: `/api/conversations/${conversationId}/messages`,
            headers: { ...request.headers, authorization: `Bearer ${token}` },
            body: JSON.stringify({ text: script[context.step] }),
          };
        },
      },
    ],
  });
  return {
    'turns/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    'max ms': result.latency.max,
    turns: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

let dynalite: Dynalite | undefined;
const dynamoDbTable = async () => (dynalite ??= await startDynalite()).newTable();
const setups: Array<{ setup: string; start: () => Promise<BenchServer> }> = [
  { setup: 'file store, 1 process', start: () => startOneProcess() },
  { setup: 'DynamoDB (dynalite), 1 process', start: async () => startOneProcess({ dynamodb: await dynamoDbTable() }) },
  { setup: `shared file store, ${workers} workers`, start: () => startWorkers(workers) },
  { setup: `DynamoDB (dynalite), ${workers} workers`, start: async () => startWorkers(workers, await dynamoDbTable()) },
];

const rows = [];
try {
  for (const { setup, start } of setups) {
    const server = await start();
    try {
      rows.push({ setup, ...(await measure(server.url)) });
    } finally {
      await server.stop();
    }
  }
} finally {
  await dynalite?.stop();
}
console.log(`\nHTTP runtime: ${connections} concurrent conversations for ${seconds} s each (reference assistant, local recognizer)\n`);
console.table(rows);
console.log('DynamoDB rows: dynalite, a single-threaded JavaScript emulator in a process of its own on the same cores, not AWS.');
if (rows.some((row) => row.failed > 0)) process.exitCode = 1;
