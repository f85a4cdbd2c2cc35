import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { botFrameworkAppSettings } from '../../src/runtime/bot-framework-config.js';
import { loadRuntimeConfig, modelCacheOf } from '../../src/runtime/config.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-config-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));
const noFile = join(scratch, 'none.yaml');
const load = (env: Record<string, string> = {}) => loadRuntimeConfig({ env });

describe('runtime configuration', () => {
  it('defaults to the embedded setup: the bot found in the working folder, file store, port 3978 on loopback', () => {
    const config = loadRuntimeConfig({ env: {} });
    expect(config.bot).toBeUndefined();
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3978,
      store: { kind: 'file', directory: '.parley/conversations', shared: false },
      logging: { level: 'info', messageText: false },
      botFramework: {},
    });
  });

  it('reads a YAML file, then the environment over it, then flags over both', async () => {
    const file = join(scratch, 'parley.config.yaml');
    await writeFile(file, 'port: 4000\nstore:\n  kind: memory\nlogging:\n  level: debug\n');
    const config = loadRuntimeConfig({ file, env: { PORT: '5000', MICROSOFT_APP_ID: 'app-123', MICROSOFT_APP_PASSWORD: 'pw' }, overrides: { host: '0.0.0.0' } });
    expect(config).toMatchObject({ port: 5000, host: '0.0.0.0', store: { kind: 'memory' }, logging: { level: 'debug' }, botFramework: { appId: 'app-123', appPassword: 'pw' } });
  });

  it('names the key and the fix when something is wrong, never the value', async () => {
    expect(() => load({ PORT: 'eighty' })).toThrow(/^PORT: must be a whole number, like 3978$/);
    expect(() => load({ PORT: '70000' })).toThrow(/^port: .*(65535|65,535).*environment variable PORT/);
    expect(() => load({ LOG_LEVEL: 'loud' })).toThrow(/logging\.level: must be one of fatal, error, warn, info, debug, trace, silent/);
    expect(() => load({ PARLEY_LOG_MESSAGE_TEXT: 'maybe' })).toThrow(/PARLEY_LOG_MESSAGE_TEXT: must be true or false/);
    const file = join(scratch, 'typo.yaml');
    await writeFile(file, 'prot: 4000\n');
    expect(() => loadRuntimeConfig({ file, env: {} })).toThrow(/^config: unknown setting prot \(did you mean port\?\); known settings: bot, host, port/);
    await writeFile(file, 'botFramework:\n  appId: app\n  appPasword: pw\n');
    expect(() => loadRuntimeConfig({ file, env: {} })).toThrow(/^botFramework: unknown key appPasword \(did you mean appPassword\?\); known keys: appId, appPassword, tenantId, appType/);
    await writeFile(file, 'port: [\n');
    expect(() => loadRuntimeConfig({ file, env: {} })).toThrow(/^config: .*typo\.yaml is not valid YAML: line 2, column 1: wrong indentation, or a bracket that is never closed$/);
    const json = join(scratch, 'typo.json');
    await writeFile(json, '{\n  "port": 4000,\n}\n');
    expect(() => loadRuntimeConfig({ file: json, env: {} })).toThrow(/^config: .*typo\.json is not valid JSON: line 3, column 1: a quoted key was expected/);
    expect(() => loadRuntimeConfig({ file: noFile, env: {} })).toThrow(/no config file at/);
  });

  it('takes a store directory alone as the file store', () => {
    expect(load({ PARLEY_STORE_DIR: '/var/lib/parley' }).store).toEqual({ kind: 'file', directory: '/var/lib/parley', shared: false });
  });

  it('reads the DynamoDB store from environment variables, a table alone meaning that store', () => {
    expect(load({ PARLEY_STORE: 'dynamodb', PARLEY_DYNAMODB_TABLE: 'parley-conversations', PARLEY_DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', PARLEY_DYNAMODB_TTL_SECONDS: '3600' }).store).toEqual({
      kind: 'dynamodb',
      table: 'parley-conversations',
      endpoint: 'http://127.0.0.1:8000',
      ttlSeconds: 3600,
    });
    expect(load({ PARLEY_DYNAMODB_TABLE: 'conversations' }).store).toEqual({ kind: 'dynamodb', table: 'conversations' });
  });

  it('names the variable of a bad DynamoDB setting, and a missing table', () => {
    expect(() => load({ PARLEY_DYNAMODB_TABLE: 'no spaces' })).toThrow(/^store\.table: must be a DynamoDB table name.*\(set in environment variable PARLEY_DYNAMODB_TABLE\)/);
    expect(() => load({ PARLEY_DYNAMODB_TABLE: 'conversations', PARLEY_DYNAMODB_ENDPOINT: 'localhost:8000' })).toThrow(/^store\.endpoint: must be an http:\/\/ or https:\/\/ URL \(set in environment variable PARLEY_DYNAMODB_ENDPOINT\)/);
    expect(() => load({ PARLEY_STORE: 'dynamodb' })).toThrow(/^store\.table: /);
  });
});

