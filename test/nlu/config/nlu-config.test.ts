import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadRuntimeConfig, startRuntime } from 'parley-sdk/runtime';
import { startLexRuntimeEmulator, type LexRuntimeEmulator } from 'parley-sdk/testing';
import { createRecognizerFromConfig, loadNluConfigFile, parseNluConfig, type NluConfigInput } from '../../../src/nlu/config/index.js';
import type { PolicyInput, RoutedRecognition } from '../../../src/nlu/router/index.js';
import { model, smallBot } from '../../fixtures-small-bot.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-nlu-config-'));
let lex: LexRuntimeEmulator;
beforeAll(async () => {
  lex = await startLexRuntimeEmulator({ model });
});
afterAll(async () => {
  await lex?.close();
  await rm(scratch, { recursive: true, force: true });
});

const lexProvider = { kind: 'lex-v2', botId: 'PARLEYBOT1', botAliasId: 'TSTALIASID', region: 'us-east-1' } as const;
const cluProvider = { kind: 'azure-clu', endpoint: 'https://contoso.cognitiveservices.azure.com', projectName: 'Parley', deploymentName: 'production', apiKeyEnv: 'LANGUAGE_KEY' } as const;
const fallback: PolicyInput = { default: { strategy: 'fallback', providers: ['lex', 'local'] }, lastResort: 'local' };

