import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { nluEvalCommand } from '../../../src/cli/nlu-eval.js';
import { formatTable } from '../../../src/nlu/eval/format-table.js';
import { processTestTimeoutMs, processTimeoutMs } from '../../support/process-timeouts.js';
import { tinyDataset } from './tiny-dataset.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-nlu-eval-'));
const data = join(scratch, 'tiny.json');
await writeFile(data, JSON.stringify(tinyDataset));
afterAll(() => rm(scratch, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs `parley nlu eval <args>` in this process and returns what it printed. */
async function nluEval(args: string[]): Promise<string> {
  const printed: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
  await nluEvalCommand().parseAsync(args, { from: 'user' });
  return printed.join('\n');
}

describe('parley nlu eval', () => {
  it('prints one JSON object with the headline figures', async () => {
    const report = JSON.parse(await nluEval(['--data', data, '--json'])) as Record<string, unknown>;
    for (const key of ['accuracy', 'macroF1', 'oosRecall', 'slotF1', 'trainMs', 'p50Ms', 'p99Ms', 'peakRssMb']) {
      expect(typeof report[key], key).toBe('number');
    }
    expect(report.threshold).toMatchObject({ value: expect.any(Number), validation: { examples: 3, outOfScopeExamples: 2 } });
    expect((report.perIntent as { intent: string }[]).map((each) => each.intent)).toEqual(['check_balance', 'play_music', 'transfer money']);
  });

  it('prints aligned tables and writes the HTML report', async () => {
    const html = join(scratch, 'out', 'report.html');
    await mkdir(join(scratch, 'out'));
    const text = await nluEval(['--data', data, '--report', html]);
    expect(text).toMatch(/^NLU evaluation of the local recognizer, en-US, 3 intents/);
    expect(text).toMatch(/\n {2}accuracy +\d+\.\d\d%/);
    expect(text).toMatch(/Out of scope \(2 test examples\)/);
    expect(text).toMatch(/Intents by F1 \(all 3\)\n {2}intent +precision +recall +F1 +support +out of scope\n/);
    expect(text).toContain(`report written to ${html}`);
    expect(await readFile(html, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('cross-validates an intents folder', async () => {
    const intents = join(scratch, 'intents', 'en-US');
    await mkdir(intents, { recursive: true });
    const utterances = (words: string[]) => words.map((word) => `      - ${word}`).join('\n');
    await writeFile(
      join(intents, 'bank.yaml'),
      `intents:\n  - name: CheckBalance\n    utterances:\n${utterances(['what is my balance', 'show my balance', 'how much money do i have', 'balance please', 'check my account balance', 'tell me my balance'])}\n` +
        `  - name: PayBill\n    utterances:\n${utterances(['pay my bill', 'i want to pay a bill', 'pay the electricity bill', 'make a payment', 'pay my phone bill', 'settle my bill'])}\n`,
    );
    const report = JSON.parse(await nluEval([join(scratch, 'intents'), '--folds', '3', '--json'])) as { source: unknown; counts: { test: number } };
    expect(report.source).toMatchObject({ kind: 'folds', folds: 3 });
    // Both intents and Parley's four repair intents, every utterance tested once.
    expect(report.counts.test).toBeGreaterThan(12);
  });

  it('explains bad options', async () => {
    await expect(nluEval(['--data', data, '--provider', 'lex'])).rejects.toThrow('--policy: --provider lex needs --policy <file>');
    await expect(nluEval(['--data', data, '--provider', 'nope'])).rejects.toThrow('--provider: unknown provider "nope"; use local');
    await expect(nluEval(['--data', data, '--folds', '3'])).rejects.toThrow(/--folds: cross-validation is for an intents folder/);
    await expect(nluEval([scratch, '--folds', '1'])).rejects.toThrow('--folds: must be a whole number from 2 to 100, not "1"');
    await expect(nluEval([join(scratch, 'intents'), '--locale', 'fr-FR'])).rejects.toThrow(/--locale: .*intents has no intents for fr-FR; it has en-US/);
  });
});

// The real command, built to dist/ by `npm test` (as the other CLI tests expect).
const root = fileURLToPath(new URL('../../../', import.meta.url));
const parley = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin/parley.js'), ...args], { cwd: root, encoding: 'utf8', timeout: processTimeoutMs });

describe('parley nlu eval, as a process', { timeout: processTestTimeoutMs }, () => {
  it('exits 0 and prints JSON', () => {
    const run = parley(['nlu', 'eval', '--data', data, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(Object.keys(JSON.parse(run.stdout) as object)).toEqual(expect.arrayContaining(['accuracy', 'macroF1', 'oosRecall', 'slotF1', 'trainMs', 'p99Ms']));
  });

  it('exits 1 with one line for a missing file, without a stack trace', () => {
    const run = parley(['nlu', 'eval', '--data', join(scratch, 'missing.json')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^parley: --data: cannot read .*missing\.json: no such file\n$/);
  });
});

describe('text tables', () => {
  it('line columns up, numbers to the right', () => {
    expect(formatTable([{ header: 'intent' }, { header: 'F1', align: 'right' }], [['balance', '0.91'], ['pay', '1.00']])).toBe(
      ['intent     F1', '-------  ----', 'balance  0.91', 'pay      1.00'].join('\n'),
    );
  });
});
