// npm run bench:handoff — how long a web chat customer who asks for a person waits, with Amazon
// Connect (the emulator, through the real AWS SDK clients) answering at three per-call latencies.
// The runtime is the one `parley serve` starts, configured by the same environment variables
// (PARLEY_HANDOFF=amazon-connect, PARLEY_CONNECT_*), and the customer talks to its web API over HTTP.
//
// Each run: a new conversation starts booking a repair, then sends "agent please". From that request:
//  - contact waiting: StartChatContact has put the chat in the instance (the emulator sees it);
//  - chat open: the handoff turn has answered, which it does once the customer's participant
//    connection is made (CreateParticipantConnection), so the page shows "Connecting you with a person";
//  - first agent message: an agent free at once accepts the waiting chat and writes, and the message
//    reaches the conversation's transcript (what the page's event stream shows). Connect's own queueing
//    and routing to an agent are not emulated: that wait is the contact center's, not Parley's.
// Then, once the chat is followed: a later agent message, from being written to the transcript.
//
// Per-call latencies (no published figures for Connect's APIs were found, so these are assumed): the
// realistic row gives StartChatContact, which starts a contact flow, 150–400 ms, and each
// participant service call (CreateParticipantConnection, GetTranscript) 50–150 ms, as AWS regional
// APIs answer from the same region; the slow row, 1–2 s and 400–800 ms. The emulator applies its one
// latency knob to every HTTP call, so the bench sets it to Connect's figure until StartChatContact
// has run and to the participant service's after (one run at a time, so no call sees the other's).
// The chat's WebSocket (opening it and its frames) is not delayed: in AWS it costs a round trip or two more.
import type { TranscriptEntry } from 'parley-sdk';
import { loadRuntimeConfig, startRuntime } from 'parley-sdk/runtime';
import { startConnectEmulator, type ConnectEmulator, type EmulatorFaults } from 'parley-sdk/testing';
import acmeTelecom from '../dialogs/index.js';
import { unlimited } from './http-limits.js';

const runs = Number(process.env.BENCH_HANDOFF_RUNS ?? 20);
/** The architecture's target: a customer who asks for a person is with one (routing included) within 5 s. */
const targetMs = 5000;
/** A run that takes longer than this has hung: the bench stops with an error instead of waiting for ever. */
const stuckMs = 30_000;

interface Setting {
  name: string;
  connect: EmulatorFaults['latencyMs'];
  participant: EmulatorFaults['latencyMs'];
}
const settings: Setting[] = [
  { name: '0 ms', connect: 0, participant: 0 },
  { name: 'realistic', connect: { min: 150, max: 400 }, participant: { min: 50, max: 150 } },
  { name: 'slow', connect: { min: 1000, max: 2000 }, participant: { min: 400, max: 800 } },
];

// The AWS SDK signs every call; the emulator takes any credentials.
process.env.AWS_ACCESS_KEY_ID = 'AKIDPARLEYBENCH';
process.env.AWS_SECRET_ACCESS_KEY = 'bench';

const connect = await startConnectEmulator();
const config = loadRuntimeConfig({
  env: {
    PARLEY_HANDOFF: 'amazon-connect',
    PARLEY_CONNECT_INSTANCE_ID: connect.instance.InstanceId,
    PARLEY_CONNECT_CONTACT_FLOW_ID: connect.instance.ContactFlowId,
    PARLEY_CONNECT_REGION: 'us-east-1',
    PARLEY_CONNECT_ENDPOINT: connect.url,
  },
  overrides: { port: 0, store: { kind: 'memory' }, modelCache: false, logging: { level: 'error' }, limits: unlimited },
});
const runtime = await startRuntime(acmeTelecom, config);

interface Run {
  waitingMs: number;
  openMs: number;
  firstAgentMessageMs: number;
  laterAgentMessageMs: number;
}