describe('the nlu config section', () => {
  it('names the key and the fix for each mistake', () => {
    const wrong = (input: unknown) => () => parseNluConfig(input);
    expect(wrong({ providers: { lex: { ...lexProvider, botId: undefined } } })).toThrow(/^nlu\.providers\.lex\.botId: is required: give the Lex V2 bot's id/);
    expect(wrong({ providers: { lex: { ...lexProvider, localeId: 'en-US' } } })).toThrow('nlu.providers.lex.localeId: write a Lex locale id like en_US');
    expect(wrong({ providers: { lex: { ...lexProvider, kind: 'lex' } } })).toThrow('nlu.providers.lex.kind: kind must be local, lex-v2 or azure-clu');
    expect(wrong({ providers: { clu: { ...cluProvider, endpoint: 'http://127.0.0.1:4011' } } })).toThrow('nlu.providers.clu.endpoint: is http://; use https://, or for a local emulator set allowInsecureConnection: true');
    expect(wrong({ providers: { clu: { ...cluProvider, apiKeyEnv: 'sk-1234 5678' } } })).toThrow(/nlu\.providers\.clu\.apiKeyEnv: give the name of the environment variable .* never the key itself/);
    expect(wrong({ providers: { clu: { ...cluProvider, apiKey: 'secret' } } })).toThrow('nlu.providers.clu: unknown key apiKey');
    expect(wrong({ providers: { lex: lexProvider, local: { kind: 'local' } } })).toThrow(/^nlu\.policy: 2 providers are configured \(lex, local\): add a policy/);
    expect(wrong({ providers: { lex: lexProvider, local: { kind: 'local' } }, policy: { default: { strategy: 'fallback', providers: ['lex', 'clu'] } } })).toThrow('nlu.policy.default.providers.1: an unknown provider of 3 characters (not shown, in case it is a secret); known providers: lex, local');
    expect(wrong({ providers: { lex: lexProvider, local: { kind: 'local' } }, policy: { default: { strategy: 'fastest', providers: ['lex'] } } })).toThrow(/^nlu\.policy\.default\.strategy: /);
    expect(wrong({ providers: { lex: lexProvider, local: { kind: 'local' } }, policy: fallback, settings: { clu: { timeoutMs: 300 } } })).toThrow('nlu.settings: an unknown provider of 3 characters (not shown, in case it is a secret); known providers: lex, local; settings are keyed by provider name');
    expect(wrong({ providers: { lex: lexProvider, local: { kind: 'local' } }, policy: fallback, settings: { lex: { calibration: { kind: 'platt', a: -5, b: 2 }, calibrationFile: 'lex.json' } } })).toThrow('nlu.settings.lex.calibrationFile: give calibration or calibrationFile, not both');
    expect(wrong({ providers: { lex: lexProvider }, settings: { lex: { retries: 2 } } })).toThrow(/^nlu\.settings: apply only behind a router/);
  });

  it('is checked with the rest of the runtime config, keys in full', async () => {
    const file = join(scratch, 'parley.config.yaml');
    await writeFile(file, 'nlu:\n  providers:\n    lex: { kind: lex-v2, botAliasId: TSTALIASID, region: us-east-1 }\n');
    expect(() => loadRuntimeConfig({ file, env: {} })).toThrow(/^nlu\.providers\.lex\.botId: is required: .*\(set in .*parley\.config\.yaml\)$/);
    await writeFile(file, 'nlu:\n  providers: { local: { kind: local, threshold: 0.4 } }\n');
    expect(loadRuntimeConfig({ file, env: {} }).nlu).toEqual({ providers: { local: { kind: 'local', threshold: 0.4 } } });
  });

  it('reads a policy file, plain or under nlu:, and says which file is wrong', async () => {
    const plain = join(scratch, 'policy.yaml');
    await writeFile(plain, 'providers:\n  local: { kind: local }\n');
    expect(loadNluConfigFile(plain).providers).toEqual({ local: { kind: 'local' } });
    const nested = join(scratch, 'nested.json');
    await writeFile(nested, JSON.stringify({ port: 8080, nlu: { providers: { local: { kind: 'local' } } } }));
    expect(loadNluConfigFile(nested).providers).toEqual({ local: { kind: 'local' } });
    await writeFile(plain, 'providers:\n  local: { kind: locale }\n');
    expect(() => loadNluConfigFile(plain)).toThrow(/^nlu\.providers\.local\.kind: kind must be local, lex-v2 or azure-clu \(in .*policy\.yaml\)$/);
  });
});

describe('createRecognizerFromConfig', () => {
  it('gives the one provider when there is no policy, and a router when there is', () => {
    expect(createRecognizerFromConfig({ providers: { local: { kind: 'local' } } }, { model }).name).toBe('local');
    expect(createRecognizerFromConfig({ providers: { lex: lexProvider, local: { kind: 'local' } }, policy: fallback }, { model }).name).toBe('router');
  });

  it("says which environment variable is missing for CLU's key, and which calibration file", () => {
    expect(() => createRecognizerFromConfig({ providers: { clu: cluProvider } }, { model, env: {} })).toThrow(
      'nlu.providers.clu.apiKeyEnv: the environment variable LANGUAGE_KEY is not set; set it to the key of the Language resource',
    );
    const settings = { lex: { calibrationFile: join(scratch, 'missing.json') } };
    expect(() => createRecognizerFromConfig({ providers: { lex: lexProvider, local: { kind: 'local' } }, policy: fallback, settings }, { model })).toThrow(
      /^nlu\.settings\.lex\.calibrationFile: cannot read .*missing\.json \(no such file\); write it with parley nlu eval/,
    );
  });

  it('reaches Lex with explicit credentials and applies the calibration file to its scores', async () => {
    const calibrationFile = join(scratch, 'lex.json');
    await writeFile(calibrationFile, JSON.stringify({ kind: 'platt', a: -4, b: 2, provider: 'lex', fittedOn: 'val', points: 40 }));
    const config: NluConfigInput = {
      providers: { lex: { ...lexProvider, localeId: 'en_US', endpoint: lex.url }, local: { kind: 'local' } },
      settings: { lex: { timeoutMs: 2000, retries: 0, calibrationFile } },
      policy: { default: { strategy: 'fallback', providers: ['lex', 'local'], threshold: 0 }, lastResort: 'local' },
    };
    const router = createRecognizerFromConfig(config, { model, awsCredentials: { accessKeyId: 'AKIDPARLEYTEST', secretAccessKey: 'emulator' } });
    const recognition = (await router.recognize({ text: 'order a large pizza', locale: 'en-US', now: new Date(), timeZone: 'UTC', conversationId: 'config-1' })) as RoutedRecognition;
    expect(recognition.route.winner).toBe('lex');
    const attempt = recognition.route.attempts[0]!;
    expect(attempt.confidence).toBeCloseTo(1 / (1 + Math.exp(-4 * attempt.rawConfidence! + 2)), 10);
    expect(recognition.intents[0]!.confidence).toBeCloseTo(attempt.confidence!, 10);
  });

  it('serves a bot whose recognizer comes from the runtime config', async () => {
    const nlu = { providers: { local: { kind: 'local' } }, policy: { default: { strategy: 'single', providers: ['local'] } } };
    const config = loadRuntimeConfig({ env: {}, overrides: { port: 0, store: { kind: 'memory' }, nlu } });
    const runtime = await startRuntime(smallBot(), config, createLogger({ level: 'silent' }));
    try {
      expect(runtime.bot.recognizer.name).toBe('router');
      const output = await runtime.bot.handle({ conversationId: 'c1', channel: 'test', content: { kind: 'text', text: 'I want a refund' } });
      expect(output.trace?.route?.winner).toBe('local');
    } finally {
      await runtime.close();
    }
  });
});