describe('the botFramework section', () => {
  it("reads botbuilder's spelling of the variables as well as the upper-case one", () => {
    expect(load({ MicrosoftAppId: 'app-1', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 'tenant-1' }).botFramework).toEqual({
      appId: 'app-1',
      appPassword: 'pw',
      appType: 'SingleTenant',
      tenantId: 'tenant-1',
    });
    // The same value under both names is fine.
    expect(load({ MICROSOFT_APP_ID: 'app-1', MicrosoftAppId: 'app-1', MICROSOFT_APP_PASSWORD: 'pw' }).botFramework).toEqual({ appId: 'app-1', appPassword: 'pw' });
  });

  it('refuses both spellings set to different values, naming both variables and neither value', () => {
    for (const [upper, camel] of [['MICROSOFT_APP_ID', 'MicrosoftAppId'], ['MICROSOFT_APP_PASSWORD', 'MicrosoftAppPassword'], ['MICROSOFT_APP_TENANT_ID', 'MicrosoftAppTenantId'], ['MICROSOFT_APP_TYPE', 'MicrosoftAppType']] as const) {
      const attempt = () => load({ MICROSOFT_APP_ID: 'app-1', MICROSOFT_APP_PASSWORD: 'pw', [upper]: 'first-value', [camel]: 'second-value' });
      expect(attempt, upper).toThrow(new RegExp(`^${upper} and ${camel}: are both set, to different values`));
      expect(attempt, upper).toThrow(expect.objectContaining({ message: expect.not.stringMatching(/first|second/) }));
    }
  });

  it('refuses a password, tenant or app type without an app id: authentication would silently be off', () => {
    expect(() => load({ MICROSOFT_APP_PASSWORD: 'pw' })).toThrow(/^botFramework\.appId: is required when appPassword is set: set the bot's app id, or remove appPassword .*\(set in environment variable MICROSOFT_APP_ID or MicrosoftAppId\)$/);
    expect(() => load({ MicrosoftAppTenantId: 'tenant' })).toThrow(/^botFramework\.appId: is required when tenantId is set/);
    expect(() => load({ MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_PASSWORD: 'pw' })).toThrow(/^botFramework\.appId: is required when appPassword and appType are set/);
  });

  it('checks the app type rules, naming the botFramework key', () => {
    expect(() => load({ MICROSOFT_APP_ID: 'app' })).toThrow(/^botFramework\.appPassword: is required for MultiTenant bots.*MICROSOFT_APP_PASSWORD or MicrosoftAppPassword/);
    expect(() => load({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'SingleTenant' })).toThrow(/^botFramework\.tenantId: is required for SingleTenant bots/);
    expect(() => load({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: 't' })).toThrow(/^botFramework\.appPassword: must not be set for UserAssignedMSI/);
    expect(load({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: 't' }).botFramework).toMatchObject({ appType: 'UserAssignedMSI' });
    expect(() => load({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'Multi' })).toThrow(/^botFramework\.appType: must be one of MultiTenant, SingleTenant, UserAssignedMSI/);
  });

  it('reads allowed serviceUrls from the file or PARLEY_ALLOWED_SERVICE_URLS, and endpoints from the file', async () => {
    expect(load({ PARLEY_ALLOWED_SERVICE_URLS: 'https://smba.trafficmanager.net/, https://*.botframework.com/' }).botFramework.allowedServiceUrls).toEqual([
      'https://smba.trafficmanager.net/',
      'https://*.botframework.com/',
    ]);
    expect(() => load({ PARLEY_ALLOWED_SERVICE_URLS: 'smba.trafficmanager.net' })).toThrow(/^botFramework\.allowedServiceUrls\.0: must be an http:\/\/ or https:\/\/ URL \(set in environment variable PARLEY_ALLOWED_SERVICE_URLS\)$/);
    const file = join(scratch, 'clouds.yaml');
    await writeFile(file, 'botFramework:\n  appId: app\n  appPassword: pw\n  allowedServiceUrls: [https://smba.infra.gov.teams.microsoft.us/]\n  endpoints:\n    channelOpenIdMetadataUrl: https://login.botframework.azure.us/v1/.well-known/openidconfiguration\n    channelTokenIssuer: https://api.botframework.us\n');
    const { botFramework } = loadRuntimeConfig({ file, env: {} });
    expect(botFrameworkAppSettings(botFramework)).toEqual({
      auth: { appPassword: 'pw', appId: 'app', endpoints: { channelOpenIdMetadataUrl: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration', channelTokenIssuer: 'https://api.botframework.us' } },
      allowedServiceUrls: ['https://smba.infra.gov.teams.microsoft.us/'],
    });
    expect(botFrameworkAppSettings(load().botFramework)).toEqual({ auth: undefined, allowedServiceUrls: undefined });
  });
});

describe('the modelCache setting', () => {
  it('keeps the trained recognizer in .parley/model unless given another folder, read-only, or off', async () => {
    expect(modelCacheOf(load())).toEqual({ directory: '.parley/model', readOnly: false });
    expect(modelCacheOf(load({ PARLEY_MODEL_CACHE: '/srv/models' }))).toEqual({ directory: '/srv/models', readOnly: false });
    for (const off of ['off', 'OFF', 'false', 'no', '0']) expect(modelCacheOf(load({ PARLEY_MODEL_CACHE: off }))).toBeUndefined();
    const file = join(scratch, 'model-cache.yaml');
    await writeFile(file, 'modelCache: { directory: /opt/bot/model, readOnly: true }\n');
    expect(modelCacheOf(loadRuntimeConfig({ file, env: {} }))).toEqual({ directory: '/opt/bot/model', readOnly: true });
    await writeFile(file, 'modelCache: false\n');
    expect(modelCacheOf(loadRuntimeConfig({ file, env: {} }))).toBeUndefined();
    await writeFile(file, 'modelCache: 7\n');
    expect(() => loadRuntimeConfig({ file, env: {} })).toThrow(/^modelCache: /);
  });
});
