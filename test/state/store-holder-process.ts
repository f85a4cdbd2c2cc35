// Starts test/state/fixtures/store-holder.ts as a process and talks to it line by line.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const storeHolder = fileURLToPath(new URL('./fixtures/store-holder.ts', import.meta.url));
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface HolderMessage {
  worker: string;
  ready?: boolean;
  opened?: boolean;
  refused?: string;
  acknowledged?: string[];
  failed?: number;
  closed?: boolean;
}

export interface StoreHolder {
  child: ChildProcessWithoutNullStreams;
  pid: number;
  /** Sends one line: "go" opens the store, "close" closes it and ends the process. */
  send(line: 'go' | 'close'): void;
  /** The first message that has `key`, waiting for it if need be. */
  next<K extends keyof HolderMessage>(key: K): Promise<HolderMessage & Required<Pick<HolderMessage, K>>>;
  /** Kills the process, as a crash would, and waits until it is gone. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts a holder of `directory` and resolves once it is ready to be told "go". */
export async function startStoreHolder(directory: string, mode: 'owned' | 'shared', worker: string, turns = 0, conversations = 1): Promise<StoreHolder> {
  const child = spawn(process.execPath, ['--import', 'tsx', storeHolder, directory, mode, worker, String(turns), String(conversations)], {
    cwd: projectRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const messages: HolderMessage[] = [];
  let stdout = '';
  let stderr = '';
  const waiting: (() => void)[] = [];
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const lines = stdout.split('\n');
    stdout = lines.pop()!;
    for (const line of lines) if (line.startsWith('{')) messages.push(JSON.parse(line) as HolderMessage);
    for (const wake of waiting.splice(0)) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    resolve(code);
    for (const wake of waiting.splice(0)) wake();
  }));
  const holder: StoreHolder = {
    child,
    pid: child.pid!,
    exited,
    send: (line) => void child.stdin.write(`${line}\n`),
    async next(key) {
      for (;;) {
        const found = messages.find((message) => message[key] !== undefined);
        if (found) return found as HolderMessage & Required<Pick<HolderMessage, typeof key>>;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${worker} exited with ${child.exitCode ?? child.signalCode} before saying ${key}: ${stderr}`);
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  await holder.next('ready');
  return holder;
}
