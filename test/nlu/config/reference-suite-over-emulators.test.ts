/**
 * Done when: the reference assistant's whole conversation suite passes with its understanding
 * configured as Lex, then CLU, then the local recognizer, the clouds being the emulators on the same
 * intents, reached by the real AWS and Azure SDK clients built from config. Then again with every Lex
 * call failing: CLU and the local recognizer carry the suite.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from 'parley-sdk';
import { formatConversationResults, loadConversationTests, runConversationTest, startCluEmulator, startLexRuntimeEmulator, type CluEmulator, type LexRuntimeEmulator } from 'parley-sdk/testing';
import acmeTelecom from '../../../dialogs/index.js';
import { loadIntents } from '../../../src/content/index.js';
import type { IntentModel } from '../../../src/content/intent-model.js';
import { createRecognizerFromConfig, type NluConfigInput } from '../../../src/nlu/config/index.js';
import type { Recognizer } from '../../../src/nlu/recognizer.js';
import { languageKey, languageKeyVariable, stubEmulatorCredentials } from '../../support/emulator-credentials.js';

const tests = await loadConversationTests([fileURLToPath(new URL('../../conversations/', import.meta.url))]);
const timeZone = acmeTelecom.timeZone ?? 'UTC';
/** The services read "tomorrow" on their own clocks: here those follow the test being run, as the bot's does. */
let serviceNow = new Date();
let model: IntentModel;
let lex: LexRuntimeEmulator;
let clu: CluEmulator;

beforeAll(async () => {
  stubEmulatorCredentials();
  model = await loadIntents(fileURLToPath(new URL('../../../intents/', import.meta.url)));
  lex = await startLexRuntimeEmulator({ model, now: () => serviceNow });
  clu = await startCluEmulator({ model, apiKey: languageKey, projects: [{ projectName: 'Parley' }], clock: { now: () => serviceNow, timeZone: 'UTC' } });
});

afterAll(async () => {
  await Promise.all([lex?.close(), clu?.close()]);
  vi.unstubAllEnvs();
});

function config(): NluConfigInput {
  return {
    providers: {
      lex: { kind: 'lex-v2', ...lex.bot, localeId: 'en_US', region: 'us-east-1', endpoint: lex.url },
      clu: { kind: 'azure-clu', endpoint: clu.url, projectName: 'Parley', deploymentName: 'production', apiKeyEnv: languageKeyVariable, allowInsecureConnection: true },
      local: { kind: 'local' },
    },
    policy: { default: { strategy: 'fallback', providers: ['lex', 'clu', 'local'] }, lastResort: 'local' },
  };
}

/** Runs every conversation test through one configured recognizer; returns who won each turn. */
async function runSuite(): Promise<{ failures: string[]; winners: (string | null)[] }> {
  const routed = createRecognizerFromConfig(config(), { model });
  const winners: (string | null)[] = [];
  const recognizer: Recognizer = {
    name: routed.name,
    async recognize(request, options) {
      const recognition = await routed.recognize(request, options);
      winners.push(recognition.route?.winner ?? null);
      return recognition;
    },
  };
  const failures: string[] = [];
  for (const test of tests) {
    serviceNow = test.today ? fixedClock(test.today, timeZone).now() : new Date();
    const result = await runConversationTest(test, acmeTelecom, { recognizer });
    if (!result.passed) failures.push(formatConversationResults([result]));
  }
  return { failures, winners };
}

const count = (winners: (string | null)[], name: string) => winners.filter((winner) => winner === name).length;

describe('the reference suite, understood by Lex, CLU and local from config, over the emulators', () => {
  it('passes every conversation test, Lex answering most turns', async () => {
    expect(tests.length).toBeGreaterThanOrEqual(30);
    const { failures, winners } = await runSuite();
    expect(failures.join('\n\n')).toBe('');
    expect(winners.length).toBeGreaterThan(tests.length);
    expect(count(winners, 'lex') / winners.length).toBeGreaterThan(0.6);
    // The calls reached the emulators through the SDKs' wire protocols.
    expect(lex.calls.filter((call) => call.operation === 'RecognizeText' && call.status === 200).length).toBeGreaterThan(tests.length);
  }, 120_000);

  it('still passes with every Lex call failing: CLU and local answer', async () => {
    lex.setFaults({ errorRate: 1 });
    try {
      const { failures, winners } = await runSuite();
      expect(failures.join('\n\n')).toBe('');
      expect(count(winners, 'lex')).toBe(0);
      expect(count(winners, 'clu') / winners.length).toBeGreaterThan(0.6);
      expect(lex.calls.some((call) => call.status === 500)).toBe(true);
    } finally {
      lex.setFaults({});
    }
  }, 120_000);
});
