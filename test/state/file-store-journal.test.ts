import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, ParleyError, StateCorruptError } from '../../src/core/errors.js';
import { createFileStore, type FileStore, type FileStoreOptions } from '../../src/state/index.js';
import { encodeRecord } from '../../src/state/journal-records.js';

describe('file store journal (not shared)', () => {
  let root: string;
  let directory: string;
  const opened: FileStore[] = [];
  const open = (options: FileStoreOptions = {}) => {
    const store = createFileStore({ directory, checkpointMs: 3_600_000, ...options });
    opened.push(store);
    return store;
  };
  const fileOf = async (id: string) => JSON.parse(await readFile(join(directory, `${id}.json`), 'utf8')) as unknown;
  const journals = async () => (await readdir(join(directory, 'journal')).catch(() => [])).sort();
  const record = (id: string, version: number, state: unknown) => encodeRecord(id, { version, json: JSON.stringify(state) });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'parley-journal-'));
    directory = join(root, 'conversations');
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close().catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  });

  it('makes concurrent writes durable together, in far fewer flushes than writes', async () => {
    const flushes: number[] = [];
    const store = open({ onFlush: (records) => flushes.push(records) });
    const versions = await Promise.all(Array.from({ length: 100 }, (_, index) => store.write(`c-${index}`, { index }, undefined)));
    expect(versions).toEqual(Array(100).fill(1));
    expect(flushes.reduce((sum, records) => sum + records, 0)).toBe(100);
    expect(flushes.length).toBeLessThan(25);
  });

  it('writes a conversation changed 50 times once, at the checkpoint, and deletes the journal', async () => {
    const store = open();
    for (let version = 1; version <= 50; version++) await store.write('c-1', { version }, version === 1 ? undefined : version - 1);
    expect(await readdir(directory)).not.toContain('c-1.json');
    expect(await journals()).toEqual(['1.log']);

    const checkpointed = open({ directory: join(root, 'other'), checkpointMs: 20 });
    for (let version = 1; version <= 50; version++) await checkpointed.write('c-1', { version }, version === 1 ? undefined : version - 1);
    await vi.waitFor(async () => expect(JSON.parse(await readFile(join(root, 'other', 'c-1.json'), 'utf8'))).toEqual({ version: 50, state: { version: 50 } }), { timeout: 20_000 });
    await vi.waitFor(async () => expect(await readdir(join(root, 'other', 'journal'))).toEqual([]), { timeout: 20_000 });
  });

  it('checkpoints when the journal reaches checkpointBytes', async () => {
    const store = open({ checkpointBytes: 1_000 });
    for (let version = 1; version <= 20; version++) await store.write('c-1', { filler: 'x'.repeat(100), version }, version === 1 ? undefined : version - 1);
    await vi.waitFor(async () => expect(((await fileOf('c-1')) as { version: number }).version).toBeGreaterThanOrEqual(1), { timeout: 20_000 });
  });

  it('closes: checkpoints, leaves only conversation files, refuses later calls; a new store reads everything', async () => {
    const store = open();
    for (let version = 1; version <= 50; version++) await store.write('c-1', { version }, version === 1 ? undefined : version - 1);
    await store.write('c-2', 'two', undefined);
    await store.close();
    expect((await readdir(directory)).sort()).toEqual(['c-1.json', 'c-2.json']);
    expect(await fileOf('c-1')).toEqual({ version: 50, state: { version: 50 } });

    const error = await store.write('c-1', { version: 51 }, 50).catch((caught: unknown) => caught);
    expect(ParleyError.isInstance(error) && error.message).toMatch(/is closed/);
    await expect(store.read('c-1')).rejects.toThrow(/is closed/);

    const reopened = open();
    expect(await reopened.read('c-1')).toEqual({ state: { version: 50 }, version: 50 });
    expect(await reopened.write('c-2', 'two again', 1)).toBe(2);
  });

  it('keeps every acknowledged change when its process is killed before any checkpoint', async () => {
    const before = open();
    await before.write('kept', { step: 'initial' }, undefined);
    await before.write('gone', { step: 'initial' }, undefined);
    await before.close();

    const child = await startWriter(directory, 20);
    try {
      expect((await readdir(directory)).sort()).toEqual(['.owner.lock', 'gone.json', 'journal', 'kept.json']);
      const refused = await open().read('kept').catch((caught: unknown) => caught);
      expect(refused).toBeInstanceOf(ConfigurationError);
      expect((refused as Error).message).toMatch(new RegExp(`owned by process ${child.pid} on .*shared: true`));
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }

    const after = open(); // the owner is dead: its lock is taken over at once
    for (let index = 0; index < 20; index++) expect(await after.read(`c-${index}`)).toEqual({ state: { id: `c-${index}`, version: 3 }, version: 3 });
    expect(await after.read('kept')).toEqual({ state: { step: 'changed' }, version: 2 });
    expect(await after.read('gone')).toBeUndefined();
    expect(await fileOf('c-7')).toEqual({ version: 3, state: { id: 'c-7', version: 3 } });
    expect(await readdir(directory)).not.toContain('gone.json');
    expect(await journals()).toEqual([]);
  }, 20_000);

  it('ignores a torn last line, and never lets an older record undo a newer file', async () => {
    await mkdir(join(directory, 'journal'), { recursive: true });
    await writeFile(join(directory, 'c-new.json'), '{"version":3,"state":"from a checkpoint"}\n');
    const torn = record('c-1', 2, 'never acknowledged');
    await writeFile(join(directory, 'journal', '4.log'), record('c-1', 1, 'one') + record('c-new', 2, 'older') + torn.slice(0, 20));
    const warnings: string[] = [];
    const store = open({ onWarning: (message) => warnings.push(message) });
    expect(await store.read('c-1')).toEqual({ state: 'one', version: 1 });
    expect(await store.read('c-new')).toEqual({ state: 'from a checkpoint', version: 3 });
    expect(warnings).toEqual([]);
    expect(await journals()).toEqual([]);
    await store.write('c-1', 'two', 1);
    expect(await journals()).toEqual(['5.log']);
  });

  it('replays a damaged journal up to the damage, keeps it aside and reports it', async () => {
    await mkdir(join(directory, 'journal'), { recursive: true });
    const damaged = record('c-1', 1, 'one') + record('c-2', 1, 'two').replace('two', 'tw0') + record('c-1', 2, 'after the damage');
    await writeFile(join(directory, 'journal', '1.log'), damaged);
    await writeFile(join(directory, 'journal', '2.log'), record('c-3', 1, 'in the next journal'));
    const warnings: string[] = [];
    const store = open({ onWarning: (message) => warnings.push(message) });
    expect(await store.read('c-1')).toEqual({ state: 'one', version: 1 });
    expect(await store.read('c-2')).toBeUndefined();
    expect(await store.read('c-3')).toEqual({ state: 'in the next journal', version: 1 });
    const kept = await journals();
    expect(kept).toEqual([expect.stringMatching(/^1\.log\.corrupt-/)]);
    expect(await readFile(join(directory, 'journal', kept[0]!), 'utf8')).toBe(damaged);
    expect(warnings).toEqual([expect.stringMatching(/1\.log is damaged at line 2: replayed the 1 records before it and moved it to .*corrupt/)]);
  });

  it('moves a damaged conversation file aside when the journal holds a newer state', async () => {
    await mkdir(join(directory, 'journal'), { recursive: true });
    await writeFile(join(directory, 'c-1.json'), '{"version":1,"st');
    await writeFile(join(directory, 'journal', '1.log'), record('c-1', 2, 'two'));
    const warnings: string[] = [];
    const store = open({ onWarning: (message) => warnings.push(message) });
    expect(await store.read('c-1')).toEqual({ state: 'two', version: 2 });
    expect((await readdir(directory)).some((name) => /^c-1\.corrupt-.*\.json$/.test(name))).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/c-1: its damaged file was moved to/)]);
  });

  it('quarantines a damaged file, but not a conversation changed since the last checkpoint', async () => {
    await mkdir(directory, { recursive: true });
    await writeFile(join(directory, 'c-1.json'), 'damaged');
    const store = open();
    await expect(store.read('c-1')).rejects.toBeInstanceOf(StateCorruptError);
    expect(await store.quarantine('c-1')).toMatch(/c-1\.corrupt-.*\.json$/);
    expect(await store.write('c-1', 'fresh', undefined)).toBe(1);
    await writeFile(join(directory, 'c-1.json'), 'damaged again, but out of date');
    expect(await store.quarantine('c-1')).toBeUndefined();
    await store.close();
    expect(await fileOf('c-1')).toEqual({ version: 1, state: 'fresh' });
  });

  it('rejects a write whose flush fails, and remembers nothing of it', async () => {
    const store = open();
    expect(await store.read('c-0')).toBeUndefined(); // opens the directory: the first journal will be 1.log
    await mkdir(join(directory, 'journal'));
    await writeFile(join(directory, 'journal', '1.log'), 'not written by the store');
    await expect(store.write('c-0', 'zero', undefined)).rejects.toThrow(/EEXIST/);
    expect(await store.read('c-0')).toBeUndefined();
    expect(await store.write('c-0', 'zero', undefined)).toBe(1);
    await store.close();
    expect(await fileOf('c-0')).toEqual({ version: 1, state: 'zero' });
    expect(await readFile(join(directory, 'journal', '1.log'), 'utf8')).toBe('not written by the store');
  });

  it('refuses a second owner of the directory, in this process too, and takes over a stale lock', async () => {
    await open().write('c-1', 1, undefined);
    await expect(open().read('c-1')).rejects.toThrow(/is owned by process \d+ .*Close the other store first, or set shared: true/);

    const elsewhere = join(root, 'elsewhere');
    await mkdir(elsewhere);
    const lock = join(elsewhere, '.owner.lock');
    await writeFile(lock, JSON.stringify({ pid: process.pid, hostname: `not-${hostname()}`, started: 0 }));
    await expect(open({ directory: elsewhere }).read('c-1')).rejects.toBeInstanceOf(ConfigurationError);
    const minuteAgo = new Date(Date.now() - 60_000);
    await utimes(lock, minuteAgo, minuteAgo);
    expect(await open({ directory: elsewhere }).read('c-1')).toBeUndefined();
    expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({ pid: process.pid, hostname: hostname() });
  });

  it('rejects a checkpoint setting that is not a positive number', () => {
    for (const checkpointMs of [0, -1, Number.NaN, 2 ** 40]) expect(() => createFileStore({ checkpointMs })).toThrow(ConfigurationError);
    expect(() => createFileStore({ checkpointBytes: 0 })).toThrow(ConfigurationError);
  });
});

const journalWriter = fileURLToPath(new URL('./fixtures/journal-writer.ts', import.meta.url));
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Starts a child that makes changes in the directory, and resolves once it says they were all acknowledged. */
async function startWriter(directory: string, count: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', journalWriter, directory, String(count)], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('written\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the writer exited with ${code} before writing: ${stderr}`)));
  });
  return child;
}
