import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuntimeConfig } from '../../src/runtime/config.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-config-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));
const noFile = join(scratch, 'none.yaml');
const load = (env: Record<string, string> = {}) => loadRuntimeConfig({ env });

describe('runtime configuration', () => {
  it('defaults to the embedded setup: reference assistant, file store, port 3978 on loopback', () => {
    expect(loadRuntimeConfig({ env: {} })).toMatchObject({
      bot: 'dialogs/index.ts',
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
    const config = loadRuntimeConfig({ file, env: { PORT: '5000', MICROSOFT_APP_ID: 'app-123' }, overrides: { host: '0.0.0.0' } });
    expect(config).toMatchObject({ port: 5000, host: '0.0.0.0', store: { kind: 'memory' }, logging: { level: 'debug' }, botFramework: { appId: 'app-123' } });
  });

  it('names the key, the value and the fix when something is wrong', async () => {
    expect(() => load({ PORT: 'eighty' })).toThrow(/PORT: must be a whole number, got "eighty"/);
    expect(() => load({ PORT: '70000' })).toThrow(/^port: .*(65535|65,535).*environment variable PORT/);
    expect(() => load({ LOG_LEVEL: 'loud' })).toThrow(/logging\.level: must be one of fatal, error, warn, info, debug, trace, silent/);
    expect(() => load({ PARLEY_LOG_MESSAGE_TEXT: 'maybe' })).toThrow(/PARLEY_LOG_MESSAGE_TEXT: must be true or false/);
    const file = join(scratch, 'typo.yaml');
    await writeFile(file, 'prot: 4000\n');
    expect(() => loadRuntimeConfig({ file, env: {} })).toThrow(/unknown setting prot; the settings are bot, host, port/);
    await writeFile(file, 'port: [\n');
    expect(() => loadRuntimeConfig({ file, env: {} })).toThrow(/typo\.yaml is not valid YAML/);
    expect(() => loadRuntimeConfig({ file: noFile, env: {} })).toThrow(/no config file at/);
  });

  it('takes a store directory alone as the file store', () => {
    expect(load({ PARLEY_STORE_DIR: '/var/lib/parley' }).store).toEqual({ kind: 'file', directory: '/var/lib/parley', shared: false });
  });
});
