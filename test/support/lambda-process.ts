// A Lambda bundle in a process of its own (test/support/lambda-driver.mjs), invoked with events as
// the Lambda runtime would. Every process started is killed when the file's tests end.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import type { LambdaHttpResult } from '../../src/runtime/lambda/index.js';

const driver = fileURLToPath(new URL('./lambda-driver.mjs', import.meta.url));
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

export interface LambdaProcess {
  /** Resolves when the bundle is imported (its init phase done); rejects if the process exits first. */
  ready: Promise<void>;
  /** The handler's answer: an HTTP result from the HTTP handler, else what the other handler kinds answer. */
  invoke<Result = LambdaHttpResult>(event: unknown): Promise<Result>;
  exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
  stop(): Promise<void>;
}

/**
 * Starts the bundle in `directory` with only `env` (and PATH) in its environment, in `cwd`.
 *
 * @example
 * const lambda = startLambdaProcess(bundle, { PARLEY_STORE: 'memory', PARLEY_WEB_TOKEN_SECRET: secret }, scratch);
 * await lambda.ready;
 * const result = await lambda.invoke(functionUrlEvent({ method: 'GET', path: '/readyz' }));
 */
export function startLambdaProcess(directory: string, env: Record<string, string>, cwd: string): LambdaProcess {
  const child = spawn(process.execPath, [driver, directory], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const waiting: Array<{ resolve: (value: unknown) => void; reject: (error: Error) => void }> = [];
  const gone = () => new Error(`the bundle's process exited (${child.exitCode}):\n${stdout}\n${stderr}`);
  createInterface({ input: child.stdio[3] as Readable }).on('line', (line) => waiting.shift()?.resolve(JSON.parse(line)));
  void exited.then(() => {
    for (const waiter of waiting.splice(0)) waiter.reject(gone());
  });
  const next = () => new Promise<unknown>((resolve, reject) => waiting.push({ resolve, reject }));
  const ready = next().then(() => undefined);
  ready.catch(() => {});
  return {
    ready,
    async invoke<Result>(event: unknown) {
      const result = next();
      (child.stdin as Writable).write(`${JSON.stringify(event)}\n`);
      return (await result) as Result;
    },
    exited,
    output: () => ({ stdout, stderr }),
    async stop() {
      child.stdin!.end();
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
