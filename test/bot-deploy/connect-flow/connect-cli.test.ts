import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { validateFlow, type FlowDocument } from '../../../bot-deploy/connect-flow/index.js';
import { connectCommand } from '../../../src/cli/connect.js';
import { ConfigurationError } from '../../../src/core/errors.js';
import { processTestTimeoutMs, processTimeoutMs } from '../../support/process-timeouts.js';
import { botAliasArn, queueArn, referenceOptions } from './fixtures.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-connect-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const connect = (args: string[]) => connectCommand().parseAsync(['flow', ...args], { from: 'user' });
const required = ['--bot-alias-arn', botAliasArn, '--default-queue', referenceOptions.defaultQueue];
const readFlow = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as FlowDocument;

describe('parley connect flow', () => {
  it('writes the flow to --out, with a queue per --queue', async () => {
    const out = join(scratch, 'flow.json');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await connect([...required, '--queue', `Billing=${referenceOptions.queues.Billing}`, '--queue', `TechSupport=${referenceOptions.queues.TechSupport}`, '--greeting', 'Welcome to Acme.', '--out', out]);
    const flow = await readFlow(out);
    expect(validateFlow(flow)).toEqual([]);
    expect(flow.Actions.find((a) => a.Identifier === 'greet')?.Parameters.Text).toBe('Welcome to Acme.');
    expect(flow.Actions.filter((a) => a.Type === 'UpdateContactTargetQueue').map((a) => a.Identifier)).toEqual(['route-billing', 'route-techsupport', 'route-default']);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^wrote .*flow\.json: 14 actions/));
  });

  it('makes the folder --out names when it is not there yet', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const out = join(scratch, 'not', 'yet', 'flow.json');
    await connect([...required, '--out', out]);
    expect(validateFlow(await readFlow(out))).toEqual([]);
  });

  it('prints the flow without --out', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await connect(required);
    expect(JSON.parse(String(write.mock.calls[0]?.[0]))).toMatchObject({ Version: '2019-10-30', StartAction: 'set-logging' });
  });

  it('reads a YAML options file, and flags win over it', async () => {
    const config = join(scratch, 'connect.yaml');
    await writeFile(config, `botAliasArn: arn:aws:lex:us-east-1:123456789012:bot-alias/BAD/BAD\nqueues:\n  Billing: ${referenceOptions.queues.Billing}\ndefaultQueue: ${referenceOptions.defaultQueue}\nmessages:\n  queueFull: Everyone is busy.\nlocale: en-US\n`);
    const out = join(scratch, 'from-config.json');
    vi.spyOn(console, 'log').mockImplementation(() => {});
    await connect(['--config', config, '--bot-alias-arn', botAliasArn, '--queue', `Repairs=${queueArn('aaaaaaaa-2222-3333-4444-555555555555')}`, '--out', out]);
    const actions = (await readFlow(out)).Actions;
    expect(actions.find((a) => a.Type === 'ConnectParticipantWithLexBot')?.Parameters.LexV2Bot).toEqual({ AliasArn: botAliasArn });
    expect(actions.map((a) => a.Identifier)).toEqual(expect.arrayContaining(['set-language', 'route-billing', 'route-repairs']));
    expect(actions.find((a) => a.Identifier === 'say-queue-full')?.Parameters.Text).toBe('Everyone is busy.');
  });

  it.each([
    [['--bot-alias-arn', 'arn:aws:lex:us-east-1:123456789012:bot/ABCDEFGHIJ', '--default-queue', referenceOptions.defaultQueue], /^--bot-alias-arn \(botAliasArn\): is not a Lex V2 bot alias ARN: give arn:aws:lex:<region>/],
    [[...required, '--queue', 'Billing=arn:aws:connect:us-east-1:123456789012:queue/Billing'], /^--queue \(queues\.Billing\): is not a Connect queue/],
    [[...required, '--queue', 'Billing'], /^--queue: "Billing" is not name=queue/],
    [['--bot-alias-arn', botAliasArn], /^--default-queue \(defaultQueue\): is required/],
    [[...required, '--lex-timeout', '5m'], /^--lex-timeout: "5m" is not a number of seconds/],
    [[...required, '--config', 'no/such/file.yaml'], /^--config: no file at no\/such\/file\.yaml/],
  ])('refuses bad options with a ConfigurationError naming the flag: %j', async (args, message) => {
    const attempt = connect(args);
    await expect(attempt).rejects.toBeInstanceOf(ConfigurationError);
    await expect(attempt).rejects.toThrow(message);
  });
});

// The built command, as users run it: `npm test` builds dist/ first.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const built = existsSync(join(root, 'dist/src/cli/connect.js')) || Boolean(process.env.CI);
if (!built) console.warn('Skipping the `parley connect flow` process tests: dist/ has no connect command yet (run `npm run build`).');

describe.runIf(built)('the parley binary', { timeout: processTestTimeoutMs }, () => {
  const parley = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin/parley.js'), ...args], { cwd: root, encoding: 'utf8', timeout: processTimeoutMs });

  it('writes a flow file', async () => {
    const out = join(scratch, 'bin-flow.json');
    const run = parley(['connect', 'flow', ...required, '--queue', `Billing=${referenceOptions.queues.Billing}`, '-o', out]);
    expect(run.status).toBe(0);
    expect(validateFlow(await readFlow(out))).toEqual([]);
  });

  it('exits 1 with "parley: …" on a bad ARN', () => {
    const run = parley(['connect', 'flow', '--bot-alias-arn', 'my-bot', '--default-queue', referenceOptions.defaultQueue]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^parley: --bot-alias-arn \(botAliasArn\): is not a Lex V2 bot alias ARN/);
  });
});
