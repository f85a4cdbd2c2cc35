// The `parley` command as a process (the CLI built to dist/ by `npm test`), for tests of what a user
// types. Every process started is killed when the file's tests end, if it has not exited by then.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const grouped = new WeakSet<ChildProcessWithoutNullStreams>();
/**
 * The trained recognizers the file's commands keep between starts (`PARLEY_MODEL_CACHE`): their
 * own, so that they leave none in the repository, and later starts of the same bot load instead of train.
 */
const modelCache = mkdtempSync(join(tmpdir(), 'parley-test-models-'));
afterAll(() => {
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null) signal(child, 'SIGKILL');
  }
  rmSync(modelCache, { recursive: true, force: true });
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
  return runCommand(process.execPath, [join(repositoryRoot, 'bin/parley.js'), ...args], { env, cwd });
}

export interface CommandOptions {
  env?: Record<string, string>;
  cwd?: string;
  /**
   * Start it in a process group of its own, which `stopCommand` stops whole: for a command that
   * starts the real process as its child (`npm start`).
   */
  group?: boolean;
}

/** Starts any command (`npm start` in a bot project) the same way. `waitFor` reads its stdout, then its stderr. */
export function runCommand(command: string, args: string[], { env = {}, cwd = repositoryRoot, group = false }: CommandOptions = {}): ParleyProcess {
  const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', PARLEY_MODEL_CACHE: modelCache, ...env }, detached: group });
  if (group) grouped.add(child);
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
        const match = pattern.exec(stdout) ?? pattern.exec(stderr);
        if (match) return match;
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${pattern} in:\n${stdout}\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** Stops a started command, and for a `group` command everything it started. */
export function stopCommand(started: ParleyProcess, name: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (started.child.exitCode === null && started.child.signalCode === null) signal(started.child, name);
  return started.exited;
}

function signal(child: ChildProcessWithoutNullStreams, name: NodeJS.Signals): void {
  try {
    if (grouped.has(child) && child.pid !== undefined) process.kill(-child.pid, name);
    else child.kill(name);
  } catch {
    // Gone already.
  }
}
