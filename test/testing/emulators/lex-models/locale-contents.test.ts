// What a locale holds and how changes to it behave: slot types, slots and their priorities, the
// built-in intents' rules, versions that keep what was built, and locales that need building again.
import {
  BuildBotLocaleCommand,
  CreateBotVersionCommand,
  CreateIntentCommand,
  CreateSlotCommand,
  CreateSlotTypeCommand,
  DeleteIntentCommand,
  DeleteSlotCommand,
  DescribeBotLocaleCommand,
  DescribeIntentCommand,
  ListSlotsCommand,
  ListSlotTypesCommand,
  UpdateBotLocaleCommand,
  UpdateSlotTypeCommand,
  ValidationException,
} from '@aws-sdk/client-lex-models-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { draft, prompt, startModelsFixture } from './lex-models-fixture.js';

let fixture: Awaited<ReturnType<typeof startModelsFixture>>;
afterEach(() => fixture.close());

async function pizzaLocale() {
  fixture = await startModelsFixture();
  const botId = await fixture.createBotWithLocale();
  const locale = { botId, ...draft };
  const sizes = { slotTypeName: 'Size', slotTypeValues: [{ sampleValue: { value: 'large' } }], valueSelectionSetting: { resolutionStrategy: 'OriginalValue' as const } };
  const { slotTypeId } = await fixture.client.send(new CreateSlotTypeCommand({ ...locale, ...sizes }));
  const { intentId } = await fixture.client.send(new CreateIntentCommand({ ...locale, intentName: 'OrderPizza', sampleUtterances: [{ utterance: 'a {Size} pizza for {Name}' }] }));
  const slot = { ...locale, intentId: intentId!, valueElicitationSetting: { slotConstraint: 'Required' as const, promptSpecification: prompt('?') } };
  const size = await fixture.client.send(new CreateSlotCommand({ ...slot, slotName: 'Size', slotTypeId }));
  const name = await fixture.client.send(new CreateSlotCommand({ ...slot, slotName: 'Name', slotTypeId: 'AMAZON.FirstName' }));
  return { botId, locale, sizes, slotTypeId: slotTypeId!, intentId: intentId!, sizeId: size.slotId!, nameId: name.slotId! };
}

describe('Lex models emulator: locale contents', () => {
  it('lists slot types and slots, and keeps slot priorities in step with the slots', async () => {
    const { locale, sizes, slotTypeId, intentId, sizeId, nameId } = await pizzaLocale();
    const types = await fixture.client.send(new ListSlotTypesCommand(locale));
    expect(types.slotTypeSummaries?.map((type) => [type.slotTypeId, type.slotTypeName, type.slotTypeCategory])).toEqual([[slotTypeId, 'Size', 'Custom']]);
    const updated = await fixture.client.send(new UpdateSlotTypeCommand({ ...locale, slotTypeId, ...sizes, slotTypeValues: [...sizes.slotTypeValues, { sampleValue: { value: 'small' } }] }));
    expect(updated.$metadata.httpStatusCode).toBe(202);
    expect(updated.slotTypeValues).toHaveLength(2);

    const slots = await fixture.client.send(new ListSlotsCommand({ ...locale, intentId }));
    expect(slots.slotSummaries?.map((slot) => [slot.slotName, slot.slotConstraint, slot.slotTypeId])).toEqual([
      ['Name', 'Required', 'AMAZON.FirstName'],
      ['Size', 'Required', slotTypeId],
    ]);
    // New slots join the end of the priorities; a deleted one leaves them.
    const describe = () => fixture.client.send(new DescribeIntentCommand({ ...locale, intentId }));
    expect((await describe()).slotPriorities).toEqual([
      { priority: 1, slotId: sizeId },
      { priority: 2, slotId: nameId },
    ]);
    await fixture.client.send(new DeleteSlotCommand({ ...locale, intentId, slotId: sizeId }));
    expect((await describe()).slotPriorities).toEqual([{ priority: 2, slotId: nameId }]);
  });

  it('keeps a version as it was built, readable by its number, while DRAFT needs building again', async () => {
    const { botId, locale, intentId } = await pizzaLocale();
    await fixture.client.send(new BuildBotLocaleCommand(locale));
    expect((await fixture.client.send(new DescribeBotLocaleCommand(locale))).botLocaleStatus).toBe('Built');
    await fixture.client.send(new CreateBotVersionCommand({ botId, botVersionLocaleSpecification: { en_US: { sourceBotVersion: 'DRAFT' } } }));
    await fixture.client.send(new UpdateBotLocaleCommand({ ...locale, nluIntentConfidenceThreshold: 0.6 }));
    expect((await fixture.client.send(new DescribeBotLocaleCommand(locale))).botLocaleStatus).toBe('NotBuilt');
    await fixture.client.send(new DeleteIntentCommand({ ...locale, intentId }));

    const versioned = { botId, botVersion: '1', localeId: 'en_US' };
    expect(await fixture.client.send(new DescribeBotLocaleCommand(versioned))).toMatchObject({ botLocaleStatus: 'Built', nluIntentConfidenceThreshold: 0.4, intentsCount: 2 });
    expect((await fixture.client.send(new DescribeIntentCommand({ ...versioned, intentId }))).intentName).toBe('OrderPizza');
    const writeToVersion = await fixture.client.send(new CreateIntentCommand({ ...versioned, intentName: 'Late' })).catch((error: unknown) => error);
    expect(writeToVersion).toBeInstanceOf(ValidationException);
  });

  it('holds built-in intents to their rules: no utterances, no slots, and a fallback that stays', async () => {
    const { locale } = await pizzaLocale();
    const refuse = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the call succeeded'), (error: Error) => error.name);
    expect(await refuse(fixture.client.send(new CreateIntentCommand({ ...locale, intentName: 'Help', parentIntentSignature: 'AMAZON.HelpIntent', sampleUtterances: [{ utterance: 'help' }] })))).toBe('ValidationException');
    const { intentId } = await fixture.client.send(new CreateIntentCommand({ ...locale, intentName: 'Help', parentIntentSignature: 'AMAZON.HelpIntent' }));
    expect(await refuse(fixture.client.send(new CreateSlotCommand({ ...locale, intentId: intentId!, slotName: 'Topic', slotTypeId: 'AMAZON.AlphaNumeric', valueElicitationSetting: { slotConstraint: 'Optional' } })))).toBe('ValidationException');
    expect(await refuse(fixture.client.send(new CreateIntentCommand({ ...locale, intentName: 'OtherFallback', parentIntentSignature: 'AMAZON.FallbackIntent' })))).toBe('ConflictException');
    expect(await refuse(fixture.client.send(new DeleteIntentCommand({ ...locale, intentId: 'FALLBCKINT' })))).toBe('ValidationException');
    await fixture.client.send(new BuildBotLocaleCommand(locale));
    expect((await fixture.client.send(new DescribeBotLocaleCommand(locale))).botLocaleStatus).toBe('Built');
  });
});
