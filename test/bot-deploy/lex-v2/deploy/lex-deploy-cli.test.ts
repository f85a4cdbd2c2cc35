// `parley lex deploy` end to end against the emulator: the SDK's default credential chain (from the
// environment), the plan printed one line per step, progress, and errors as ParleyErrors.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lexDeployCommand } from '../../../../src/cli/lex-deploy.js';
import { ConfigurationError } from '../../../../src/core/errors.js';
import { startLexModelsEmulator, type LexModelsEmulator } from '../../../../src/testing/emulators/lex-models/index.js';
import { intentsFolder, roleArn } from './lex-deploy-fixture.js';

const secret = 'fake-secret-that-must-not-be-printed';
let emulator: LexModelsEmulator;
beforeAll(async () => {
  emulator = await startLexModelsEmulator({ statusDelayMs: 0 });
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFAKEFAKEFAKE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', secret);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await emulator.close();
});

/** Runs the command; what it printed. */
async function run(...args: string[]): Promise<string> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...items: unknown[]) => void lines.push(items.join(' ')));
  try {
    await lexDeployCommand().exitOverride().parseAsync([intentsFolder, '--endpoint', emulator.url, '--region', 'us-east-1', ...args], { from: 'user' });
  } finally {
    log.mockRestore();
  }
  return lines.join('\n');
}

describe('parley lex deploy', () => {
  it('refuses to create a bot without --role-arn, before any write', async () => {
    await expect(run('--bot', 'CliBot')).rejects.toThrow(ConfigurationError);
    await expect(run('--bot', 'CliBot')).rejects.toThrow(/--role-arn: bot CliBot does not exist yet/);
    expect(emulator.calls.filter((call) => call.write)).toEqual([]);
  });

  it('prints the plan with --plan and changes nothing', async () => {
    const output = await run('--bot', 'CliBot', '--plan');
    const lines = output.split('\n');
    expect(lines[0]).toBe('Plan for Lex bot CliBot, alias live: 21 steps');
    expect(lines[1]).toBe('   1. create bot CliBot');
    expect(lines.at(-1)).toBe('  21. create alias live on the new version');
    expect(emulator.calls.filter((call) => call.write)).toEqual([]);
  });

  it('deploys with a Lambda code hook on the alias, printing progress, never the credentials', async () => {
    const lambdaArn = 'arn:aws:lambda:us-east-1:123456789012:function:parley';
    const output = await run('--bot', 'CliBot', '--role-arn', roleArn, '--alias', 'prod', '--lambda-arn', lambdaArn);
    expect(output).toContain('[1/21] create bot CliBot…');
    expect(output).toContain('[21/21] create alias prod on the new version with the Lambda code hook…');
    expect(output.split('\n').at(-1)).toBe('Deployed: alias prod of bot CliBot serves a new version built from these files.');
    expect(output).not.toContain(secret);
    const alias = emulator.findBot('CliBot')!.aliases.find((item) => item.botAliasName === 'prod');
    expect(alias).toMatchObject({ botVersion: '1', botAliasLocaleSettings: { en_US: { enabled: true, codeHookSpecification: { lambdaCodeHook: { lambdaARN: lambdaArn, codeHookInterfaceVersion: '1.0' } } } } });
    expect(await run('--bot', 'CliBot', '--alias', 'prod', '--lambda-arn', lambdaArn)).toBe('Lex bot CliBot is up to date: alias prod serves these files.');
  });

  it('refuses a plain-http endpoint that is not this machine', async () => {
    await expect(lexDeployCommand().parseAsync([intentsFolder, '--bot', 'CliBot', '--endpoint', 'http://lex.example.com'], { from: 'user' })).rejects.toThrow(/--endpoint: must be https/);
  });
});
