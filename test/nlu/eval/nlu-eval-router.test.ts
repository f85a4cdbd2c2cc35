// `parley nlu eval --provider router|lex --policy <file>`: the clouds are the emulators, serving the
// dataset's intents, reached by the real SDK clients the policy file describes.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCluEmulator, startLexRuntimeEmulator, type CluEmulator, type LexRuntimeEmulator } from 'parley-sdk/testing';
import { nluEvalCommand } from '../../../src/cli/nlu-eval.js';
import { datasetToIntentModel } from '../../../src/nlu/eval/dataset-model.js';
import { parseDataset } from '../../../src/nlu/eval/dataset.js';
import { tinyDataset } from './tiny-dataset.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-nlu-eval-router-'));
const data = join(scratch, 'tiny.json');
const policyFile = join(scratch, 'policy.yaml');
let lex: LexRuntimeEmulator;
let clu: CluEmulator;

beforeAll(async () => {
  await writeFile(data, JSON.stringify(tinyDataset));
  // The "deployed" bots: built from the same train split the local recognizer learns from.
  const dataset = parseDataset(tinyDataset, 'tiny.json');
  const { model } = datasetToIntentModel(dataset.intents, dataset.train, { locale: 'en-US' });
  lex = await startLexRuntimeEmulator({ model });
  clu = await startCluEmulator({ model });
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDPARLEYTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'emulator');
  vi.stubEnv('PARLEY_TEST_LANGUAGE_KEY', 'any');
  await writeFile(
    policyFile,
    [
      'providers:',
      `  lex: { kind: lex-v2, botId: ${lex.bot.botId}, botAliasId: ${lex.bot.botAliasId}, localeId: en_US, region: us-east-1, endpoint: "${lex.url}" }`,
      `  clu: { kind: azure-clu, endpoint: "${clu.url}", projectName: Tiny, deploymentName: production, apiKeyEnv: PARLEY_TEST_LANGUAGE_KEY, allowInsecureConnection: true }`,
      '  local: { kind: local }',
      'policy:',
      '  default: { strategy: fallback, providers: [lex, clu, local] }',
      '  lastResort: local',
    ].join('\n'),
  );
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  await Promise.all([lex?.close(), clu?.close()]);
  vi.unstubAllEnvs();
  await rm(scratch, { recursive: true, force: true });
});

async function nluEval(args: string[]): Promise<string> {
  const printed: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
  await nluEvalCommand().parseAsync(args, { from: 'user' });
  return printed.join('\n');
}

describe('parley nlu eval through a policy file', () => {
  it('evaluates the router over Lex, CLU and local', async () => {
    const before = lex.calls.length;
    const report = JSON.parse(await nluEval(['--data', data, '--provider', 'router', '--policy', policyFile, '--json'])) as Record<string, any>;
    expect(report.provider).toBe('router');
    expect(report.counts.test).toBe(6);
    expect(report.accuracy).toBeGreaterThan(0.5);
    expect(report.notes.join('\n')).toMatch(/lex and clu answer from the bot already deployed/);
    // Test and val, in and out of scope: every utterance went to Lex first.
    expect(lex.calls.length - before).toBeGreaterThanOrEqual(13);
  });

  it('fits and writes a calibration of Lex on val, which a policy can reference', async () => {
    const out = join(scratch, 'lex-calibration.json');
    const text = await nluEval(['--data', data, '--provider', 'lex', '--policy', policyFile, '--calibration', out]);
    expect(text).toMatch(/^NLU evaluation of the lex recognizer/);
    expect(text).toContain(`calibration (fitted on val, 5 points) written to ${out}`);
    const file = JSON.parse(await readFile(out, 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ kind: 'platt', a: expect.any(Number), b: expect.any(Number), provider: 'lex', locale: 'en-US', fittedOn: 'val', points: 5 });
    // Higher confidence, higher chance of being right: the curve slopes the right way.
    expect(file.a as number).toBeLessThan(0);
  });

  it('explains what it cannot do', async () => {
    await expect(nluEval(['--data', data, '--provider', 'watson', '--policy', policyFile])).rejects.toThrow('--provider: unknown provider "watson"; the --policy file has lex, clu, local, router');
    await expect(nluEval(['--data', data, '--provider', 'router', '--policy', policyFile, '--threshold', '0.5'])).rejects.toThrow(/--threshold: the router's threshold is its policy's/);
    await expect(nluEval(['--data', data, '--provider', 'router', '--policy', join(scratch, 'none.yaml')])).rejects.toThrow(/--policy: cannot read .*none\.yaml/);
  });
});
