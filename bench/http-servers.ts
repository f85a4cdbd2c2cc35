/**
 * The servers `npm run bench:http` measures, each started and stopped by it: the runtime in one
 * process (bench/http-server.ts), `parley serve --workers N` (the CLI built to dist/), and the
 * dynalite they share a table of for the DynamoDB rows.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbTable } from 'parley-sdk';
import { dynaliteCredentials, dynaliteRegion } from '../test/support/dynalite.js';
import { unlimited } from './http-limits.js';

const repository = fileURLToPath(new URL('../', import.meta.url));

/** The AWS SDK's credentials for dynalite (it takes any, but the SDK signs every request). */
const dynaliteEnv = { AWS_ACCESS_KEY_ID: dynaliteCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: dynaliteCredentials.secretAccessKey, AWS_SESSION_TOKEN: '', AWS_PROFILE: '', AWS_REGION: dynaliteRegion };

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

export interface Dynalite {
  /** A new table, as `parley store create-table` makes it, and the store settings that name it. */
  newTable(): Promise<{ kind: 'dynamodb'; table: string; endpoint: string; region: string }>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/** Resolves with the first match of `pattern` in what the child prints on `stream`; rejects if it exits first. */
function waitForLine(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = pattern.exec(text);
      if (match) {
        child[stream]!.off('data', onData);
        resolve(match);
      }
    };
    child[stream]!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited (${code}) before printing ${pattern}:\n${text}`)));
  });
}

/** dynalite in a process of its own (test/support/dynalite-process.ts), so it does not share the driver's event loop. */
export async function startDynalite(): Promise<Dynalite> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/dynalite-process.ts'], { cwd: repository, stdio: ['pipe', 'pipe', 'inherit'] });
  const [, endpoint] = await waitForLine(child, 'stdout', /^dynalite: (http:\S+)$/m);
  const client = new DynamoDBClient({ endpoint, region: dynaliteRegion, credentials: dynaliteCredentials });
  let tables = 0;
  return {
    async newTable() {
      const table = `bench-http-${++tables}`;
      await createDynamoDbTable({ table, client });
      return { kind: 'dynamodb', table, endpoint: endpoint!, region: dynaliteRegion };
    },
    async stop() {
      client.destroy();
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

/** The runtime in one process: bench/http-server.ts, on a file store of its own, or on `dynamodb`. */
export async function startOneProcess(options: { dynamodb?: { table: string; endpoint: string } } = {}): Promise<BenchServer> {
  const env: Record<string, string | undefined> = { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.bench.json' };
  if (options.dynamodb) Object.assign(env, dynaliteEnv, { BENCH_DYNAMODB_TABLE: options.dynamodb.table, BENCH_DYNAMODB_ENDPOINT: options.dynamodb.endpoint });
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  const child = fork(new URL('./http-server.ts', import.meta.url), { execArgv: ['--import', 'tsx', ...profile], env });
  const { url, directory } = await new Promise<{ url: string; directory: string }>((resolve) => child.once('message', resolve as never));
  return {
    url,
    async stop() {
      child.send('stop');
      await exited(child);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * `parley serve --workers <workers>` on the reference assistant, on `store` (a shared file directory
 * made here when none is given), logs at warn and the rate limits lifted, as the one-process rows;
 * the workers share a token key given to them, as they would in production.
 */
export async function startWorkers(workers: number, store?: Record<string, unknown>): Promise<BenchServer> {
  const directory = await mkdtemp(join(tmpdir(), 'parley-bench-http-workers-'));
  const config = join(directory, 'parley.config.json');
  await writeFile(config, JSON.stringify({ store: store ?? { kind: 'file', directory: join(directory, 'conversations'), shared: true }, logging: { level: 'warn' }, limits: unlimited }));
  const child = spawn(process.execPath, ['bin/parley.js', 'serve', '--port', '0', '--workers', String(workers), '--config', config], {
    cwd: repository,
    env: { ...process.env, ...(store?.kind === 'dynamodb' ? dynaliteEnv : {}), PARLEY_WEB_TOKEN_SECRET: randomBytes(32).toString('base64url') },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  const [, url] = await waitForLine(child, 'stderr', /open (http:\/\/localhost:\d+)/);
  return {
    url: url!.replace('localhost', '127.0.0.1'),
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
      await rm(directory, { recursive: true, force: true });
    },
  };
}
