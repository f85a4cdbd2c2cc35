// The server side of `npm run bench:http`, run in its own process: the reference assistant with the
// local recognizer and a file store, as `parley serve` runs it (logs at warn, so the disk is not the bench).
// BENCH_STORE=memory serves from memory; BENCH_DYNAMODB_ENDPOINT and BENCH_DYNAMODB_TABLE, from that
// DynamoDB table (the bench's dynalite).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRuntimeConfig, startRuntime } from 'parley-sdk/runtime';
import acmeTelecom from '../dialogs/index.js';
import { unlimited } from './http-limits.js';

const directory = await mkdtemp(join(tmpdir(), 'parley-bench-http-'));
const dynamodb = process.env.BENCH_DYNAMODB_TABLE && { kind: 'dynamodb', table: process.env.BENCH_DYNAMODB_TABLE, endpoint: process.env.BENCH_DYNAMODB_ENDPOINT, region: 'us-east-1' };
const store = dynamodb || (process.env.BENCH_STORE === 'memory' ? { kind: 'memory' } : { kind: 'file', directory });
const config = loadRuntimeConfig({ env: {}, overrides: { port: 0, store, logging: { level: 'warn' }, limits: unlimited } });
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
