import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, loadRuntimeConfig, startRuntime, type ParleyServer, type Runtime } from 'parley-sdk/runtime';
import acmeTelecom from '../../dialogs/index.js';
import { smallBot } from '../fixtures-small-bot.js';

const servers: ParleyServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

function captureLogs() {
  const lines: string[] = [];
  const destination = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
  return { lines, logger: createLogger({ level: 'debug', destination }) };
}

async function start(definition = acmeTelecom, logger = createLogger({ level: 'silent' })): Promise<Runtime> {
  const config = loadRuntimeConfig({ env: {}, overrides: { port: 0, store: { kind: 'memory' }, shutdownTimeoutMs: 5_000 } });
  const runtime = await startRuntime(definition, config, logger);
  servers.push(runtime.server);
  return runtime;
}

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Starts a web conversation; returns its id and the token every later request needs. */
async function startConversation(server: ParleyServer): Promise<{ conversationId: string; token: string }> {
  return (await (await fetch(`${server.url}/api/conversations`, json({}))).json()) as { conversationId: string; token: string };
}

async function say(server: ParleyServer, conversation: { conversationId: string; token: string }, text: string) {
  const response = await fetch(`${server.url}/api/conversations/${conversation.conversationId}/messages`, {
    ...json({ text }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${conversation.token}` },
  });
  return { status: response.status, body: (await response.json()) as { messages: Array<{ text: string }> } };
}

describe('the HTTP runtime', () => {
  it('answers health, readiness and metrics, and counts turns', async () => {
    const { server } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({ status: 'ready', bot: 'Acme Telecom' });
    await say(server, await startConversation(server), 'talk to a person');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/parley_turns_total\{channel="web",outcome="answered"\} 1/);
    expect(metrics).toMatch(/parley_turn_duration_seconds_bucket\{le="[\d.]+",channel="web"\}/);
    expect(metrics).toMatch(/parley_recognizer_calls_total\{provider="local",outcome="ok"\} 1/);
    expect(metrics).toMatch(/parley_handoffs_total\{queue="General",reason="requested"\} 1/);
    // The process's own gauges, which prom-client-parts.ts loads only when asked for.
    expect(metrics).toMatch(/^parley_process_cpu_seconds_total \d/m);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const { server } = await start();
    const response = await fetch(`${server.url}/no/such/route`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not-found' } });
  });

  it('lets a turn in flight finish when shutting down, and refuses new ones meanwhile', async () => {
    // The fulfilment runs until the test lets it finish, so the turn is surely in flight at shutdown.
    let fulfilling!: () => void;
    const started = new Promise<void>((resolve) => (fulfilling = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const slow = smallBot({ fulfil: async ({ size }) => (fulfilling(), await finished, `Your ${size} pizza is ordered.`) });
    const { server, bot } = await start(slow);
    const conversation = await startConversation(server);
    const { conversationId } = conversation;
    await say(server, conversation, 'order a large pizza for tomorrow');
    const inFlight = say(server, conversation, 'yes');
    await started;
    const closing = server.close();
    const refused = await fetch(`${server.url}/readyz`).then((response) => response.status, () => 'closed');
    expect([503, 'closed']).toContain(refused);
    finish();
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(reply.body.messages.map((message) => message.text).join(' ')).toContain('Your large pizza is ordered.');
    await closing;
    expect(await bot.view(conversationId)).toMatchObject({ dialog: null, slots: { size: 'large' } });
  });

  it('keeps what customers write out of the logs', async () => {
    const { lines, logger } = captureLogs();
    const { server } = await start(acmeTelecom, logger);
    const conversation = await startConversation(server);
    await say(server, conversation, 'reset the password for secret.person@example.com');
    await say(server, conversation, 'my phone is 415 555 0100');
    const logs = lines.join('\n');
    expect(logs).toContain('"msg":"turn"');
    expect(logs).not.toMatch(/secret\.person|415 555|example\.com/);
  });
});
