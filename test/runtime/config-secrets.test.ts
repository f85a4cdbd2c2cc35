/**
 * Configuration errors never print what might be a secret: a recognisable secret is planted in every
 * place a mistake can sit next to it (syntax errors, unknown keys, wrong types, environment
 * variables, the nlu section, the CLI), and no 4-character piece of it may appear anywhere on the
 * error: message, stack, cause or any other property.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { cluCommand } from '../../src/cli/clu.js';
import { connectCommand } from '../../src/cli/connect.js';
import { serveCommand } from '../../src/cli/serve.js';
import { ConfigurationError } from '../../src/core/errors.js';
import { loadNluConfigFile } from '../../src/nlu/config/load-nlu-config-file.js';
import { parseNluConfig } from '../../src/nlu/config/nlu-config-schema.js';
import { loadRuntimeConfig } from '../../src/runtime/config.js';

const secret = 's3cr3t-DO-NOT-PRINT';
/** A Language resource key is 32 hexadecimal digits. */
const hexKey = 'aec7e75ec7e7a11f0ddba11f0ddba11f';

const scratch = await mkdtemp(join(tmpdir(), 'parley-secrets-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Every 4-character piece of `planted` found in `text`. */
function leaked(text: string, planted = secret): string[] {
  const pieces = Array.from({ length: planted.length - 3 }, (_, index) => planted.slice(index, index + 4));
  return pieces.filter((piece) => text.includes(piece));
}

/** Everything the error carries, as a debugger or an unhandled-error printout would show it. */
function everythingOn(error: unknown): string {
  return error instanceof Error ? `${error.message}\n${inspect(error, { depth: 10, showHidden: true })}` : inspect(error);
}

function thrownBy(attempt: () => unknown): unknown {
  try {
    attempt();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

async function rejectionOf(attempt: () => Promise<unknown>): Promise<unknown> {
  try {
    await attempt();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** The error is a ConfigurationError and holds no piece of the secret. */
function expectNoLeak(error: unknown, planted = secret): string {
  expect(ConfigurationError.isInstance(error) || error instanceof ConfigurationError, String(error)).toBe(true);
  expect(leaked(everythingOn(error), planted), (error as Error).message).toEqual([]);
  return (error as Error).message;
}

let files = 0;
async function configFile(extension: 'json' | 'yaml', text: string): Promise<string> {
  files += 1;
  const file = join(scratch, `config-${files}.${extension}`);
  await writeFile(file, text);
  return file;
}

const loadFile = (file: string, env: Record<string, string> = {}) => () => loadRuntimeConfig({ file, env });

describe('syntax errors in the config file', () => {
  const json: Array<[string, string]> = [
    ['a missing comma right after the password', `{"botFramework": {"appId": "app", "appPassword": "${secret}" "tenantId": "t"}}`],
    ['an unquoted password', `{"botFramework": {"appId": "app", "appPassword": ${secret}}}`],
    ['a password whose string never closes', `{"botFramework": {"appId": "app", "appPassword": "${secret}}}`],
    ['a line break inside the password', `{"botFramework": {"appId": "app", "appPassword": "${secret}\n"}}`],
    ['a stray character after the password', `{"botFramework": {"appPassword": "${secret}"}}x`],
  ];
  it.each(json)('JSON, %s: reported by line and column only', async (_name, text) => {
    // What JSON.parse would have said (the test is worth something only if it quotes the secret, or
    // says nothing of it and gives no position either).
    const native = thrownBy(() => JSON.parse(text)) as Error;
    const file = await configFile('json', text);
    const message = expectNoLeak(thrownBy(loadFile(file)));
    expect(message).toMatch(/^config: .*\.json is not valid JSON: line \d+, column \d+: /);
    expect(native.message).not.toBe(message);
  });

  it('JSON.parse itself would have printed the secret', () => {
    expect(leaked((thrownBy(() => JSON.parse(json[1]![1])) as Error).message)).not.toEqual([]);
  });

  const yaml: Array<[string, string]> = [
    ['a quote that never closes', `botFramework:\n  appId: app\n  appPassword: "${secret}\n`],
    ['a second colon on the line', `botFramework:\n  appId: app\n  appPassword: ${secret}: x\n`],
    ['wrong indentation before the secret', `botFramework:\n  appPassword: x\n ${secret}: y\n`],
    ['the secret written as an alias', `botFramework:\n  appId: app\n  appPassword: *${secret}\n`],
    ['the password given twice', `botFramework:\n  appId: app\n  appPassword: x\n  appPassword: ${secret}\n`],
    ['a flow mapping never closed', `botFramework: { appId: app, appPassword: ${secret}\n`],
  ];
  it.each(yaml)('YAML, %s: reported by line and column only', async (_name, text) => {
    const file = await configFile('yaml', text);
    expect(expectNoLeak(thrownBy(loadFile(file)))).toMatch(/^config: .*\.yaml is not valid YAML: line \d+, column \d+: /);
  });

  it("the yaml parser's own message would have printed the secret", () => {
    expect(leaked((thrownBy(() => parseYaml(yaml[2]![1])) as Error).message)).not.toEqual([]);
  });
});

describe('unknown keys', () => {
  const provider = '{ kind: azure-clu, endpoint: "https://x.cognitiveservices.azure.com", projectName: p, deploymentName: d, apiKeyEnv: LANGUAGE_KEY';
  const cases: Array<[string, string]> = [
    ['at the top', `${secret}: 1\n`],
    ['in botFramework', `botFramework:\n  appId: app\n  appPassword: pw\n  ${secret}: x\n`],
    ['in botFramework, beside a near miss', `botFramework:\n  appId: app\n  appPassword: pw\n  ${secret}: x\n  tenantld: y\n`],
    ['in an nlu provider', `nlu:\n  providers:\n    clu: ${provider}, ${secret}: 1 }\n`],
    ['as an nlu provider name that is not a name', `nlu:\n  providers:\n    "${secret}!": { kind: local }\n`],
    ['as the name of settings for no provider', `nlu:\n  providers:\n    local: { kind: local }\n  settings:\n    ${secret}: { timeoutMs: 100 }\n  policy:\n    default: { strategy: single, providers: [local] }\n`],
    ['in the policy', `nlu:\n  providers:\n    local: { kind: local }\n  policy:\n    default: { strategy: single, providers: [local], ${secret}: 1 }\n`],
    ['in a policy rule', `nlu:\n  providers:\n    local: { kind: local }\n  policy:\n    rules: [{ when: { locale: en-US, ${secret}: 1 }, strategy: single, providers: [local] }]\n    default: { strategy: single, providers: [local] }\n`],
    ['as a provider the policy names', `nlu:\n  providers:\n    local: { kind: local }\n  policy:\n    default: { strategy: single, providers: [${secret}] }\n`],
  ];
  it.each(cases)('%s: described by its length, never its text', async (_name, text) => {
    const file = await configFile('yaml', text);
    expect(expectNoLeak(thrownBy(loadFile(file)))).toMatch(/of \d+ characters.*not shown/);
  });

  it('names a near miss, and the known keys', async () => {
    const file = await configFile('yaml', 'botFramework:\n  appId: app\n  AppPasword: pw\n');
    expect(thrownBy(loadFile(file))).toMatchObject({ message: expect.stringMatching(/^botFramework: unknown key AppPasword \(did you mean appPassword\?\); known keys: appId, appPassword/) });
  });
});

describe('values of the wrong type or out of range', () => {
  const cases: Array<[string, string]> = [
    ['the password as a list', `botFramework:\n  appId: app\n  appPassword: [${secret}]\n`],
    ['the password as a mapping', `botFramework:\n  appId: app\n  appPassword: { ${secret}: 1 }\n`],
    ['the password as a number-like string in the wrong place', `port: ${secret}\n`],
    ['the app type', `botFramework:\n  appId: app\n  appPassword: pw\n  appType: ${secret}\n`],
    ['the whole section as a string', `botFramework: ${secret}\n`],
    ['an allowed serviceUrl', `botFramework:\n  allowedServiceUrls: [${secret}]\n`],
    ['an endpoint', `botFramework:\n  appId: app\n  appPassword: pw\n  endpoints: { loginUrl: ${secret} }\n`],
    ['the store kind', `store: { kind: ${secret} }\n`],
    ['a CLU endpoint', `nlu:\n  providers:\n    clu: { kind: azure-clu, endpoint: ${secret}, projectName: p, deploymentName: d, apiKeyEnv: LANGUAGE_KEY }\n`],
    ['a CLU key where the name of its variable goes', `nlu:\n  providers:\n    clu: { kind: azure-clu, endpoint: "https://x.cognitiveservices.azure.com", projectName: p, deploymentName: d, apiKeyEnv: "${secret}" }\n`],
  ];
  it.each(cases)('%s: the key and what is expected, not the value', async (_name, text) => {
    const file = await configFile('yaml', text);
    expectNoLeak(thrownBy(loadFile(file)));
  });

  it('a CLU key (32 hexadecimal digits) pasted as apiKeyEnv is refused, and not printed', () => {
    const error = thrownBy(() =>
      parseNluConfig({ providers: { clu: { kind: 'azure-clu', endpoint: 'https://x.cognitiveservices.azure.com', projectName: 'p', deploymentName: 'd', apiKeyEnv: hexKey } } }),
    );
    expect(expectNoLeak(error, hexKey)).toMatch(/^nlu\.providers\.clu\.apiKeyEnv: looks like a key itself/);
  });
});

describe('environment variables', () => {
  const cases: Array<[string, Record<string, string>]> = [
    ["both spellings of the password, differing", { MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'an-older-password', MicrosoftAppPassword: secret }],
    ['both spellings of the app id, differing', { MICROSOFT_APP_ID: secret, MicrosoftAppId: 'app', MICROSOFT_APP_PASSWORD: 'pw' }],
    ['a password without an app id', { MicrosoftAppPassword: secret }],
    ['PORT', { PORT: secret }],
    ['PARLEY_MAX_BODY_BYTES', { PARLEY_MAX_BODY_BYTES: secret }],
    ['LOG_LEVEL', { LOG_LEVEL: secret }],
    ['PARLEY_LOG_MESSAGE_TEXT', { PARLEY_LOG_MESSAGE_TEXT: secret }],
    ['PARLEY_STORE', { PARLEY_STORE: secret }],
    ['MICROSOFT_APP_TYPE', { MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: secret }],
    ['PARLEY_ALLOWED_SERVICE_URLS', { PARLEY_ALLOWED_SERVICE_URLS: secret }],
  ];
  it.each(cases)('%s: the variable, not its value', (_name, env) => {
    expectNoLeak(thrownBy(() => loadRuntimeConfig({ env })));
  });
});

describe('policy files (parley chat --policy, parley nlu eval --policy)', () => {
  it('a JSON syntax error, a YAML syntax error and an unknown key say where, not what', async () => {
    const broken = join(scratch, 'policy.json');
    await writeFile(broken, `{"providers": {"local": {"kind": "local"}}, "note": ${secret}}`);
    expect(expectNoLeak(thrownBy(() => loadNluConfigFile(broken)))).toMatch(/^--policy: .*policy\.json is not valid JSON: line 1, column \d+/);
    const yaml = join(scratch, 'policy.yaml');
    await writeFile(yaml, `providers:\n  local: { kind: local }\nnote: "${secret}\n`);
    expect(expectNoLeak(thrownBy(() => loadNluConfigFile(yaml)))).toMatch(/^--policy: .*policy\.yaml is not valid YAML: line \d+, column \d+/);
    await writeFile(yaml, `providers:\n  local: { kind: local, ${secret}: 1 }\n`);
    expect(expectNoLeak(thrownBy(() => loadNluConfigFile(yaml)))).toMatch(/^nlu\.providers\.local: an unknown key of 19 characters/);
  });
});

describe('the CLI', () => {
  it('parley serve --config: the error it prints holds no piece of the secret', async () => {
    const file = await configFile('json', `{"botFramework": {"appPassword": "${secret}" }`);
    const error = await rejectionOf(() => serveCommand().exitOverride().parseAsync(['--config', file], { from: 'user' }));
    expect(expectNoLeak(error)).toMatch(/is not valid JSON: line 1, column \d+/);
  });

  it('parley connect flow --config: the same', async () => {
    const file = await configFile('yaml', `botAliasArn: "${secret}\n`);
    const error = await rejectionOf(() => connectCommand().exitOverride().parseAsync(['flow', '--config', file], { from: 'user' }));
    expect(expectNoLeak(error)).toMatch(/^--config: .* is not YAML or JSON: line \d+, column \d+/);
  });

  it('parley clu import: the same for a broken project file', async () => {
    const file = await configFile('json', `{"metadata": {"projectName": ${secret}}}`);
    const error = await rejectionOf(() => cluCommand().exitOverride().parseAsync(['import', file, '--out', join(scratch, 'intents')], { from: 'user' }));
    expect(expectNoLeak(error)).toMatch(/is not valid JSON: line 1, column 30/);
  });
});
