import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { createFileStore, type FileStore, type FileStoreOptions } from '../../src/state/index.js';
import { startStoreHolder, type StoreHolder } from './store-holder-process.js';

// Spawning node with tsx takes a second or more on a busy machine: the tests that do get a minute.
const spawning = 60_000;

describe('file store: one mode per directory', () => {
  let root: string;
  let directory: string;
  const stores: FileStore[] = [];
  const holders: StoreHolder[] = [];
  const store = (options: FileStoreOptions = {}) => {
    const created = createFileStore({ directory, checkpointMs: 3_600_000, ...options });
    stores.push(created);
    return created;
  };
  const holder = async (mode: 'owned' | 'shared', worker: string, turns?: number, conversations?: number) => {
    const started = await startStoreHolder(directory, mode, worker, turns, conversations);
    holders.push(started);
    return started;
  };
  const opened = async (started: StoreHolder) => {
    started.send('go');
    return started.next('opened');
  };
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'parley-store-modes-'));
    directory = join(root, 'conversations');
  });
  afterEach(async () => {
    for (const started of holders.splice(0)) await started.kill();
    for (const created of stores.splice(0)) await created.close().catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  });

  it('opens at open(): creates the directory and takes it, so a second owner fails there and not on its first turn', async () => {
    const first = store();
    await first.open();
    expect((await readdir(directory)).sort()).toEqual(['.owner.lock']);
    const error = await store().open().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).key).toBe('shared');
    await first.close();
    await expect(store().open()).resolves.toBeUndefined();
  });

  it('refuses a second unshared process at open(), naming the directory, the owner process and the fix', async () => {
    const owner = await holder('owned', 'owner');
    expect(await opened(owner)).toMatchObject({ opened: true });
    const second = await holder('owned', 'second');
    const { opened: secondOpened, refused } = await opened(second);
    expect(secondOpened).toBe(false);
    expect(refused).toMatch(new RegExp(`^shared: ${escaped(directory)} is owned by process ${owner.pid} on ${escaped(hostname())} \\(started \\d{4}-.*Close the other store first, or set shared: true in every process that uses the directory$`));

    await owner.kill(); // a dead owner's lock is taken over at once
    await expect(store().open()).resolves.toBeUndefined();
  }, spawning);

  it('refuses a shared process while a live unshared one owns the directory, and lets it in once the owner has closed', async () => {
    const owner = await holder('owned', 'owner');
    expect(await opened(owner)).toMatchObject({ opened: true });
    const sharer = await holder('shared', 'sharer', 3);
    const { opened: sharerOpened, refused } = await opened(sharer);
    expect(sharerOpened).toBe(false);
    expect(refused).toMatch(
      new RegExp(`^shared: ${escaped(directory)} is owned by process ${owner.pid} on .*, which opened it without shared: true: .*Stop that process first, or set shared: true in every process that uses the directory$`),
    );
    expect(await sharer.next('acknowledged')).toMatchObject({ acknowledged: [], failed: 3 }); // every turn refused, none taken
    await expect(store({ shared: true }).open()).rejects.toThrow(ConfigurationError);

    owner.send('close');
    expect(await owner.next('closed')).toBeTruthy();
    await expect(store({ shared: true }).open()).resolves.toBeUndefined();
  }, spawning);

  it('refuses an unshared process while a live shared one uses the directory, and takes it once the sharer is dead', async () => {
    const sharer = await holder('shared', 'sharer');
    expect(await opened(sharer)).toMatchObject({ opened: true });
    const owner = await holder('owned', 'owner', 3);
    const { refused } = await opened(owner);
    expect(refused).toMatch(new RegExp(`^shared: ${escaped(directory)} is in use with shared: true by process ${sharer.pid} on .*Stop those processes first, or set shared: true in this process too$`));
    expect(await owner.next('acknowledged')).toMatchObject({ acknowledged: [], failed: 3 });
    await expect(store().open()).rejects.toThrow(/is in use with shared: true/);
    await expect(store({ shared: true }).open()).resolves.toBeUndefined(); // sharers mix freely

    await sharer.kill(); // its registration stays, but its process is gone
    for (const created of stores.splice(0)) await created.close();
    await expect(store().open()).resolves.toBeUndefined();
    expect(await readdir(directory)).not.toContain('.sharers');
  }, spawning);

  it('keeps every acknowledged turn when an unshared and a shared process start on one directory together: one of them refuses', async () => {
    // The mix that lost 100 of 220 acknowledged turns: the owner compared versions in its memory and
    // wrote over what the sharer had written.
    const turns = 110;
    const processes = [await holder('owned', 'owner', turns, 5), await holder('shared', 'sharer', turns, 5)];
    for (const started of processes) started.send('go');
    const outcomes = await Promise.all(processes.map((started) => started.next('opened')));
    expect(outcomes.filter((outcome) => outcome.opened)).toHaveLength(1);
    expect(outcomes.find((outcome) => !outcome.opened)!.refused).toMatch(/^shared: .* (is owned by|is in use with shared: true by) process \d+/);

    const results = await Promise.all(processes.map((started) => started.next('acknowledged')));
    for (const started of processes) started.send('close');
    await Promise.all(processes.map((started) => started.exited));
    const acknowledged = results.flatMap((result) => result.acknowledged);
    expect(acknowledged).toHaveLength(turns); // the winner's turns; the refused process took none

    const reader = store({ shared: true });
    const kept: string[] = [];
    for (let index = 0; index < 5; index++) kept.push(...((await reader.read(`c-${index}`))?.state as { turns: string[] }).turns);
    expect(kept.sort()).toEqual(acknowledged.sort());
  }, spawning);

  it('replays the journal of an unshared process that was killed before a shared one serves from the directory', async () => {
    const owner = await holder('owned', 'owner', 20, 4);
    expect(await opened(owner)).toMatchObject({ opened: true });
    const { acknowledged } = await owner.next('acknowledged');
    await owner.kill(); // before any checkpoint: its turns are in the journal alone
    expect(await readdir(join(directory, 'journal'))).not.toEqual([]);

    const sharer = store({ shared: true });
    const kept: string[] = [];
    for (let index = 0; index < 4; index++) kept.push(...((await sharer.read(`c-${index}`))?.state as { turns: string[] }).turns);
    expect(kept.sort()).toEqual([...acknowledged].sort());
    expect(await readdir(directory)).not.toContain('journal');
    expect(await readdir(directory)).not.toContain('.owner.lock');
  }, spawning);

  it('lets exactly one of an unshared and a shared store opening at the same moment in', async () => {
    for (let round = 0; round < 20; round++) {
      directory = join(root, `round-${round}`);
      const pair = round % 2 === 0 ? [store(), store({ shared: true })] : [store({ shared: true }), store()];
      const outcomes = await Promise.allSettled(pair.map((created) => created.open()));
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const failure = outcomes.find((outcome) => outcome.status === 'rejected');
      expect(failure?.status === 'rejected' && failure.reason).toBeInstanceOf(ConfigurationError);
    }
  });

  it('registers a sharer that was judged gone again before its next operation, and then refuses an owned directory', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const sharer = store({ shared: true, onWarning: () => undefined });
      await sharer.write('c-1', 'one', undefined);
      await rm(join(directory, '.sharers'), { recursive: true }); // as a process that thought it dead would
      const owner = store();
      await owner.open();
      await vi.advanceTimersByTimeAsync(5_000); // the sharer's refresh finds its registration gone
      await vi.waitFor(() => expect(sharer.read('c-1')).rejects.toThrow(/is owned by process/), { timeout: 20_000 });
      await expect(sharer.write('c-1', 'two', 1)).rejects.toThrow(ConfigurationError);
      expect(await owner.read('c-1')).toEqual({ state: 'one', version: 1 });
    } finally {
      vi.useRealTimers();
    }
  });
});
