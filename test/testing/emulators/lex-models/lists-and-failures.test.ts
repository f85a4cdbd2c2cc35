// Pages and filters of the List operations, planned failures (failNext), the fault plan, the call
// log, and the raw HTTP surface (paths with or without the model's trailing slash).
import {
  CreateIntentCommand,
  CreateSlotCommand,
  DescribeBotCommand,
  InternalServerException,
  LexModelsV2Client,
  ListBotsCommand,
  ListIntentsCommand,
  paginateListIntents,
  ThrottlingException,
} from '@aws-sdk/client-lex-models-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { draft, fakeCredentials, startModelsFixture } from './lex-models-fixture.js';

let fixture: Awaited<ReturnType<typeof startModelsFixture>>;
afterEach(() => fixture.close());

describe('Lex models emulator: lists, failures and the call log', () => {
  it('pages a list with nextToken, 10 items by default, and filters by name with EQ and CO', async () => {
    fixture = await startModelsFixture();
    const botId = await fixture.createBotWithLocale();
    await fixture.createBotWithLocale('PastaBot');
    for (let number = 1; number <= 12; number++) {
      await fixture.client.send(new CreateIntentCommand({ botId, ...draft, intentName: `Intent${String(number).padStart(2, '0')}`, sampleUtterances: [{ utterance: `ask ${number}` }] }));
    }
    const first = await fixture.client.send(new ListIntentsCommand({ botId, ...draft }));
    expect(first.intentSummaries).toHaveLength(10);
    expect(first.nextToken).toBeTypeOf('string');
    const names: string[] = [];
    for await (const page of paginateListIntents({ client: fixture.client, pageSize: 5 }, { botId, ...draft })) names.push(...(page.intentSummaries ?? []).map((intent) => intent.intentName!));
    expect(names).toHaveLength(13);
    expect(names[0]).toBe('FallbackIntent');
    expect(names.at(-1)).toBe('Intent12');

    const equal = await fixture.client.send(new ListBotsCommand({ filters: [{ name: 'BotName', values: ['PizzaBot'], operator: 'EQ' }] }));
    expect(equal.botSummaries?.map((bot) => [bot.botName, bot.botStatus])).toEqual([['PizzaBot', 'Available']]);
    const contains = await fixture.client.send(new ListBotsCommand({ filters: [{ name: 'BotName', values: ['bot'], operator: 'CO' }], sortBy: { attribute: 'BotName', order: 'Descending' } }));
    expect(contains.botSummaries?.map((bot) => bot.botName)).toEqual(['PizzaBot', 'PastaBot']);
  });

  it('fails the next calls of an operation as planned, before or after carrying it out', async () => {
    fixture = await startModelsFixture();
    const botId = await fixture.createBotWithLocale();
    const intent = { botId, ...draft, intentName: 'OrderPizza', sampleUtterances: [{ utterance: 'pizza' }] };
    fixture.emulator.failNext('CreateIntent', { times: 2, error: 'ThrottlingException' });
    const throttled = await fixture.client.send(new CreateIntentCommand(intent)).catch((error: unknown) => error);
    expect(throttled).toBeInstanceOf(ThrottlingException);
    expect((throttled as ThrottlingException).$metadata.httpStatusCode).toBe(429);
    // The SDK's own retries get through once the planned failures are used up.
    const retrying = new LexModelsV2Client({ region: 'us-east-1', endpoint: fixture.emulator.url, credentials: fakeCredentials, maxAttempts: 3 });
    const created = await retrying.send(new CreateIntentCommand(intent));
    expect(created.$metadata.attempts).toBe(2);
    retrying.destroy();

    // A reply lost after the work was done: the intent exists though the client saw an error.
    fixture.emulator.failNext('CreateSlot', { error: 'InternalServerException', afterApplying: true });
    const lost = await fixture.client.send(new CreateSlotCommand({ botId, ...draft, intentId: created.intentId!, slotName: 'Size', slotTypeId: 'AMAZON.Number', valueElicitationSetting: { slotConstraint: 'Optional' } })).catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(InternalServerException);
    const intentSnapshot = fixture.emulator.findBot('PizzaBot')!.locales[0]!.intents.find((item) => item.intentName === 'OrderPizza')!;
    expect(intentSnapshot.slots.map((slot) => slot.slotName)).toEqual(['Size']);
    expect(fixture.emulator.calls.filter((call) => call.injected === 'failNext').map((call) => [call.operation, call.status, call.errorType])).toEqual([
      ['CreateIntent', 429, 'ThrottlingException'],
      ['CreateIntent', 429, 'ThrottlingException'],
      ['CreateSlot', 500, 'InternalServerException'],
    ]);
  });

  it('logs every call, so a test can tell a second deploy changed nothing', async () => {
    fixture = await startModelsFixture();
    const botId = await fixture.createBotWithLocale();
    const before = fixture.emulator.calls.length;
    await fixture.client.send(new DescribeBotCommand({ botId }));
    await fixture.client.send(new ListIntentsCommand({ botId, ...draft }));
    const since = fixture.emulator.calls.slice(before);
    expect(since.map((call) => [call.operation, call.method, call.write, call.status])).toEqual([
      ['DescribeBot', 'GET', false, 200],
      ['ListIntents', 'POST', false, 200],
    ]);
    expect(fixture.emulator.calls.filter((call) => call.write).map((call) => call.operation)).toEqual(['CreateBot', 'CreateBotLocale']);
    expect(fixture.emulator.calls[0]).toMatchObject({ path: '/bots', body: { botName: 'PizzaBot', idleSessionTTLInSeconds: 300 } });
  });

  it('applies the shared fault plan: server errors and throttling as the service sends them', async () => {
    fixture = await startModelsFixture({ faults: { errorRate: 1 } });
    expect(await fixture.client.send(new ListBotsCommand({})).catch((error: unknown) => error)).toBeInstanceOf(InternalServerException);
    fixture.emulator.setFaults({ throttleRate: 1 });
    expect(await fixture.client.send(new ListBotsCommand({})).catch((error: unknown) => error)).toBeInstanceOf(ThrottlingException);
    fixture.emulator.setFaults({});
    expect((await fixture.client.send(new ListBotsCommand({}))).botSummaries).toEqual([]);
  });

  it('routes the model paths with or without their trailing slash, and answers others as unknown operations', async () => {
    fixture = await startModelsFixture();
    const botId = await fixture.createBotWithLocale();
    const signed = { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDFAKE/20300304/us-east-1/lex/aws4_request, SignedHeaders=host, Signature=' + '0'.repeat(64) };
    const slash = await fetch(`${fixture.emulator.url}/bots/${botId}/botversions/DRAFT/botlocales/en_US/`, { headers: signed });
    expect(slash.status).toBe(200);
    expect(await slash.json()).toMatchObject({ botId, localeId: 'en_US', botLocaleStatus: 'NotBuilt' });
    const unknown = await fetch(`${fixture.emulator.url}/nothing/here`, { headers: signed });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-amzn-errortype')).toMatch(/^UnknownOperationException:/);
    const unsigned = await fetch(`${fixture.emulator.url}/bots/${botId}`);
    expect(unsigned.status).toBe(403);
  });
});
