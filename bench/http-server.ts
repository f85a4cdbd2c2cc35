// The server side of `npm run bench:http`, run in its own process: the reference assistant with the
// local recognizer and a file store, as `parley serve` runs it (logs at warn, so the disk is not the bench).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRuntimeConfig, startRuntime } from 'parley-sdk/runtime';
import acmeTelecom from '../dialogs/index.js';

const directory = await mkdtemp(join(tmpdir(), 'parley-bench-http-'));
// The load comes from one address, so the per-address and per-conversation rate limits are lifted.
const unlimited = { conversationsPerMinute: 1_000_000, messagesPerMinute: 1_000_000, messagesPerMinutePerAddress: 1_000_000 };
const config = loadRuntimeConfig({
  env: {},
  overrides: { port: 0, store: process.env.BENCH_STORE === 'memory' ? { kind: 'memory' } : { kind: 'file', directory }, logging: { level: 'warn' }, limits: unlimited },
});
const runtime = await startRuntime(acmeTelecom, config);
const { server } = runtime;
const stop = async () => {
  await runtime.close();
  process.exit(0);
};
if (process.send) process.send({ url: server.url, directory });
else console.log(server.url);
process.on('message', (message) => message === 'stop' && void stop());
process.on('SIGINT', () => void stop());
