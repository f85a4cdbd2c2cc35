import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ParleyError } from '../../../src/core/errors.js';
import { parseDataset, readDataset } from '../../../src/nlu/eval/dataset.js';
import { sharedAvailable, sharedPath } from '../../support/shared-corpus.js';
import { tinyDataset } from './tiny-dataset.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-nlu-dataset-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

function problemOf(data: unknown): string {
  try {
    parseDataset(data, 'data.json');
  } catch (error) {
    expect(ParleyError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected the dataset to be rejected');
}

describe('reading a dataset', () => {
  it('reads the splits, with out-of-scope examples apart', () => {
    const dataset = parseDataset(tinyDataset, 'tiny.json');
    expect(dataset.name).toBe('tiny');
    expect(dataset.train).toHaveLength(18);
    expect(dataset.val).toHaveLength(3);
    expect(dataset.outOfScopeVal).toHaveLength(2);
    expect(dataset.outOfScopeTest).toHaveLength(2);
    expect(dataset.outOfScopeTrain).toEqual([]);
    expect(dataset.train[0]!.slots).toEqual([{ name: 'account', value: 'checking', start: 11, end: 19 }]);
  });

  it('names the file and the field when a span is not where it says', () => {
    const data = structuredClone(tinyDataset);
    const span = data.test[1]!.slots![0]!;
    span.start += 1;
    span.end += 1;
    expect(problemOf(data)).toMatch(/data\.json: test\[1\]\.slots\[0\]: value "checking" is not the text at 19–27, which is "hecking "/);
  });

  it('rejects spans outside the text, and overlapping spans', () => {
    const outside = structuredClone(tinyDataset);
    outside.train[0]!.slots![0]!.end = 99;
    expect(problemOf(outside)).toMatch(/train\[0\]\.slots\[0\]: start 11 and end 99 are not a span of the text/);
    const overlapping = { ...tinyDataset, train: [{ text: 'from paris', intent: 'play_music', slots: [{ name: 'a', value: 'from paris', start: 0, end: 10 }, { name: 'b', value: 'paris', start: 5, end: 10 }] }] };
    expect(problemOf(overlapping)).toMatch(/train\[0\]\.slots\[1\]: slot b overlaps the slot before it/);
  });

  it('names missing splits and wrong types', () => {
    const { train: _train, ...withoutTrain } = tinyDataset;
    expect(problemOf(withoutTrain)).toMatch(/data\.json: train: .*expected array/);
    expect(problemOf({ ...tinyDataset, test: [{ text: 'hi', intent: 3 }] })).toMatch(/test\[0\]\.intent: .*expected string/);
    expect(problemOf([1, 2])).toMatch(/data\.json: \(top level\)/);
  });

  it('rejects an in-scope example whose intent is not listed', () => {
    expect(problemOf({ ...tinyDataset, test: [{ text: 'hello', intent: 'greet' }] })).toMatch(/test\[0\]\.intent: intent "greet" is not in `intents`/);
  });

  it('says when a file is missing or not JSON', async () => {
    await expect(readDataset(join(scratch, 'none.json'))).rejects.toThrow(/--data: cannot read .*none\.json: no such file/);
    const broken = join(scratch, 'broken.json');
    await writeFile(broken, '{ "intents": [');
    await expect(readDataset(broken)).rejects.toThrow(/--data: .*broken\.json is not JSON/);
  });

  it('lists at most a few problems, and how many more there are', () => {
    const test = Array.from({ length: 20 }, () => ({ text: '', intent: 'play_music' }));
    const message = problemOf({ ...tinyDataset, test });
    expect(message).toMatch(/20 problems/);
    expect(message).toMatch(/…and 12 more/);
  });
});

const shared = sharedPath('datasets/');
const hasShared = sharedAvailable('datasets', 'the shared dataset checks');

describe.skipIf(!hasShared)('the shared datasets', () => {
  it('read as documented in their README', async () => {
    const clinc = await readDataset(join(shared, 'clinc150.json'));
    expect([clinc.intents.length, clinc.train.length, clinc.test.length, clinc.val.length, clinc.outOfScopeTest.length]).toEqual([150, 15_000, 4_500, 3_000, 1_000]);
    const snips = await readDataset(join(shared, 'snips2017.json'));
    expect([snips.intents.length, snips.train.length, snips.test.length]).toEqual([7, 13_784, 700]);
    expect(snips.train.some((example) => (example.slots ?? []).length > 0)).toBe(true);
  });
});
