// npm run bench:acs-chat — how long an ACS chat customer waits for the bot's answer, and what of that
// is Parley's, beside the same turns over the web chat API (the floor: the bot's own turn over HTTP).
//
// The runtime is the one `parley serve` starts with the `acs` section (PARLEY_ACS_*, an Event Grid
// secret), in this process; the emulated ACS resource plays chat, identity and Event Grid, and the
// customer is the real ChatClient. A turn: the customer's sendMessage → Event Grid delivers
// ChatMessageReceivedInThread to /api/acs/events → the bot's turn → its reply sent into the thread
// with the real ChatClient → the reply is in the thread (the emulator sees it). Measured from the
// customer's sendMessage call to the reply being stored by the service.
//
// Rows: ACS chat with the emulator answering at once; with each ACS REST call taking 40–120 ms
// (assumed: no published latency figures for ACS chat were found; Azure regional REST calls answer in
// tens of milliseconds); and the web chat API's POST /messages for the same script. "Parley's share"
// is the runtime's own time for the turn (read the conversation, understand, step, save), from its
// turn log lines: the rest is Event Grid's delivery, the webhook, the reply's ACS call and the network.
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ChatClient } from '@azure/communication-chat';
import { AzureCommunicationTokenCredential } from '@azure/communication-common';
import { createLogger, loadRuntimeConfig, startRuntime } from 'parley-sdk/runtime';
import { startAcsEmulator } from 'parley-sdk/testing';
import acmeTelecom from '../dialogs/index.js';
import { unlimited } from './http-limits.js';

const conversations = Number(process.env.BENCH_ACS_CONVERSATIONS ?? 20);
const script = ['I need a repair tomorrow at 3pm', 'yes', 'where is my order?', 'ORD-12345', 'thanks, bye'];
const secret = 'bench-event-grid-secret-0123456789';

const acs = await startAcsEmulator({ chatLimits: { sendRate: [{ limit: 1_000_000, windowMs: 10_000 }] } });
const caFile = join(tmpdir(), `parley-bench-acs-${process.pid}.pem`);
writeFileSync(caFile, acs.ca);
const botUser = acs.createUser({ displayName: 'Acme' });
const turnMs: number[] = [];
const config = loadRuntimeConfig({
  env: { PARLEY_ACS_CONNECTION_STRING: acs.connectionString, PARLEY_ACS_BOT_USER_ID: botUser.id, PARLEY_ACS_CA_FILE: caFile, PARLEY_EVENT_GRID_SECRET: secret },
  overrides: { port: 0, store: { kind: 'memory' }, modelCache: false, limits: unlimited },
});
// The runtime's own time for each turn, from its 'turn' log lines (ids and timings only).
const logLines = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n')) {
      if (!line.includes('"msg":"turn"')) continue;
      const { channel, ms } = JSON.parse(line) as { channel: string; ms: number };
      if (channel === 'acs-chat') turnMs.push(ms);
    }
    done();
  },
});
const runtime = await startRuntime(acmeTelecom, config, createLogger({ level: 'info', destination: logLines }));
await acs.subscribe({ endpoint: `${runtime.server.url}/api/acs/events?code=${secret}` });

/** A turn that takes longer than this has hung: the bench stops with what went wrong instead of waiting for ever. */
const stuckMs = 30_000;

async function stuckAfter(work: Promise<void>, why: () => string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(why())), stuckMs);
  });
  try {
    await Promise.race([work, stuck]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every bot reply, by thread, as the service stores it. */
const replies = new Map<string, Array<() => void>>();
acs.onChatMessage((message, threadId) => {
  if (message.senderId !== botUser.id) return;
  for (const resolve of replies.get(threadId)?.splice(0) ?? []) resolve();
});

async function acsConversation(): Promise<number[]> {
  const customer = acs.createUser({ displayName: 'Ada' });
  const chat = new ChatClient(acs.url, new AzureCommunicationTokenCredential(customer.token), { tlsOptions: { ca: acs.ca } });
  const { chatThread } = await chat.createChatThread({ topic: 'Bench' }, { participants: [customer.participant, botUser.participant] });
  const thread = chat.getChatThreadClient(chatThread!.id);
  const times: number[] = [];
  for (const text of script) {
    const answered = new Promise<void>((resolve) => {
      const waiting = replies.get(chatThread!.id) ?? [];
      waiting.push(resolve);
      replies.set(chatThread!.id, waiting);
    });
    const started = performance.now();
    await thread.sendMessage({ content: text });
    await stuckAfter(answered, () => `no reply to "${text}" within ${stuckMs} ms; failed deliveries: ${JSON.stringify(acs.deliveries().filter((delivery) => delivery.status !== 200).slice(-3))}`);
    times.push(performance.now() - started);
  }
  return times;
}

async function webConversation(): Promise<number[]> {
  const base = runtime.server.url;
  const started = (await (await fetch(`${base}/api/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
  const times: number[] = [];
  for (const text of script) {
    const at = performance.now();
    const response = await fetch(`${base}/api/conversations/${started.conversationId}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${started.token}` },
      body: JSON.stringify({ text }),
    });
    await response.arrayBuffer();
    times.push(performance.now() - at);
  }
  return times;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const rows: Array<{ name: string; times: number[]; parley?: number[] }> = [];
// A warm-up conversation of each kind: the first turns compile and load what later ones reuse.
await acsConversation();
await webConversation();
for (const [name, latencyMs] of [
  ['ACS chat, emulator at 0 ms', 0],
  ['ACS chat, ACS calls 40–120 ms', { min: 40, max: 120 }],
] as const) {
  acs.setFaults({ latencyMs });
  turnMs.length = 0;
  const times: number[] = [];
  for (let index = 0; index < conversations; index++) times.push(...(await acsConversation()));
  rows.push({ name, times, parley: [...turnMs] });
}
acs.setFaults({});
const web: number[] = [];
for (let index = 0; index < conversations; index++) web.push(...(await webConversation()));
rows.push({ name: 'web chat API (the floor)', times: web });

const load = (await import('node:os')).loadavg().map((value) => value.toFixed(2)).join(' ');
console.log(`\nACS chat: customer message → bot reply stored in the thread; ${conversations} conversations × ${script.length} turns per row, one at a time (load average ${load})\n`);
console.log('| path | turns | p50 ms | p95 ms | p99 ms | Parley turn p50 / p95 ms |');
console.log('|---|---|---|---|---|---|');
for (const { name, times, parley } of rows) {
  const own = parley && parley.length > 0 ? `${percentile(parley, 50).toFixed(1)} / ${percentile(parley, 95).toFixed(1)}` : '—';
  console.log(`| ${name} | ${times.length} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${percentile(times, 99).toFixed(1)} | ${own} |`);
}
await runtime.close();
await acs.close();
rmSync(caFile, { force: true });
