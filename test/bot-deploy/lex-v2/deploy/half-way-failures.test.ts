// A deploy that stops half-way is finished by the next one, which ends where a clean deploy ends.
import { DeleteSlotTypeCommand } from '@aws-sdk/client-lex-models-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderCallError } from '../../../../src/core/errors.js';
import { botName, startDeployFixture, type DeployFixture } from './lex-deploy-fixture.js';

const fixtures: DeployFixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((fixture) => fixture.close()));
});

async function start(options: Parameters<typeof startDeployFixture>[0] = {}): Promise<DeployFixture> {
  const fixture = await startDeployFixture(options);
  fixtures.push(fixture);
  return fixture;
}

/** Where a clean first deploy of the reference assistant ends. */
async function cleanDeploy() {
  const clean = await start();
  await clean.deploy();
  return clean.summary();
}

async function failure(run: Promise<unknown>): Promise<ProviderCallError> {
  const error = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProviderCallError);
  return error as ProviderCallError;
}

describe('a deploy that fails half-way', () => {
  it('(a) CreateSlot throttled past the SDK retries: a retryable error; the next deploy completes it, equal to a clean deploy', async () => {
    const fixture = await start({ maxAttempts: 2 });
    fixture.emulator.failNext('CreateSlot', { error: 'ThrottlingException', times: 2 });
    const error = await failure(fixture.deploy());
    expect(error).toMatchObject({ provider: 'lex-v2-models', operation: 'CreateSlot', retryable: true });
    expect(error.message).toContain('ThrottlingException');
    expect(fixture.emulator.findBot(botName)?.versions).toEqual([]);

    const { plan } = await fixture.deploy({ plan: true });
    // The intent was made without its slot's utterances (they wait for the slot), the slot not at all.
    expect(plan.steps[0]?.description).toBe('update intent ResetPassword: 3 utterances added; slot email added');
    expect(plan.steps.filter((step) => step.action === 'create-slot-type')).toEqual([]);
    await fixture.deploy();
    expect(await fixture.summary()).toEqual(await cleanDeploy());
  });

  it('(a) a CreateSlot whose answer was lost is adopted when the retry finds the slot made', async () => {
    const fixture = await start({ maxAttempts: 2 });
    fixture.emulator.failNext('CreateSlot', { error: 'InternalServerException', afterApplying: true });
    await fixture.deploy();
    const retried = fixture.emulator.calls.filter((call) => call.operation === 'CreateSlot' && call.status !== 200);
    expect(retried.map((call) => call.errorType)).toEqual(['InternalServerException', 'ConflictException']);
    expect(fixture.emulator.calls.some((call) => call.operation === 'UpdateSlot')).toBe(true);
    expect(await fixture.summary()).toEqual(await cleanDeploy());
  });

  it('(b) CreateBotAlias fails after CreateBotVersion: the next deploy only makes the alias, on that version', async () => {
    const fixture = await start();
    fixture.emulator.failNext('CreateBotAlias', { error: 'ServiceQuotaExceededException', message: 'Too many aliases' });
    const error = await failure(fixture.deploy());
    expect(error).toMatchObject({ operation: 'CreateBotAlias', retryable: false });
    expect(error.message).toContain('Too many aliases');

    const from = fixture.emulator.calls.length;
    const { plan } = await fixture.deploy();
    expect(plan.steps.map((step) => step.description)).toEqual(['create alias live on version 1']);
    expect(fixture.writesSince(from).map((call) => call.operation)).toEqual(['CreateBotAlias']);
    expect(await fixture.summary()).toEqual(await cleanDeploy());
  });

  it('(b) UpdateBotAlias fails after version 2 is made: the next deploy only moves the alias', async () => {
    const fixture = await start();
    await fixture.deploy();
    const folder = await fixture.editedIntents('greeting-and-goodbye.yaml', (text) => text.replace('      - yo\n', ''));
    fixture.emulator.failNext('UpdateBotAlias', { error: 'ThrottlingException' });
    await failure(fixture.deploy({ intentsDir: folder }));
    expect(fixture.emulator.findBot(botName)!.versions.map((version) => version.botVersion)).toEqual(['1', '2']);

    const from = fixture.emulator.calls.length;
    const { plan } = await fixture.deploy({ intentsDir: folder });
    expect(plan.steps.map((step) => step.description)).toEqual(['move alias live to version 2']);
    expect(fixture.writesSince(from).map((call) => call.operation)).toEqual(['UpdateBotAlias']);
    expect((await fixture.summary())?.alias).toBe('live -> 2 Available');
  });

  it('(c) a build that fails (a slot type deleted behind its back) names the reasons; the next deploy completes', async () => {
    const fixture = await start();
    const error = await failure(
      fixture.deploy({
        onProgress: ({ step, state }) => {
          if (step.action !== 'build-locale' || state !== 'started') return;
          const serviceType = fixture.emulator.findBot(botName)!.locales[0]!.slotTypes.find((slotType) => slotType.slotTypeName === 'ServiceType')!;
          void fixture.client.send(new DeleteSlotTypeCommand({ botId: serviceType.botId, botVersion: 'DRAFT', localeId: 'en_US', slotTypeId: serviceType.slotTypeId, skipResourceInUseCheck: true }));
        },
      }),
    );
    expect(error).toMatchObject({ operation: 'BuildBotLocale', retryable: false });
    expect(error.message).toMatch(/locale en_US of bot AcmeTelecom failed to build:\n  - Slot 'service' of intent 'BookAppointment' uses slot type \w+, which does not exist/);

    const { plan } = await fixture.deploy();
    expect(plan.steps.map((step) => step.description)).toEqual([
      'create slot type ServiceType (3 values)',
      'update intent BookAppointment: slot service changed',
      'build locale en_US',
      'create version',
      'create alias live on the new version',
    ]);
    expect(await fixture.summary()).toEqual(await cleanDeploy());
  });

  it('(c) BuildBotLocale refused: the next deploy builds the locale it left NotBuilt', async () => {
    const fixture = await start();
    fixture.emulator.failNext('BuildBotLocale', { error: 'ServiceQuotaExceededException', message: 'Parallel builds per account exceeded' });
    const error = await failure(fixture.deploy());
    expect(error.message).toContain('Parallel builds per account exceeded');
    const { plan } = await fixture.deploy();
    expect(plan.steps.map((step) => step.description)).toEqual(['build locale en_US', 'create version', 'create alias live on the new version']);
    expect(await fixture.summary()).toEqual(await cleanDeploy());
  });
});
