// The service's refusals, as typed exceptions of the real SDK: unknown ids, taken names, invalid
// requests, failed builds, resources in use and out-of-order steps.
import {
  BuildBotLocaleCommand,
  ConflictException,
  CreateBotAliasCommand,
  CreateBotCommand,
  CreateBotLocaleCommand,
  CreateBotVersionCommand,
  CreateIntentCommand,
  CreateSlotCommand,
  CreateSlotTypeCommand,
  DeleteBotCommand,
  DeleteIntentCommand,
  DeleteSlotTypeCommand,
  DescribeBotCommand,
  DescribeBotLocaleCommand,
  DescribeBotVersionCommand,
  PreconditionFailedException,
  ResourceNotFoundException,
  UpdateIntentCommand,
  ValidationException,
} from '@aws-sdk/client-lex-models-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { draft, prompt, roleArn, startModelsFixture } from './lex-models-fixture.js';

let fixture: Awaited<ReturnType<typeof startModelsFixture>>;
afterEach(() => fixture.close());

const failureOf = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the call succeeded'), (error: unknown) => error as Error & { $metadata: { httpStatusCode?: number } });

describe('Lex models emulator: errors', () => {
  it('answers an unknown id with ResourceNotFoundException, and a malformed one with ValidationException', async () => {
    fixture = await startModelsFixture();
    const missing = await failureOf(fixture.client.send(new DescribeBotCommand({ botId: 'NOSUCHBOT1' })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.message).toBe('Could not find bot with id NOSUCHBOT1');
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(await failureOf(fixture.client.send(new DescribeBotCommand({ botId: 'BOTX' })))).toBeInstanceOf(ValidationException);
    const botId = await fixture.createBotWithLocale();
    expect(await failureOf(fixture.client.send(new DescribeBotLocaleCommand({ botId, botVersion: 'DRAFT', localeId: 'fr_FR' })))).toBeInstanceOf(ResourceNotFoundException);
    const draftVersion = await failureOf(fixture.client.send(new DescribeBotVersionCommand({ botId, botVersion: 'DRAFT' })));
    expect(draftVersion.message).toMatch(/Value 'DRAFT' at 'botVersion' failed to satisfy constraint: .*\^\[0-9\]\+\$/);
    // Deleting what is not there is a 412, as the service answers.
    const deleted = await failureOf(fixture.client.send(new DeleteIntentCommand({ botId, ...draft, intentId: 'NOSUCHINT1' })));
    expect(deleted).toBeInstanceOf(PreconditionFailedException);
    expect(deleted.message).toMatch(/does not exist/);
  });

  it('refuses a second resource with a taken name with ConflictException', async () => {
    fixture = await startModelsFixture();
    const botId = await fixture.createBotWithLocale();
    const again = await failureOf(fixture.client.send(new CreateBotCommand({ botName: 'PizzaBot', roleArn, dataPrivacy: { childDirected: false }, idleSessionTTLInSeconds: 300 })));
    expect(again).toBeInstanceOf(ConflictException);
    expect(again.$metadata.httpStatusCode).toBe(409);
    await fixture.client.send(new CreateIntentCommand({ botId, ...draft, intentName: 'OrderPizza', sampleUtterances: [{ utterance: 'pizza' }] }));
    expect(await failureOf(fixture.client.send(new CreateIntentCommand({ botId, ...draft, intentName: 'OrderPizza' })))).toBeInstanceOf(ConflictException);
  });

  it('lists every broken constraint of a request in one ValidationException', async () => {
    fixture = await startModelsFixture();
    const invalid = await failureOf(fixture.client.send(new CreateBotCommand({ botName: 'Pizza Bot', roleArn, dataPrivacy: { childDirected: false }, idleSessionTTLInSeconds: 5 })));
    expect(invalid).toBeInstanceOf(ValidationException);
    expect(invalid.message).toBe(
      "2 validation errors detected: Value 'Pizza Bot' at 'botName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([0-9a-zA-Z][_-]?){1,100}$; " +
        "Value 5 at 'idleSessionTTLInSeconds' failed to satisfy constraint: Member must have value between 60 and 86400",
    );
    const botId = await fixture.createBotWithLocale();
    const slot = await failureOf(fixture.client.send(new CreateSlotCommand({ botId, ...draft, intentId: 'FALLBCKINT', slotName: 'Size', slotTypeId: 'AMAZON.Number', valueElicitationSetting: undefined as never })));
    expect(slot.message).toMatch(/Value null at 'valueElicitationSetting' failed to satisfy constraint: Member must not be null/);
  });

  it('fails a build with reasons naming what is wrong, and keeps a version from an unbuilt locale', async () => {
    fixture = await startModelsFixture();
    const botId = await fixture.createBotWithLocale();
    const locale = { botId, ...draft };
    await fixture.client.send(new CreateIntentCommand({ ...locale, intentName: 'OrderPizza', sampleUtterances: [{ utterance: 'order a {Size} pizza' }] }));
    await fixture.client.send(new CreateIntentCommand({ ...locale, intentName: 'Silent' }));
    const notBuilt = await failureOf(fixture.client.send(new CreateBotVersionCommand({ botId, botVersionLocaleSpecification: { en_US: { sourceBotVersion: 'DRAFT' } } })));
    expect(notBuilt).toBeInstanceOf(PreconditionFailedException);
    expect(notBuilt.message).toMatch(/NotBuilt/);

    await fixture.client.send(new BuildBotLocaleCommand(locale));
    const failed = await fixture.client.send(new DescribeBotLocaleCommand(locale));
    expect(failed.botLocaleStatus).toBe('Failed');
    expect(failed.failureReasons).toEqual([
      "Sample utterance 'order a {Size} pizza' of intent 'OrderPizza' refers to slot 'Size', which intent 'OrderPizza' does not have.",
      "Intent 'Silent' has no sample utterances; add at least one.",
    ]);
  });

  it('refuses to delete a slot type a slot uses, unless told to skip the check', async () => {
    fixture = await startModelsFixture();
    const botId = await fixture.createBotWithLocale();
    const locale = { botId, ...draft };
    const { slotTypeId } = await fixture.client.send(new CreateSlotTypeCommand({ ...locale, slotTypeName: 'Size', slotTypeValues: [{ sampleValue: { value: 'large' } }], valueSelectionSetting: { resolutionStrategy: 'OriginalValue' } }));
    const { intentId } = await fixture.client.send(new CreateIntentCommand({ ...locale, intentName: 'OrderPizza', sampleUtterances: [{ utterance: 'a {Size} pizza' }] }));
    await fixture.client.send(new CreateSlotCommand({ ...locale, intentId: intentId!, slotName: 'Size', slotTypeId, valueElicitationSetting: { slotConstraint: 'Required', promptSpecification: prompt('Size?') } }));
    const inUse = await failureOf(fixture.client.send(new DeleteSlotTypeCommand({ ...locale, slotTypeId: slotTypeId! })));
    expect(inUse).toBeInstanceOf(PreconditionFailedException);
    expect(inUse.message).toMatch(/in use by slot Size of intent OrderPizza/);

    await fixture.client.send(new DeleteSlotTypeCommand({ ...locale, slotTypeId: slotTypeId!, skipResourceInUseCheck: true }));
    await fixture.client.send(new BuildBotLocaleCommand(locale));
    const failed = await fixture.client.send(new DescribeBotLocaleCommand(locale));
    expect(failed.failureReasons).toEqual([`Slot 'Size' of intent 'OrderPizza' uses slot type ${slotTypeId}, which does not exist in locale en_US.`]);
  });

  it('checks references: slot types, slot priorities, alias versions', async () => {
    fixture = await startModelsFixture();
    const botId = await fixture.createBotWithLocale();
    const locale = { botId, ...draft };
    const { intentId } = await fixture.client.send(new CreateIntentCommand({ ...locale, intentName: 'OrderPizza', sampleUtterances: [{ utterance: 'pizza' }] }));
    const slot = { ...locale, intentId: intentId!, slotName: 'Size', valueElicitationSetting: { slotConstraint: 'Optional' as const } };
    expect(await failureOf(fixture.client.send(new CreateSlotCommand({ ...slot, slotTypeId: 'NOSUCHTYPE' })))).toBeInstanceOf(PreconditionFailedException);
    expect(await failureOf(fixture.client.send(new CreateSlotCommand({ ...slot, slotTypeId: 'AMAZON.Nonsense' })))).toBeInstanceOf(PreconditionFailedException);
    const update = { ...locale, intentId: intentId!, intentName: 'OrderPizza', sampleUtterances: [{ utterance: 'pizza' }] };
    expect(await failureOf(fixture.client.send(new UpdateIntentCommand({ ...update, slotPriorities: [{ priority: 1, slotId: 'NOSUCHSLOT' }] })))).toBeInstanceOf(PreconditionFailedException);
    expect(await failureOf(fixture.client.send(new CreateBotAliasCommand({ botId, botAliasName: 'live', botVersion: '7' })))).toBeInstanceOf(PreconditionFailedException);
    expect(await failureOf(fixture.client.send(new CreateBotAliasCommand({ botId, botAliasName: 'TestBotAlias' })))).toBeInstanceOf(ConflictException);
  });

  it('refuses changes to a locale while it builds, and a bot delete while an alias uses it', async () => {
    let time = Date.parse('2030-03-04T09:00:00Z');
    fixture = await startModelsFixture({ statusDelayMs: 1000, now: () => new Date(time) });
    const { botId } = await fixture.client.send(new CreateBotCommand({ botName: 'PizzaBot', roleArn, dataPrivacy: { childDirected: false }, idleSessionTTLInSeconds: 300 }));
    time += 1000;
    await fixture.client.send(new CreateBotLocaleCommand({ botId: botId!, ...draft, nluIntentConfidenceThreshold: 0.4 }));
    time += 1000;
    await fixture.client.send(new CreateIntentCommand({ botId: botId!, ...draft, intentName: 'OrderPizza', sampleUtterances: [{ utterance: 'pizza' }] }));
    await fixture.client.send(new BuildBotLocaleCommand({ botId: botId!, ...draft }));
    const busy = await failureOf(fixture.client.send(new CreateIntentCommand({ botId: botId!, ...draft, intentName: 'Late', sampleUtterances: [{ utterance: 'late' }] })));
    expect(busy).toBeInstanceOf(ConflictException);
    expect(busy.message).toMatch(/Building/);
    time += 1000;
    await fixture.client.send(new CreateBotVersionCommand({ botId: botId!, botVersionLocaleSpecification: { en_US: { sourceBotVersion: 'DRAFT' } } }));
    time += 1000;
    await fixture.client.send(new CreateBotAliasCommand({ botId: botId!, botAliasName: 'live', botVersion: '1' }));
    expect(await failureOf(fixture.client.send(new DeleteBotCommand({ botId: botId! })))).toBeInstanceOf(PreconditionFailedException);
    expect((await fixture.client.send(new DeleteBotCommand({ botId: botId!, skipResourceInUseCheck: true }))).botStatus).toBe('Deleting');
    time += 1000;
    expect(await failureOf(fixture.client.send(new DescribeBotCommand({ botId: botId! })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it('takes a multi-value slot only of a custom slot type, and only in en_US, as the service does', async () => {
    fixture = await startModelsFixture();
    const botId = await fixture.createBotWithLocale();
    await fixture.client.send(new CreateBotLocaleCommand({ botId, botVersion: 'DRAFT', localeId: 'es_US', nluIntentConfidenceThreshold: 0.4 }));
    const slotOf = async (localeId: string, builtIn: boolean) => {
      const where = { botId, botVersion: 'DRAFT', localeId };
      const { intentId } = await fixture.client.send(new CreateIntentCommand({ ...where, intentName: `Order${builtIn ? 'Day' : 'Pizza'}`, sampleUtterances: [{ utterance: 'pizza' }] }));
      const { slotTypeId } = builtIn ? { slotTypeId: 'AMAZON.Date' } : await fixture.client.send(new CreateSlotTypeCommand({ ...where, slotTypeName: 'Topping', slotTypeValues: [{ sampleValue: { value: 'olives' } }], valueSelectionSetting: { resolutionStrategy: 'OriginalValue' } }));
      return fixture.client.send(new CreateSlotCommand({ ...where, intentId: intentId!, slotName: 'choice', slotTypeId: slotTypeId!, multipleValuesSetting: { allowMultipleValues: true }, valueElicitationSetting: { slotConstraint: 'Required', promptSpecification: prompt('Which?') } }));
    };
    expect((await slotOf('en_US', false)).multipleValuesSetting).toEqual({ allowMultipleValues: true });
    const builtIn = await failureOf(slotOf('en_US', true));
    expect(builtIn).toBeInstanceOf(ValidationException);
    expect(builtIn.message).toMatch(/Slot choice cannot allow multiple values: Lex V2 takes multi-value slots only of custom slot types/);
    const spanish = await failureOf(slotOf('es_US', false));
    expect(spanish).toBeInstanceOf(ValidationException);
    expect(spanish.message).toMatch(/only in en-US/);
  });
});
