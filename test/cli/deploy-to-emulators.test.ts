// What a content designer types: the reference assistant deployed to the Lex models and CLU emulators
// by `parley lex deploy` and `parley clu deploy`, as processes, with a plan first; the second deploy
// plans nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCluProject } from '../../bot-deploy/azure-clu/index.js';
import { compileLexBot } from '../../bot-deploy/lex-v2/index.js';
import { loadIntents } from '../../src/content/index.js';
import { processTestTimeoutMs, repositoryRoot, runParley } from '../support/run-parley.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-deploy-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const intents = join(repositoryRoot, 'intents');
// What the plans count, from the content as it is today.
const model = await loadIntents(intents);
const bookingUtterances = compileLexBot(model, { botName: 'AcmeTelecom' }).locales[0]!.intents.find((entry) => entry.intent.name === 'BookAppointment')!.intent.sampleUtterances!.length;
const cluUtterances = compileCluProject(model, { projectName: 'AcmeTelecom' }).assets.utterances.length;
const credentials = {
  AWS_ACCESS_KEY_ID: 'AKIDPARLEYTEST',
  AWS_SECRET_ACCESS_KEY: 'emulator-secret',
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  CLU_AUTHORING_KEY: 'emulator-key',
};

async function finished(args: string[]) {
  const run = runParley(args, credentials, scratch);
  const code = await run.exited;
  return { code, ...run.output() };
}

describe('deploying the reference assistant from the command line', { timeout: processTestTimeoutMs }, () => {
  it('to the Lex models emulator: plan, apply, then nothing to do', async () => {
    const emulator = runParley(['emulate', 'lex-models', '--port', '0', '--status-delay', '0'], credentials, scratch);
    const [, endpoint] = await emulator.waitFor(/^Amazon Lex V2 model-building emulator: (http:\S+)$/m);
    const deploy = ['lex', 'deploy', intents, '--bot', 'AcmeTelecom', '--endpoint', endpoint!, '--role-arn', 'arn:aws:iam::123456789012:role/LexBot'];

    const plan = await finished([...deploy, '--plan']);
    expect(plan).toMatchObject({ code: 0, stderr: '' });
    expect(plan.stdout).toMatch(/^Plan for Lex bot AcmeTelecom, alias live: 21 steps$/m);
    expect(plan.stdout).toContain(`create intent BookAppointment (${bookingUtterances} utterances; slots service, date, time)`);

    const applied = await finished(deploy);
    expect(applied).toMatchObject({ code: 0, stderr: '' });
    expect(applied.stdout).toMatch(/^Deployed: alias live of bot AcmeTelecom/m);

    const again = await finished([...deploy, '--plan']);
    expect(again).toMatchObject({ code: 0, stdout: 'Lex bot AcmeTelecom is up to date: alias live serves these files.\n' });
    expect(`${plan.stdout}${applied.stdout}${again.stdout}`).not.toContain(credentials.AWS_SECRET_ACCESS_KEY);
    emulator.child.kill('SIGTERM');
    expect(await emulator.exited).toBe(0);
  });

  it('to the CLU emulator, started with no project: plan, apply, then nothing to do', async () => {
    const emulator = runParley(['emulate', 'clu', '--port', '0'], credentials, scratch);
    const [, endpoint] = await emulator.waitFor(/^Azure CLU emulator: (http:\S+)$/m);
    expect(emulator.output().stdout).toContain('no project yet');
    const deploy = ['clu', 'deploy', intents, '--endpoint', endpoint!, '--project', 'AcmeTelecom', '--poll-interval', '20'];

    const plan = await finished([...deploy, '--plan']);
    expect(plan).toMatchObject({ code: 0, stderr: '' });
    expect(plan.stdout).toMatch(/\+ intent BookAppointment\n/);
    expect(plan.stdout).toContain(`${cluUtterances} utterance changes in all: ${cluUtterances} added`);

    const applied = await finished(deploy);
    expect(applied).toMatchObject({ code: 0, stderr: '' });
    expect(applied.stdout).toMatch(/^Deployed: AcmeTelecom\/production serves model parley-[0-9a-f]{16}$/m);

    const again = await finished([...deploy, '--plan']);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toMatch(/up to date, nothing to change\n$/);
    expect(`${plan.stdout}${applied.stdout}${again.stdout}`).not.toContain(credentials.CLU_AUTHORING_KEY);
    emulator.child.kill('SIGTERM');
    expect(await emulator.exited).toBe(0);
  });
});
