// npm run bench:http — turns per second and latency of the HTTP runtime (JSON API, local recognizer,
// file store), under N concurrent conversations driven by autocannon in the same run.
import { fork } from 'node:child_process';
import { rm } from 'node:fs/promises';
import autocannon from 'autocannon';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 15);

/** What each conversation says, over and over: a booking, a correction, an order check, an outage check. */
const script = [
  'I need a repair tomorrow at 3pm',
  'actually make it friday',
  'yes',
  'where is order AB123456?',
  'is there an outage in 94105?',
  'thanks, bye',
];

const child = fork(new URL('./http-server.ts', import.meta.url), { execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [])], env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.bench.json' } });
const { url, directory } = await new Promise<{ url: string; directory: string }>((resolve) => child.once('message', resolve as never));

/** A conversation and the token every request of it carries. */
async function startConversation(): Promise<{ conversationId: string; token: string }> {
  const response = await fetch(`${url}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  return (await response.json()) as { conversationId: string; token: string };
}

try {
  const conversations = await Promise.all(Array.from({ length: connections }, startConversation));
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
  const failed = result.non2xx + result.errors + result.timeouts;
  console.log(`HTTP runtime: ${connections} concurrent conversations for ${seconds} s (reference assistant, local recognizer, file store)\n`);
  console.table([
    {
      'turns/s': Math.round(result.requests.average),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      'max ms': result.latency.max,
      turns: result.requests.total,
      failed,
    },
  ]);
  if (failed > 0) process.exitCode = 1;
} finally {
  child.send('stop');
  await new Promise((resolve) => child.once('exit', resolve));
  await rm(directory, { recursive: true, force: true });
}
