import { spawn } from 'node:child_process';
import type { Dirent } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateConflictError, StateCorruptError } from '../../src/core/errors.js';
import { createFileStore } from '../../src/state/index.js';
import { describeConversationStoreContract, unsafeIds } from './conversation-store-contract.js';

for (const shared of [false, true]) {
  describeConversationStoreContract(`file store${shared ? ', shared between processes' : ''}`, async () => {
    // The store gets a subdirectory, so a path that escaped it (`../x`) would still be counted.
    const root = await mkdtemp(join(tmpdir(), 'parley-file-store-'));
    const store = createFileStore({ directory: join(root, 'conversations'), shared });
    // The store says who uses the directory (`.owner.lock`, or a registration in `.sharers/`) when it opens it: that is not a conversation.
    const persisted = (entry: Dirent) => !entry.isDirectory() && entry.name !== '.owner.lock' && basename(entry.parentPath) !== '.sharers';
    return {
      store,
      countPersisted: async () => (await readdir(root, { recursive: true, withFileTypes: true })).filter(persisted).length,
      cleanup: async () => {
        await store.close();
        await rm(root, { recursive: true, force: true });
      },
    };
  });
}

describe('file store', () => {
  let root: string;
  let directory: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'parley-file-store-'));
    directory = join(root, 'conversations');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('defaults to .parley/conversations under the working directory', () => {
    expect(createFileStore().directory).toBe(resolve('.parley', 'conversations'));
  });

  it('creates its directory on demand and keeps one <id>.json file per conversation', async () => {
    const store = createFileStore({ directory: join(directory, 'deeper', 'still') });
    await store.write('c-1', { n: 1 }, undefined);
    await store.write('c-1', { n: 2 }, 1);
    await store.close(); // the changes are in the journal until a checkpoint, and closing checkpoints
    expect(await readdir(store.directory)).toEqual(['c-1.json']);
    expect(JSON.parse(await readFile(join(store.directory, 'c-1.json'), 'utf8'))).toEqual({ version: 2, state: { n: 2 } });
  });

  it('reads after a restart what the previous instance wrote', async () => {
    const previous = createFileStore({ directory });
    await previous.write('c-0', { step: 'ask-date' }, undefined);
    await previous.close();
    const restarted = createFileStore({ directory });
    expect(await restarted.read('c-0')).toEqual({ state: { step: 'ask-date' }, version: 1 });
    expect(await restarted.write('c-0', { step: 'ask-time' }, 1)).toBe(2);
    await restarted.close();
  });

  it('when shared, sees what another live instance wrote', async () => {
    const before = createFileStore({ directory, shared: true });
    await before.write('c-1', { step: 'ask-time' }, undefined);
    const after = createFileStore({ directory, shared: true });
    expect(await after.read('c-1')).toEqual({ state: { step: 'ask-time' }, version: 1 });
    expect(await after.write('c-1', { step: 'confirm' }, 1)).toBe(2);
    expect(await before.read('c-1')).toEqual({ state: { step: 'confirm' }, version: 2 });
    await expect(before.write('c-1', { step: 'stale' }, 1)).rejects.toBeInstanceOf(StateConflictError);
  });

  it('never shows a partly written file, and leaves no temp or lock files behind', async () => {
    const store = createFileStore({ directory, shared: true });
    const big = (n: number) => ({ n, filler: String(n).repeat(1_000_000) });
    await store.write('big', big(1), undefined);
    let writing = true;
    const reader = (async () => {
      let count = 0;
      while (writing) {
        const stored = await store.read('big');
        const state = stored?.state as { n: number; filler: string };
        expect(stored?.version).toBe(state.n);
        expect(state.filler).toBe(String(state.n).repeat(1_000_000));
        count++;
      }
      return count;
    })();
    try {
      for (let n = 2; n <= 9; n++) expect(await store.write('big', big(n), n - 1)).toBe(n);
    } finally {
      writing = false;
    }
    expect(await reader).toBeGreaterThan(0);
    await store.close(); // and withdraws its registration as a sharer
    expect(await readdir(directory)).toEqual(['big.json']);
  });

  it('reports a damaged file without deleting it, and quarantines it so the conversation can start afresh', async () => {
    const store = createFileStore({ directory, shared: true });
    await store.write('c-1', { n: 1 }, undefined);
    const file = join(directory, 'c-1.json');
    const damaged = '{"version":1,"state":{"n":';
    await writeFile(file, damaged);

    const error = await store.read('c-1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StateCorruptError);
    expect((error as StateCorruptError).conversationId).toBe('c-1');
    expect((error as Error).message).toContain(file);
    await expect(store.write('c-1', { n: 2 }, 1)).rejects.toBeInstanceOf(StateCorruptError);
    await expect(store.write('c-1', { n: 2 }, undefined)).rejects.toBeInstanceOf(StateCorruptError);
    expect(await readFile(file, 'utf8')).toBe(damaged);

    const moved = await store.quarantine('c-1');
    expect(moved).toMatch(/[/\\]c-1\.corrupt-\d{4}-\d{2}-\d{2}T[\w-]+~[0-9a-f]{4}\.json$/);
    expect(await readFile(moved!, 'utf8')).toBe(damaged);
    expect(await store.read('c-1')).toBeUndefined();
    expect(await store.write('c-1', { n: 'fresh' }, undefined)).toBe(1);
    expect(await store.read('c-1')).toEqual({ state: { n: 'fresh' }, version: 1 });
  });

  it('treats valid JSON of the wrong shape as damaged', async () => {
    const store = createFileStore({ directory, shared: true });
    for (const [index, text] of ['[1,2]', '{"state":{}}', '{"version":"1","state":{}}', '{"version":0,"state":{}}', ''].entries()) {
      await store.write(`c-${index}`, {}, undefined);
      await writeFile(join(directory, `c-${index}.json`), text);
      await expect(store.read(`c-${index}`)).rejects.toBeInstanceOf(StateCorruptError);
    }
  });

  it('quarantines only a damaged file', async () => {
    const store = createFileStore({ directory, shared: true });
    expect(await store.quarantine('missing')).toBeUndefined();
    await store.write('c-1', { n: 1 }, undefined);
    expect(await store.quarantine('c-1')).toBeUndefined();
    expect(await store.read('c-1')).toEqual({ state: { n: 1 }, version: 1 });
    for (const id of unsafeIds) await expect(store.quarantine(id)).rejects.toThrow(/not safe/);
  });

  it('waits while another process holds the lock', async () => {
    const store = createFileStore({ directory, shared: true });
    await store.write('c-1', { n: 1 }, undefined);
    const lock = join(directory, 'c-1.lock');
    await writeFile(lock, 'another process');
    const write = store.write('c-1', { n: 2 }, 1);
    const early = await Promise.race([write, new Promise((resolve) => setTimeout(resolve, 200, 'still waiting'))]);
    expect(early).toBe('still waiting');
    expect(await store.read('c-1')).toEqual({ state: { n: 1 }, version: 1 });
    await rm(lock);
    expect(await write).toBe(2);
  });

  it('breaks a lock left by a process that died holding it', async () => {
    const store = createFileStore({ directory, shared: true });
    await store.write('c-1', { n: 1 }, undefined);
    const lock = join(directory, 'c-1.lock');
    await writeFile(lock, 'a dead process');
    const minuteAgo = new Date(Date.now() - 60_000);
    await utimes(lock, minuteAgo, minuteAgo);
    expect(await store.write('c-1', { n: 2 }, 1)).toBe(2);
    await store.close();
    expect(await readdir(directory)).toEqual(['c-1.json']);
  });

  it('lets exactly one process win each version when processes race on one conversation', async () => {
    const rounds = 25;
    const workers = ['w1', 'w2', 'w3'];
    const results = await raceWriters(directory, 'shared', rounds, workers);

    const wonRounds = results.flatMap((result) => result.won).sort((a, b) => a - b);
    expect(wonRounds).toEqual(Array.from({ length: rounds }, (_, round) => round));
    expect(results.reduce((sum, result) => sum + result.conflicts, 0)).toBe(rounds * (workers.length - 1));
    const lastWinner = results.find((result) => result.won.includes(rounds - 1))!.worker;
    const store = createFileStore({ directory, shared: true });
    expect(await store.read('shared')).toEqual({ state: { worker: lastWinner, round: rounds - 1 }, version: rounds });
    await store.close();
    expect(await readdir(directory)).toEqual(['shared.json']);
  }, 60_000);
});

