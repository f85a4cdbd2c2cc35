/**
 * The pizza shop's ordering conversations, understood by Lex V2 and by CLU over their emulators
 * (reached by the real AWS and Azure clients built from config): Lex's multi-value slot (`shape:
 * List`, `values: [...]`) and CLU's repeated entities both fill the toppings list.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatConversationResults, loadConversationTests, runConversationTest, startCluEmulator, startLexRuntimeEmulator, type CluEmulator, type LexRuntimeEmulator } from 'parley-sdk/testing';
import pizzaShop from '../../../examples/pizza-shop/bot.js';
import { loadIntents } from '../../../src/content/index.js';
import type { IntentModel } from '../../../src/content/intent-model.js';
import { createRecognizerFromConfig, type NluConfigInput } from '../../../src/nlu/config/index.js';
import { languageKey, languageKeyVariable, stubEmulatorCredentials } from '../../support/emulator-credentials.js';

// Only the file written with list slots: other conversations of the example test other features.
const tests = await loadConversationTests([fileURLToPath(new URL('../../../examples/pizza-shop/conversations/ordering.yaml', import.meta.url))]);
let model: IntentModel;
let lex: LexRuntimeEmulator;
let clu: CluEmulator;

beforeAll(async () => {
  stubEmulatorCredentials();
  model = await loadIntents(fileURLToPath(new URL('../../../examples/pizza-shop/intents/', import.meta.url)));
  lex = await startLexRuntimeEmulator({ model });
  clu = await startCluEmulator({ model, apiKey: languageKey, projects: [{ projectName: 'PizzaShop' }] });
});

afterAll(async () => {
  await Promise.all([lex?.close(), clu?.close()]);
  vi.unstubAllEnvs();
});

const providers: Record<string, () => NluConfigInput> = {
  'Lex V2': () => ({ providers: { lex: { kind: 'lex-v2', ...lex.bot, localeId: 'en_US', region: 'us-east-1', endpoint: lex.url } } }),
  CLU: () => ({
    providers: { clu: { kind: 'azure-clu', endpoint: clu.url, projectName: 'PizzaShop', deploymentName: 'production', apiKeyEnv: languageKeyVariable, allowInsecureConnection: true } },
  }),
};

describe('list slots understood by the cloud recognizers, over the emulators', () => {
  for (const [name, config] of Object.entries(providers)) {
    it(`${name}: the pizza shop's ordering conversations pass`, async () => {
      expect(tests.length).toBeGreaterThanOrEqual(4);
      const recognizer = createRecognizerFromConfig(config(), { model });
      const failures: string[] = [];
      for (const test of tests) {
        const result = await runConversationTest(test, pizzaShop, { recognizer });
        if (!result.passed) failures.push(formatConversationResults([result]));
      }
      expect(failures.join('\n\n')).toBe('');
    }, 120_000);
  }

  it('Lex V2 answers several toppings as one List slot with a value each', async () => {
    const recognizer = createRecognizerFromConfig(providers['Lex V2']!(), { model });
    const recognition = await recognizer.recognize({ text: 'a large pizza with pepperoni and mushroom', locale: 'en-US', now: new Date(), timeZone: 'UTC' });
    const toppings = (recognition.raw as { interpretations: Array<{ intent: { slots: Record<string, unknown> } }> }).interpretations[0]!.intent.slots.toppings;
    expect(toppings).toMatchObject({ shape: 'List', value: { originalValue: 'pepperoni and mushroom' }, values: [{ shape: 'Scalar', value: { interpretedValue: 'pepperoni' } }, { shape: 'Scalar', value: { interpretedValue: 'mushroom' } }] });
    expect(recognition.entities.filter((entity) => entity.slot === 'toppings').map((entity) => entity.value)).toEqual(['pepperoni', 'mushroom']);
  });
});
