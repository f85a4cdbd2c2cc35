// `parley serve --workers 2` as a process (the CLI built to dist/ by `npm test`): a primary and two
// workers on one port, serving the same conversations from a shared store. Each request goes on a
// connection of its own, so the primary hands the requests to the workers in turn; the workers' log
// lines (`"worker": id`) say which one answered.
import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuntimeConfig } from 'parley-sdk/runtime';
import { workerCount } from '../../src/cli/serve-workers.js';
import { createDynamoDbTable } from '../../src/state/index.js';
import { dynaliteCredentials, dynaliteRegion, startDynalite, type DynaliteServer } from '../support/dynalite.js';
import { runParley as parley, processTestTimeoutMs, processTimeoutMs, stopCommand, type ParleyProcess } from '../support/run-parley.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-serve-workers-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** The web API's limits, lifted: every request here comes from 127.0.0.1. */
const limits = { conversationsPerMinute: 10_000, messagesPerMinute: 10_000, messagesPerMinutePerAddress: 10_000 };

interface Reply {
  status: number;
  body: any;
}

/** One request on a connection of its own (no keep-alive), so the primary picks the worker. */
function send(url: string, method: string, path: string, body?: unknown, token?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const outgoing = request(`${url}${path}`, { method, headers, agent: false }, (incoming) => {
      let text = '';
      incoming.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: incoming.headers['content-type']?.includes('json') ? JSON.parse(text) : text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Log lines the processes wrote, as objects. */
function logLines(serve: ParleyProcess): Array<Record<string, unknown>> {
  return serve
    .output()
    .stdout.split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Starts `parley serve --workers 2` with a config file; resolves with the process and its URL once the primary says it is ready. */
async function serveWorkers(name: string, config: Record<string, unknown>, env: Record<string, string> = {}): Promise<{ serve: ParleyProcess; url: string }> {
  const file = join(scratch, `${name}.json`);
  await writeFile(file, JSON.stringify({ limits, ...config }));
  const serve = parley(['serve', '--port', '0', '--workers', '2', '--config', file], env);
  const [, url] = await serve.waitFor(/is ready in [\d.]+ s with 2 workers: open (http:\/\/localhost:\d+)/);
  return { serve, url: url!.replace('localhost', '127.0.0.1') };
}

/** A booking over three turns in each of `count` new conversations; every reply checked. */
async function bookRepairs(url: string, count: number): Promise<number> {
  const script: Array<[string, RegExp]> = [
    ['I need a repair tomorrow at 3pm', /Shall I book it\?/],
    ['actually make it friday', /Friday/],
    ['yes', /You're booked!/],
  ];
  for (let index = 0; index < count; index++) {
    const started = await send(url, 'POST', '/api/conversations', {});
    expect(started.status).toBe(201);
    const { conversationId, token } = started.body as { conversationId: string; token: string };
    for (const [text, expected] of script) {
      const reply = await send(url, 'POST', `/api/conversations/${conversationId}/messages`, { text }, token);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect((reply.body.messages as Array<{ text: string }>).map((message) => message.text).join(' ')).toMatch(expected);
    }
    const transcript = await send(url, 'GET', `/api/conversations/${conversationId}/messages?after=0`, undefined, token);
    expect(transcript.body.messages.filter((entry: { from: string }) => entry.from === 'customer')).toHaveLength(script.length);
  }
  return count * script.length;
}

/** Whether a process of this pid runs. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `check` holds over what the process printed. */
async function waitUntil(serve: ParleyProcess, check: () => boolean): Promise<void> {
  const deadline = Date.now() + processTimeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting; the processes printed:\n${serve.output().stdout}\n${serve.output().stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const servingWorkers = (serve: ParleyProcess) => logLines(serve).filter((line) => line.msg === 'worker serving') as Array<{ worker: number; pid: number }>;
const turnWorkers = (serve: ParleyProcess) => new Set(logLines(serve).filter((line) => line.msg === 'turn').map((line) => line.worker as number));

describe('parley serve --workers 2 on a shared file directory', { timeout: processTestTimeoutMs }, () => {
  let serve: ParleyProcess;
  let url: string;
  let turns = 0;
  beforeAll(async () => {
    ({ serve, url } = await serveWorkers('shared-file', { store: { kind: 'file', directory: join(scratch, 'conversations'), shared: true } }));
  }, processTestTimeoutMs);
  afterAll(() => stopCommand(serve, 'SIGKILL'));

  it('serves conversations whichever worker gets each turn, and /metrics counts the turns of both', async () => {
    turns += await bookRepairs(url, 4);
    const answeredBy = turnWorkers(serve);
    expect([...answeredBy].sort()).toEqual(servingWorkers(serve).map((line) => line.worker).sort());
    expect(answeredBy.size).toBe(2);
    const metrics = (await send(url, 'GET', '/metrics')).body as string;
    expect(metrics).toMatch(new RegExp(`^parley_turns_total\\{channel="web",outcome="answered"\\} ${turns}$`, 'm'));
  });

  it('replaces a worker that is killed, and goes on serving', async () => {
    const [victim] = servingWorkers(serve);
    process.kill(victim!.pid, 'SIGKILL');
    await waitUntil(serve, () => servingWorkers(serve).length === 3);
    expect(logLines(serve).find((line) => line.msg === 'worker died; starting another')).toMatchObject({ worker: victim!.worker, pid: victim!.pid, signal: 'SIGKILL' });
    const replacement = servingWorkers(serve)[2]!;
    expect(isRunning(replacement.pid)).toBe(true);
    turns += await bookRepairs(url, 3);
    expect(turnWorkers(serve)).toContain(replacement.worker);
  });

  it('stops on SIGTERM once every worker has finished, leaving no process behind', async () => {
    const pids = servingWorkers(serve).map((line) => line.pid).filter(isRunning);
    expect(pids).toHaveLength(2);
    expect(await stopCommand(serve, 'SIGTERM')).toBe(0);
    expect(pids.filter(isRunning)).toEqual([]);
    expect(logLines(serve).filter((line) => line.msg === 'stopped').map((line) => line.worker).sort()).toEqual(servingWorkers(serve).slice(1).map((line) => line.worker).sort());
  });
});

describe('parley serve --workers 2 on DynamoDB (dynalite)', { timeout: processTestTimeoutMs }, () => {
  let dynamo: DynaliteServer;
  beforeAll(async () => {
    dynamo = await startDynalite();
    await createDynamoDbTable({ table: 'workers', client: dynamo.client });
  });
  afterAll(() => dynamo.close());

  it('shares one generated token key among the workers, and says tokens will not outlive a restart', async () => {
    const env = { AWS_ACCESS_KEY_ID: dynaliteCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: dynaliteCredentials.secretAccessKey, AWS_SESSION_TOKEN: '', AWS_PROFILE: '', PARLEY_WEB_TOKEN_SECRET: '' };
    const { serve, url } = await serveWorkers('dynamodb', { store: { kind: 'dynamodb', table: 'workers', endpoint: dynamo.endpoint, region: dynaliteRegion } }, env);
    try {
      expect(logLines(serve).find((line) => line.level === 40 && /PARLEY_WEB_TOKEN_SECRET/.test(String(line.msg)))?.msg).toMatch(/will not survive a restart/);
      // A token one worker signed is good at the other: every turn of a conversation needs it.
      await bookRepairs(url, 2);
      expect(turnWorkers(serve).size).toBe(2);
    } finally {
      expect(await stopCommand(serve, 'SIGTERM')).toBe(0);
    }
  });
});

describe('parley serve --workers 2 on a store of one process', { timeout: processTestTimeoutMs }, () => {
  it('exits 1 with the memory store, naming the fix, before it starts a worker', async () => {
    const serve = parley(['serve', '--port', '0', '--workers', '2', '--store', 'memory']);
    expect(await serve.exited).toBe(1);
    expect(serve.output().stderr).toMatch(/^parley: workers: 2 workers need a conversation store they share, and the memory store lives in one process: use a file directory with store.shared: true .* or DynamoDB \(store.kind: dynamodb\)/m);
    expect(serve.output().stdout).toBe('');
  });

  it('exits 1 with a file directory that is not shared', async () => {
    const serve = parley(['serve', '--port', '0'], { PARLEY_WORKERS: '2', PARLEY_STORE_DIR: join(scratch, 'unshared') });
    expect(await serve.exited).toBe(1);
    expect(serve.output().stderr).toMatch(/^parley: workers: 2 workers need a conversation store they share, and the file store in .* belongs to one process unless it is shared/m);
  });

  it('exits 1 when its workers keep failing at start', async () => {
    const bot = join(scratch, 'not-a-bot.mjs');
    await writeFile(bot, 'export default {};\n');
    const config = join(scratch, 'crash-loop.json');
    await writeFile(config, JSON.stringify({ store: { kind: 'file', directory: join(scratch, 'crash-loop'), shared: true } }));
    const looping = parley(['serve', bot, '--port', '0', '--workers', '2', '--config', config]);
    expect(await looping.exited).toBe(1);
    expect(looping.output().stderr).toMatch(/does not export a bot/);
    expect(logLines(looping).find((line) => line.level === 50)).toMatchObject({ msg: 'workers keep exiting before they listen (see their errors above); stopping', failures: 3 });
  });
});

describe('the workers setting', () => {
  it('is 1 by default, a number, or auto for one per available CPU', () => {
    expect(loadRuntimeConfig({ env: {} }).workers).toBe(1);
    expect(loadRuntimeConfig({ env: { PARLEY_WORKERS: '3' } }).workers).toBe(3);
    const auto = loadRuntimeConfig({ env: { PARLEY_WORKERS: 'AUTO' } }).workers;
    expect(auto).toBe('auto');
    expect(workerCount(auto)).toBe(availableParallelism());
  });

  it('refuses anything else, naming the variable and what it takes', () => {
    expect(() => loadRuntimeConfig({ env: { PARLEY_WORKERS: 'two' } })).toThrow(/^PARLEY_WORKERS: must be a number of processes, like 4, or auto/);
    expect(() => loadRuntimeConfig({ env: {}, overrides: { workers: 0 } })).toThrow(/^workers: /);
  });
});
