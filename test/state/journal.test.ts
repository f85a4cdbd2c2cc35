import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJournal } from '../../src/state/journal.js';

describe('journal', () => {
  let directory: string;
  let flushes: number[];
  const journal = () => createJournal({ directory, firstSequence: 1, onFlush: (lines) => flushes.push(lines) });

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'parley-journal-unit-'));
    flushes = [];
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('flushes the lines that arrive during a flush together, in order', async () => {
    const subject = journal();
    await Promise.all(Array.from({ length: 10 }, (_, line) => subject.append(`line ${line}\n`)));
    expect(flushes).toEqual([1, 9]);
    expect(await readFile(join(directory, '1.log'), 'utf8')).toBe(Array.from({ length: 10 }, (_, line) => `line ${line}\n`).join(''));
    expect(subject.size).toBe(70);
  });

  it('rejects every line of a failed flush, and goes on in a new file', async () => {
    await writeFile(join(directory, '1.log'), 'not ours');
    await writeFile(join(directory, '2.log'), 'not ours either');
    const subject = journal();
    const appends = await Promise.allSettled(['a', 'b', 'c', 'd'].map((line) => subject.append(`${line}\n`)));
    expect(appends.map((append) => append.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    await subject.append('e\n');
    expect(flushes).toEqual([1]);
    expect(await readFile(join(directory, '3.log'), 'utf8')).toBe('e\n');
    expect(await subject.rotate()).toEqual([join(directory, '3.log')]); // only its own files, to discard
    expect(await readFile(join(directory, '1.log'), 'utf8')).toBe('not ours');
  });

  it('rotates to a new file, and discards the old ones', async () => {
    const subject = journal();
    await subject.append('a\n');
    const pending = subject.append('b\n'); // flushed to the old file or the new one, never lost
    const rotatedOut = await subject.rotate();
    await subject.append('c\n');
    await pending;
    expect(rotatedOut).toEqual([join(directory, '1.log')]);
    expect(subject.size).toBeGreaterThan(0);
    await subject.discard(rotatedOut);
    expect(await readdir(directory)).toEqual(['2.log']);
    expect(await readFile(join(directory, '2.log'), 'utf8')).toMatch(/^(b\n)?c\n$/);
    expect(await subject.rotate()).toEqual([join(directory, '2.log')]);
  });
});
