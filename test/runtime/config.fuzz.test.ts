// Property-based fuzzing of the runtime configuration (fast-check): random settings, mutated valid
// files (JSON and YAML, whole or cut short) and random environment variables either load or fail
// with a ConfigurationError, never another exception, and no error repeats a value that was written.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { ConfigurationError } from '../../src/core/errors.js';
import { loadRuntimeConfig } from '../../src/runtime/config.js';
import { fuzzParameters, fuzzTimeout } from '../support/fuzz.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-config-fuzz-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Every value the fuzzer writes carries this mark: an error that shows any value shows it. */
const mark = 'Zq7Xw';
const marked = fc.string({ maxLength: 12 }).map((text) => `${mark}${text}`);

/** A value of any type, carrying the mark where it is text. */
const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    marked,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const knownPaths: string[][] = [
  ['bot'], ['host'], ['port'], ['store', 'kind'], ['store', 'directory'], ['store', 'shared'], ['store', 'maxConversations'],
  ['logging', 'level'], ['logging', 'messageText'], ['limits', 'maxBodyBytes'], ['limits', 'messagesPerMinute'], ['limits', 'proxyHops'],
  ['webChat', 'tokenSecret'], ['webChat', 'tokenTtlSeconds'], ['botFramework', 'appId'], ['botFramework', 'appPassword'],
  ['botFramework', 'appType'], ['botFramework', 'tenantId'], ['botFramework', 'allowedServiceUrls'], ['shutdownTimeoutMs'],
  ['nlu', 'providers'], ['nlu', 'policy'], ['nlu', 'settings'],
];

/** A valid config with some settings replaced by random values, or random keys added. */
const configs = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...knownPaths), value), { maxLength: 4 }),
    fc.array(fc.tuple(fc.array(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 2 }), value), { maxLength: 2 }),
  )
  .map(([replaced, added]) => {
    const config: Record<string, unknown> = { port: 0, store: { kind: 'memory' }, logging: { level: 'silent' } };
    for (const [path, replacement] of [...replaced, ...added]) setPath(config, path, replacement);
    return config;
  });

function setPath(target: Record<string, unknown>, path: string[], replacement: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = (node[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = replacement;
}

/** A config file's text: valid JSON or YAML, cut short, with a byte changed, or a line dropped. */
const fileTexts = fc
  .tuple(configs, fc.constantFrom('json', 'yaml'), fc.constantFrom('whole', 'cut', 'byte', 'line'), fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }))
  .map(([config, format, damage, at, byte]) => {
    const text = format === 'json' ? JSON.stringify(config, null, 2) : toYaml(config);
    const position = text.length === 0 ? 0 : at % text.length;
    const damaged =
      damage === 'cut' ? text.slice(0, position)
      : damage === 'byte' ? `${text.slice(0, position)}${byte}${text.slice(position + 1)}`
      : damage === 'line' ? text.split('\n').filter((_, index, lines) => index !== at % lines.length).join('\n')
      : text;
    return { format, text: damaged };
  });

const variables = ['PORT', 'HOST', 'PARLEY_STORE', 'LOG_LEVEL', 'PARLEY_LOG_MESSAGE_TEXT', 'PARLEY_MAX_BODY_BYTES', 'PARLEY_PROXY_HOPS', 'PARLEY_WEB_TOKEN_SECRET', 'MICROSOFT_APP_ID', 'MicrosoftAppId', 'MICROSOFT_APP_PASSWORD', 'MicrosoftAppPassword', 'MICROSOFT_APP_TYPE', 'MICROSOFT_APP_TENANT_ID', 'PARLEY_ALLOWED_SERVICE_URLS'];
const environments = fc.dictionary(fc.constantFrom(...variables), fc.oneof(marked, fc.nat().map(String), fc.constantFrom('true', 'no', 'MultiTenant', '')), { maxKeys: 4 });

/** Loads, and if it fails, checks the failure is a ConfigurationError showing none of the marked values. */
function loadsOrRefusesCleanly(attempt: () => unknown): 'loaded' | 'refused' {
  try {
    attempt();
    return 'loaded';
  } catch (error) {
    expect(error instanceof ConfigurationError, inspect(error)).toBe(true);
    const shown = `${(error as Error).message}\n${inspect(error, { depth: 10, showHidden: true })}`;
    expect(shown.includes(mark), (error as Error).message).toBe(false);
    return 'refused';
  }
}

describe('runtime configuration under fuzzing', () => {
  it('loads or refuses random settings with a ConfigurationError that shows no value', () => {
    const outcomes = { loaded: 0, refused: 0 };
    fc.assert(
      fc.property(configs, environments, (config, env) => {
        outcomes[loadsOrRefusesCleanly(() => loadRuntimeConfig({ env, overrides: config }))] += 1;
      }),
      fuzzParameters(1500),
    );
    // Both sides were reached: the fuzzer is not only producing garbage.
    expect(outcomes.loaded).toBeGreaterThan(20);
    expect(outcomes.refused).toBeGreaterThan(20);
  }, fuzzTimeout(1500, 5));

  it('loads or refuses random and damaged config files the same way', async () => {
    const outcomes = { loaded: 0, refused: 0 };
    let index = 0;
    await fc.assert(
      fc.asyncProperty(fileTexts, async ({ format, text }) => {
        const file = join(scratch, `config-${index++}.${format}`);
        await writeFile(file, text);
        outcomes[loadsOrRefusesCleanly(() => loadRuntimeConfig({ file, env: {} }))] += 1;
      }),
      fuzzParameters(1000),
    );
    expect(outcomes.loaded).toBeGreaterThan(20);
    expect(outcomes.refused).toBeGreaterThan(20);
  }, fuzzTimeout(1000, 10));
});
