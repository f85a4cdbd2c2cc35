// The `parley` command as a process (the CLI built to dist/ by `npm test`), for tests of what a user
// types. Every process started is killed when the file's tests end, if it has not exited by then.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { processTimeoutMs } from './process-timeouts.js';

export { processTestTimeoutMs, processTimeoutMs } from './process-timeouts.js';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface ParleyProcess {
  child: ChildProcessWithoutNullStreams;
  /** The exit code. */
  exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
  /** Resolves with the first match of `pattern` in what the command printed (waits up to `processTimeoutMs` by default). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}

const started: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/**
 * Starts `parley <args>` in `cwd` (the repository by default) with `env` added to this process's.
 *
 * @example
 * it('deploys to the emulator', async () => {
 *   const emulator = runParley(['emulate', 'lex-models', '--port', '0']);
 *   const [, url] = await emulator.waitFor(/emulator: (http:\S+)/);
 * }, processTestTimeoutMs);
 */
export function runParley(args: string[], env: Record<string, string> = {}, cwd = repositoryRoot): ParleyProcess {
  const child = spawn(process.execPath, [join(repositoryRoot, 'bin/parley.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    async waitFor(pattern, timeoutMs = processTimeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(stdout);
        if (match) return match;
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${pattern} in:\n${stdout}\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}
