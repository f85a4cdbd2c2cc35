// The reference assistant deployed to the Lex models emulator through the real SDK client: plan,
// apply, a second deploy that does nothing, and a one-utterance change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIntents } from '../../../../src/content/read-intents.js';
import { compileLexBot } from '../../../../bot-deploy/lex-v2/index.js';
import { botName, startDeployFixture, type DeployFixture } from './lex-deploy-fixture.js';

let fixture: DeployFixture;
beforeAll(async () => {
  fixture = await startDeployFixture();
});
afterAll(() => fixture.close());

const archive = compileLexBot(await loadIntents(new URL('../../../../intents/', import.meta.url)), { botName });
const locale = archive.locales[0]!;

describe('parley lex deploy of the reference assistant', () => {
  it('plans everything from nothing, and --plan makes no write call', async () => {
    const { plan, applied } = await fixture.deploy({ plan: true });
    const lines = plan.steps.map((step) => step.description);
    expect(lines.slice(0, 5)).toEqual(['create bot AcmeTelecom', 'create locale en_US', 'create slot type ServiceType (3 values)', 'create slot type OrderNumber (pattern on AMAZON.AlphaNumeric)', 'create slot type ZipCode (pattern on AMAZON.AlphaNumeric)']);
    const booking = locale.intents.find((entry) => entry.intent.name === 'BookAppointment')!.intent;
    expect(lines).toContain(`create intent BookAppointment (${booking.sampleUtterances!.length} utterances; slots service, date, time)`);
    expect(lines.filter((line) => line.startsWith('create intent'))).toHaveLength(locale.intents.length - 1);
    expect(lines.slice(-4)).toEqual(['update intent FallbackIntent: code hooks', 'build locale en_US', 'create version', 'create alias live on the new version']);
    expect(applied).toEqual([]);
    expect(fixture.emulator.calls.length).toBeGreaterThan(0);
    expect(fixture.emulator.calls.filter((call) => call.write)).toEqual([]);
    expect(fixture.emulator.findBot(botName)).toBeUndefined();
  });

  it('applies it: bot, built locale, intents with their slots, priorities and prompts, version 1 with the hash, alias live on it', async () => {
    const { plan, applied } = await fixture.deploy();
    expect(applied).toEqual(plan.steps);
    const bot = fixture.emulator.findBot(botName)!;
    expect(bot).toMatchObject({ botStatus: 'Available', roleArn: 'arn:aws:iam::123456789012:role/LexRole', idleSessionTTLInSeconds: 300, dataPrivacy: { childDirected: false } });
    const draft = bot.locales[0]!;
    expect(draft).toMatchObject({ localeId: 'en_US', botLocaleStatus: 'Built', nluIntentConfidenceThreshold: 0.4 });
    expect(draft.intents.map((intent) => intent.intentName).sort()).toEqual(locale.intents.map((entry) => entry.intent.name).sort());
    const typeIds = Object.fromEntries(draft.slotTypes.map((slotType) => [slotType.slotTypeName, slotType.slotTypeId]));
    expect(draft.slotTypes.find((slotType) => slotType.slotTypeName === 'ServiceType')?.valueSelectionSetting).toEqual({ resolutionStrategy: 'TopResolution' });

    const booking = draft.intents.find((intent) => intent.intentName === 'BookAppointment')!;
    const slotNames = Object.fromEntries(booking.slots.map((slot) => [slot.slotId, slot.slotName]));
    expect(booking.slotPriorities?.map((priority) => [priority.priority, slotNames[priority.slotId!]])).toEqual([[1, 'service'], [2, 'date'], [3, 'time']]);
    expect(booking.slots.map((slot) => [slot.slotName, slot.slotTypeId])).toEqual([['service', typeIds.ServiceType], ['date', 'AMAZON.Date'], ['time', 'AMAZON.Time']]);
    const service = booking.slots[0]!.valueElicitationSetting!;
    expect(service.slotConstraint).toBe('Required');
    expect(service.promptSpecification).toMatchObject({
      maxRetries: 2,
      messageSelectionStrategy: 'Ordered',
      messageGroups: [{ message: { plainTextMessage: { value: 'What kind of visit do you need - installation, repair or upgrade?' } }, variations: [{ plainTextMessage: { value: 'We book installation, repair and upgrade visits. Which one do you need?' } }] }],
    });
    expect(booking.sampleUtterances).toContainEqual({ utterance: 'book a visit for {date} at {time}' });
    expect(booking.intentConfirmationSetting).toMatchObject({ active: true, promptSpecification: { maxRetries: 2 } });
    expect(draft.intents.find((intent) => intent.intentName === 'FallbackIntent')).toMatchObject({ dialogCodeHook: { enabled: true }, fulfillmentCodeHook: { enabled: true, active: true } });

    expect(bot.versions.map((version) => [version.botVersion, version.description, version.botStatus])).toEqual([['1', `parley content sha256:${plan.contentHash}`, 'Available']]);
    expect(bot.versions[0]!.locales[0]!.intents).toHaveLength(locale.intents.length);
    expect(bot.aliases.find((alias) => alias.botAliasName === 'live')).toMatchObject({ botVersion: '1', botAliasStatus: 'Available', botAliasLocaleSettings: { en_US: { enabled: true } } });
    expect((await fixture.summary())?.draftHash).toBe(plan.contentHash);
  });

  it('deploys unchanged files with an empty plan and not one write call', async () => {
    const from = fixture.emulator.calls.length;
    const { plan, applied } = await fixture.deploy();
    expect(plan.steps).toEqual([]);
    expect(applied).toEqual([]);
    expect(fixture.writesSince(from)).toEqual([]);
    // Every page followed: 13 intents take two ListIntents pages of 10.
    expect(fixture.callsSince(from).filter((call) => call.operation === 'ListIntents')).toHaveLength(2);
  });

  it('changes one utterance: that intent, a build, version 2 and the alias move, nothing else', async () => {
    const folder = await fixture.editedIntents('greeting-and-goodbye.yaml', (text) => text.replace('      - howdy\n', '      - howdy partner\n'));
    const planned = await fixture.deploy({ intentsDir: folder, plan: true });
    expect(planned.plan.steps.map((step) => step.description)).toEqual([
      'update intent Greeting: 1 utterance added, 1 removed',
      'build locale en_US',
      'create version',
      'move alias live to the new version',
    ]);
    const from = fixture.emulator.calls.length;
    await fixture.deploy({ intentsDir: folder });
    expect(fixture.writesSince(from).map((call) => call.operation)).toEqual(['UpdateIntent', 'BuildBotLocale', 'CreateBotVersion', 'UpdateBotAlias']);
    const bot = fixture.emulator.findBot(botName)!;
    expect(bot.versions.map((version) => version.botVersion)).toEqual(['1', '2']);
    expect(bot.aliases.find((alias) => alias.botAliasName === 'live')?.botVersion).toBe('2');
    expect(bot.locales[0]!.intents.find((intent) => intent.intentName === 'Greeting')?.sampleUtterances).toContainEqual({ utterance: 'howdy partner' });
  });

  it('goes back to version 1 when the files go back, without building a new version', async () => {
    const { plan } = await fixture.deploy();
    expect(plan.steps.map((step) => step.description)).toEqual(['update intent Greeting: 1 utterance added, 1 removed', 'build locale en_US', 'move alias live to version 1']);
    expect(fixture.emulator.findBot(botName)!.aliases.find((alias) => alias.botAliasName === 'live')?.botVersion).toBe('1');
  });

  it('sets a Lambda code hook on the alias alone, and keeps it when the alias later moves without --lambda-arn', async () => {
    const lambdaArn = 'arn:aws:lambda:us-east-1:123456789012:function:parley';
    const from = fixture.emulator.calls.length;
    const { plan } = await fixture.deploy({ lambdaArn });
    expect(plan.steps.map((step) => step.description)).toEqual(['set the Lambda code hook of alias live']);
    expect(fixture.writesSince(from).map((call) => call.operation)).toEqual(['UpdateBotAlias']);
    const folder = await fixture.editedIntents('greeting-and-goodbye.yaml', (text) => text.replace('      - hiya\n', ''));
    await fixture.deploy({ intentsDir: folder });
    const alias = fixture.emulator.findBot(botName)!.aliases.find((item) => item.botAliasName === 'live');
    expect(alias).toMatchObject({ botVersion: '3', botAliasLocaleSettings: { en_US: { enabled: true, codeHookSpecification: { lambdaCodeHook: { lambdaARN: lambdaArn, codeHookInterfaceVersion: '1.0' } } } } });
  });
});
