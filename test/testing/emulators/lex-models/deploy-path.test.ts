// The order a deploy creates a bot in, through the real LexModelsV2Client: bot, locale, slot type,
// intent, slot, slot priorities, build, version, alias.
import {
  BuildBotLocaleCommand,
  CreateBotAliasCommand,
  CreateBotVersionCommand,
  CreateIntentCommand,
  CreateSlotCommand,
  CreateSlotTypeCommand,
  DescribeBotAliasCommand,
  DescribeBotCommand,
  DescribeBotLocaleCommand,
  DescribeBotVersionCommand,
  DescribeIntentCommand,
  ListBotVersionsCommand,
  UpdateBotAliasCommand,
  UpdateIntentCommand,
  waitUntilBotAvailable,
  waitUntilBotLocaleBuilt,
} from '@aws-sdk/client-lex-models-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { draft, prompt, startModelsFixture } from './lex-models-fixture.js';

let fixture: Awaited<ReturnType<typeof startModelsFixture>>;
afterEach(() => fixture.close());

describe('Lex models emulator: the deploy path', () => {
  it('creates, builds, versions and aliases a bot, with the statuses and shapes the SDK expects', async () => {
    fixture = await startModelsFixture();
    const { client, emulator } = fixture;
    const botId = await fixture.createBotWithLocale();
    expect(botId).toMatch(/^[0-9A-Z]{10}$/);
    const bot = await client.send(new DescribeBotCommand({ botId }));
    expect(bot).toMatchObject({ botName: 'PizzaBot', botStatus: 'Available', botType: 'Bot', dataPrivacy: { childDirected: false } });
    expect(bot.creationDateTime).toBeInstanceOf(Date);
    await waitUntilBotAvailable({ client, maxWaitTime: 5, minDelay: 1 }, { botId });

    const locale = { botId, ...draft };
    const { slotTypeId } = await client.send(
      new CreateSlotTypeCommand({ ...locale, slotTypeName: 'PizzaSize', slotTypeValues: [{ sampleValue: { value: 'large' }, synonyms: [{ value: 'big' }] }, { sampleValue: { value: 'small' } }], valueSelectionSetting: { resolutionStrategy: 'TopResolution' } }),
    );
    const intentBody = { intentName: 'OrderPizza', sampleUtterances: [{ utterance: 'I want a pizza' }, { utterance: 'order a {Size} pizza' }], fulfillmentCodeHook: { enabled: false } };
    const { intentId } = await client.send(new CreateIntentCommand({ ...locale, ...intentBody }));
    const size = await client.send(new CreateSlotCommand({ ...locale, intentId: intentId!, slotName: 'Size', slotTypeId, valueElicitationSetting: { slotConstraint: 'Required', promptSpecification: prompt('Which size?') } }));
    const when = await client.send(new CreateSlotCommand({ ...locale, intentId: intentId!, slotName: 'When', slotTypeId: 'AMAZON.Time', valueElicitationSetting: { slotConstraint: 'Optional' } }));
    const priorities = [{ priority: 1, slotId: when.slotId! }, { priority: 2, slotId: size.slotId! }];
    const updated = await client.send(new UpdateIntentCommand({ ...locale, intentId: intentId!, ...intentBody, slotPriorities: priorities }));
    expect(updated.slotPriorities).toEqual(priorities);
    expect((await client.send(new DescribeIntentCommand({ ...locale, intentId: intentId! }))).slotPriorities).toEqual(priorities);
    expect((await client.send(new DescribeBotLocaleCommand(locale))).botLocaleStatus).toBe('NotBuilt');

    const build = await client.send(new BuildBotLocaleCommand(locale));
    expect(build).toMatchObject({ botLocaleStatus: 'Building', localeId: 'en_US', botVersion: 'DRAFT' });
    expect(build.$metadata.httpStatusCode).toBe(202);
    await waitUntilBotLocaleBuilt({ client, maxWaitTime: 5, minDelay: 1 }, locale);
    const built = await client.send(new DescribeBotLocaleCommand(locale));
    expect(built).toMatchObject({ botLocaleStatus: 'Built', localeName: 'English (US)', intentsCount: 2, slotTypesCount: 1 });
    expect(built.lastBuildSubmittedDateTime).toBeInstanceOf(Date);

    const version = await client.send(new CreateBotVersionCommand({ botId, botVersionLocaleSpecification: { en_US: { sourceBotVersion: 'DRAFT' } } }));
    expect(version).toMatchObject({ botVersion: '1', botStatus: 'Creating' });
    expect((await client.send(new DescribeBotVersionCommand({ botId, botVersion: '1' }))).botStatus).toBe('Available');
    expect((await client.send(new ListBotVersionsCommand({ botId }))).botVersionSummaries?.map((summary) => summary.botVersion)).toEqual(['DRAFT', '1']);

    const codeHook = { enabled: true, codeHookSpecification: { lambdaCodeHook: { lambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:pizza', codeHookInterfaceVersion: '1.0' } } };
    const alias = await client.send(new CreateBotAliasCommand({ botId, botAliasName: 'live', botVersion: '1', botAliasLocaleSettings: { en_US: codeHook } }));
    expect(alias).toMatchObject({ botAliasStatus: 'Creating', botVersion: '1' });
    expect(alias.botAliasId).toMatch(/^[0-9A-Z]{10}$/);

    // A second deploy: change the intent, rebuild, version 2, move the alias.
    await client.send(new UpdateIntentCommand({ ...locale, intentId: intentId!, ...intentBody, sampleUtterances: [...intentBody.sampleUtterances, { utterance: 'pizza please' }], slotPriorities: priorities }));
    expect((await client.send(new DescribeBotLocaleCommand(locale))).botLocaleStatus).toBe('NotBuilt');
    await client.send(new BuildBotLocaleCommand(locale));
    await waitUntilBotLocaleBuilt({ client, maxWaitTime: 5, minDelay: 1 }, locale);
    expect((await client.send(new CreateBotVersionCommand({ botId, botVersionLocaleSpecification: { en_US: { sourceBotVersion: 'DRAFT' } } }))).botVersion).toBe('2');
    await client.send(new UpdateBotAliasCommand({ botId, botAliasId: alias.botAliasId!, botAliasName: 'live', botVersion: '2', botAliasLocaleSettings: { en_US: codeHook } }));
    const moved = await client.send(new DescribeBotAliasCommand({ botId, botAliasId: alias.botAliasId! }));
    expect(moved).toMatchObject({ botVersion: '2', botAliasStatus: 'Available' });
    expect(moved.botAliasHistoryEvents?.map((event) => [event.botVersion, event.endDate instanceof Date])).toEqual([
      ['1', true],
      ['2', false],
    ]);

    // Version 1 kept the intent as it was; DRAFT has the new utterance.
    const [saved] = emulator.snapshot().bots;
    const utterancesIn = (locales: NonNullable<typeof saved>['locales']) => locales[0]!.intents.find((intent) => intent.intentName === 'OrderPizza')!.sampleUtterances!.length;
    expect(utterancesIn(saved!.versions[0]!.locales)).toBe(2);
    expect(utterancesIn(saved!.locales)).toBe(3);
    expect(saved!.aliases.map((item) => item.botAliasName).sort()).toEqual(['TestBotAlias', 'live']);
  });

  it('gives every locale the FallbackIntent and every bot the test alias on DRAFT', async () => {
    fixture = await startModelsFixture();
    const botId = await fixture.createBotWithLocale();
    const fallback = await fixture.client.send(new DescribeIntentCommand({ botId, ...draft, intentId: 'FALLBCKINT' }));
    expect(fallback).toMatchObject({ intentName: 'FallbackIntent', parentIntentSignature: 'AMAZON.FallbackIntent', slotPriorities: [] });
    const testAlias = await fixture.client.send(new DescribeBotAliasCommand({ botId, botAliasId: 'TSTALIASID' }));
    expect(testAlias).toMatchObject({ botAliasName: 'TestBotAlias', botVersion: 'DRAFT', botAliasStatus: 'Available' });
  });

  it('takes time over asynchronous statuses when given a delay, read on its clock', async () => {
    let time = Date.parse('2030-03-04T09:00:00Z');
    fixture = await startModelsFixture({ statusDelayMs: 2000, now: () => new Date(time) });
    const failed = await fixture.createBotWithLocale().catch((error: Error) => error);
    // The locale cannot be added while the bot is still Creating.
    expect(failed).toMatchObject({ name: 'ConflictException', message: expect.stringMatching(/Creating/) });
    const [bot] = fixture.emulator.snapshot().bots;
    expect(bot).toMatchObject({ botStatus: 'Creating', creationDateTime: time / 1000 });
    time += 1999;
    expect(fixture.emulator.snapshot().bots[0]!.botStatus).toBe('Creating');
    time += 1;
    expect((await fixture.client.send(new DescribeBotCommand({ botId: bot!.botId! }))).botStatus).toBe('Available');
  });
});