interface RaceResult {
  worker: string;
  won: number[];
  conflicts: number;
}

const raceWriter = fileURLToPath(new URL('./fixtures/race-writer.ts', import.meta.url));
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Starts one child process per worker, releases them together, and collects what each won. */
async function raceWriters(directory: string, id: string, rounds: number, workers: string[]): Promise<RaceResult[]> {
  const children = workers.map((worker) => {
    const child = spawn(process.execPath, ['--import', 'tsx', raceWriter, directory, id, String(rounds), worker], {
      cwd: projectRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const ready = new Promise<void>((resolveReady, reject) => {
      child.stdout.on('data', () => stdout.includes('ready\n') && resolveReady());
      child.once('exit', () => reject(new Error(`${worker} exited before it was ready: ${stderr}`)));
    });
    const exited = new Promise<RaceResult>((resolveExit, reject) => {
      child.once('exit', (code) => {
        const line = stdout.split('\n').find((text) => text.startsWith('{'));
        if (code === 0 && line) resolveExit(JSON.parse(line) as RaceResult);
        else reject(new Error(`${worker} exited with ${code}: ${stderr}`));
      });
    });
    return { child, ready, exited };
  });
  await Promise.all(children.map((child) => child.ready));
  for (const { child } of children) child.stdin.write('go\n');
  return Promise.all(children.map((child) => child.exited));
}