/** One customer, from starting a booking to being back with the bot. */
async function handOff(setting: Setting, emulator: ConnectEmulator): Promise<Run> {
  const base = runtime.server.url;
  const started = (await (await fetch(`${base}/api/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
  const send = async (text: string) => {
    const response = await fetch(`${base}/api/conversations/${started.conversationId}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${started.token}` },
      body: JSON.stringify({ text }),
    });
    if (!response.ok) throw new Error(`the web API answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<{ directives: Array<{ kind: string }> }>;
  };
  await send('I need a repair on friday');

  // What reaches the transcript, as an open event stream sees it.
  const seen = transcriptWatcher(started.conversationId);
  try {
    emulator.setFaults({ latencyMs: setting.connect });
    const request = performance.now();
    const agentSide = emulator.nextWaitingContact().then((contact) => {
      const waitingMs = performance.now() - request;
      emulator.setFaults({ latencyMs: setting.participant });
      emulator.acceptContact(contact.contactId, { agentName: 'Sam' });
      emulator.sendAgentMessage(contact.contactId, 'Hi, this is Sam. I can see your repair request.');
      return { contactId: contact.contactId, waitingMs };
    });
    const handed = await send('agent please');
    const openMs = performance.now() - request;
    if (!handed.directives.some((directive) => directive.kind === 'handoff')) throw new Error('"agent please" did not hand off');
    const { contactId, waitingMs } = await agentSide;
    if (!emulator.contact(contactId).customer.connected) throw new Error('the handoff turn answered before the customer was connected to the chat');
    await seen.until((entry) => entry.from === 'agent' && entry.text.startsWith('Hi, this is Sam'));
    const firstAgentMessageMs = performance.now() - request;

    const written = performance.now();
    emulator.sendAgentMessage(contactId, 'Your technician can come on Friday.');
    await seen.until((entry) => entry.from === 'agent' && entry.text.startsWith('Your technician'));
    const laterAgentMessageMs = performance.now() - written;

    emulator.endContact(contactId);
    await seen.until((entry) => entry.from === 'bot' && entry.text.startsWith("You're back with the assistant"));
    return { waitingMs, openMs, firstAgentMessageMs, laterAgentMessageMs };
  } finally {
    seen.stop();
  }
}

/** Transcript entries of a conversation as they are added, with a wait for one that matches. */
function transcriptWatcher(conversationId: string) {
  const entries: TranscriptEntry[] = [];
  let wake = () => {};
  const stop = runtime.bot.watch(conversationId, (added) => {
    entries.push(...added);
    wake();
  });
  return {
    stop,
    async until(matches: (entry: TranscriptEntry) => boolean): Promise<void> {
      const deadline = performance.now() + stuckMs;
      while (!entries.some(matches)) {
        const left = deadline - performance.now();
        if (left <= 0) throw new Error(`no matching transcript entry within ${stuckMs} ms; the transcript has ${JSON.stringify(entries)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
  };
}

const percentile = (sorted: number[], share: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
const describeLatency = (latency: EmulatorFaults['latencyMs']) => (typeof latency === 'object' ? `${latency.min}–${latency.max}` : String(latency ?? 0));

try {
  // The first handoff of a process loads the AWS SDK clients and the WebSocket client: once, not per customer.
  const first = await handOff(settings[0]!, connect);
  const rows = [];
  for (const [index, setting] of settings.entries()) {
    connect.setFaults({ latencyMs: setting.connect, seed: index + 1 });
    const measured: Run[] = [];
    for (let run = 0; run < runs; run++) measured.push(await handOff(setting, connect));
    /** `p50 / p95` of one measure over the runs, in whole milliseconds. */
    const spread = (pick: (run: Run) => number) => {
      const sorted = measured.map(pick).sort((a, b) => a - b);
      return `${Math.round(percentile(sorted, 0.5))} / ${Math.round(percentile(sorted, 0.95))}`;
    };
    rows.push({
      latency: setting.name,
      'per call: Connect / participant': `${describeLatency(setting.connect)} / ${describeLatency(setting.participant)}`,
      'contact waiting': spread((run) => run.waitingMs),
      'chat open': spread((run) => run.openMs),
      'first agent message': spread((run) => run.firstAgentMessageMs),
      [`within ${targetMs / 1000} s`]: `${measured.filter((run) => run.firstAgentMessageMs <= targetMs).length}/${runs}`,
      'later agent message': spread((run) => run.laterAgentMessageMs),
    });
  }
  console.log(`Handoff to an Amazon Connect agent from web chat: ${runs} runs per row, p50 / p95 in ms from the customer's "agent please" (later agent message: from the agent writing it)\n`);
  console.table(rows);
  console.log(`\nThe first handoff of the process (loads the AWS SDK and WebSocket clients, not in the table): chat open ${Math.round(first.openMs)} ms, first agent message ${Math.round(first.firstAgentMessageMs)} ms.`);
} finally {
  await runtime.close();
  await connect.close();
}
