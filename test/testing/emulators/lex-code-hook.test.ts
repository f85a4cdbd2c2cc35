/**
 * The Lex runtime emulator invoking a bot's code hook as Lex V2 does, driven by the real
 * LexRuntimeV2Client: the event it sends, and what it does with each dialog action the hook returns.
 */
import { RecognizeUtteranceCommand } from '@aws-sdk/client-lex-runtime-v2';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lexCodeHookEventSchema, type LexCodeHookEvent, type LexCodeHookResponse } from '../../../channels/connect/lex-code-hook-event.js';
import { decodeLexV2Header } from '../../../src/nlu/lex-v2/index.js';
import { corpusAvailable, corpusPath } from '../../support/shared-corpus.js';
import { startCodeHookFixture, delegate, hookedBot, type CodeHookFixture, type Script } from './lex-code-hook-fixture.js';

type ResponseIntent = NonNullable<LexCodeHookResponse['sessionState']['intent']>;

/** The event's intent, as a response sends it back (with `changes`). */
function intentOf(event: LexCodeHookEvent, changes: Partial<ResponseIntent> = {}): ResponseIntent {
  return { ...event.sessionState.intent!, state: 'InProgress', confirmationState: 'None', ...changes } as ResponseIntent;
}

function attributesOf(event: LexCodeHookEvent, added: Record<string, string> = {}): Record<string, string> {
  return { ...event.sessionState.sessionAttributes, ...added };
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const plain = (content: string) => ({ contentType: 'PlainText' as const, content });

/** Fulfils with `message` when Lex invokes it as the fulfilment code hook; delegates otherwise. */
const fulfilWith =
  (message: string): Script =>
  (event, context) =>
    event.invocationSource === 'FulfillmentCodeHook'
      ? { sessionState: { sessionAttributes: attributesOf(event), dialogAction: { type: 'Close' }, intent: intentOf(event, { state: 'Fulfilled', confirmationState: event.sessionState.intent?.confirmationState as ResponseIntent['confirmationState'] }) }, messages: [plain(message)] }
      : delegate(event, context);

let lex: CodeHookFixture;
beforeAll(async () => {
  lex = await startCodeHookFixture();
});
afterAll(() => lex?.close());

describe('Lex runtime emulator with a code hook: the event', () => {
  it('sends what Lex sends: the turn understood, every slot present, the next step it proposes, remaining time', async () => {
    const contexts: Array<{ remaining: number; awsRequestId: string }> = [];
    lex.script('event-1', (event, context) => {
      contexts.push({ remaining: context.getRemainingTimeInMillis(), awsRequestId: context.awsRequestId });
      return {
        sessionState: { sessionAttributes: attributesOf(event, { asked: 'size' }), dialogAction: { type: 'ElicitSlot', slotToElicit: 'size' }, intent: intentOf(event) },
        messages: [plain('Small, medium or large?')],
      };
    });
    const answer = await lex.say('event-1', 'I want a pizza', { sessionState: { sessionAttributes: { channel: 'chat' } }, requestAttributes: { 'x-amz-lex:time-zone': 'America/New_York' } });

    const event = lex.lastEvent('event-1');
    expect(lexCodeHookEventSchema.safeParse(event).success).toBe(true);
    const everySlot = { size: null, date: null };
    expect(event).toMatchObject({
      messageVersion: '1.0',
      invocationSource: 'DialogCodeHook',
      inputMode: 'Text',
      responseContentType: 'text/plain; charset=utf-8',
      sessionId: 'event-1',
      inputTranscript: 'I want a pizza',
      bot: { id: hookedBot, name: 'PizzaShop', aliasId: 'TSTALIASID', aliasName: 'TestBotAlias', localeId: 'en_US', version: 'DRAFT' },
      proposedNextState: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'size' }, intent: { name: 'OrderPizza', slots: everySlot }, prompt: { attempt: 'Initial' } },
      requestAttributes: { 'x-amz-lex:time-zone': 'America/New_York' },
      sessionState: { sessionAttributes: { channel: 'chat' }, activeContexts: [], intent: { name: 'OrderPizza', slots: everySlot, state: 'InProgress', confirmationState: 'None' } },
      transcriptions: [{ transcription: 'I want a pizza', transcriptionConfidence: 1, resolvedContext: { intent: 'OrderPizza' }, resolvedSlots: {} }],
    });
    // Lex tells the hook what it proposes; the session state has no dialog action in real events.
    expect(event.sessionState).not.toHaveProperty('dialogAction');
    expect(event.sessionState.originatingRequestId).toMatch(uuid);
    // Code-hook events carry nluConfidence as a bare number; FallbackIntent has none.
    const [chosen, ...others] = event.interpretations!;
    expect(chosen).toMatchObject({ intent: { name: 'OrderPizza' }, nluConfidence: expect.any(Number), interpretationSource: 'Lex' });
    expect(others.find((interpretation) => interpretation.intent?.name === 'FallbackIntent')).not.toHaveProperty('nluConfidence');
    expect(others.every((interpretation) => interpretation.nluConfidence === undefined || typeof interpretation.nluConfidence === 'number')).toBe(true);

    expect(contexts).toHaveLength(1);
    expect(contexts[0]!.remaining).toBeGreaterThan(0);
    expect(contexts[0]!.remaining).toBeLessThanOrEqual(30_000);
    expect(contexts[0]!.awsRequestId).toMatch(uuid);

    // The client gets the hook's messages and session state, with Lex's interpretations.
    expect(answer.messages).toEqual([plain('Small, medium or large?')]);
    expect(answer.sessionState).toMatchObject({
      dialogAction: { type: 'ElicitSlot', slotToElicit: 'size' },
      intent: { name: 'OrderPizza', state: 'InProgress', slots: everySlot },
      sessionAttributes: { channel: 'chat', asked: 'size' },
      originatingRequestId: event.sessionState.originatingRequestId,
    });
    expect(answer.interpretations?.[0]).toMatchObject({ intent: { name: 'OrderPizza' }, nluConfidence: { score: expect.any(Number) } });
    expect(answer.sessionId).toBe('event-1');
    expect(lex.invocations('event-1')).toMatchObject([{ botId: hookedBot, outcome: 'answered', response: { messages: [plain('Small, medium or large?')] } }]);
  });

  it('after ElicitSlot, reads the next utterance as that slot first, and carries the attributes the hook set', async () => {
    lex.script('event-1', delegate);
    await lex.say('event-1', 'the huge one');
    const event = lex.lastEvent('event-1');
    expect(event.sessionState).toMatchObject({
      sessionAttributes: { channel: 'chat', asked: 'size' },
      intent: { name: 'OrderPizza', slots: { size: { shape: 'Scalar', value: { originalValue: 'huge', interpretedValue: 'large', resolvedValues: ['large'] } }, date: null } },
    });
    expect(event.transcriptions).toEqual([
      { transcription: 'the huge one', transcriptionConfidence: 1, resolvedContext: { intent: 'OrderPizza' }, resolvedSlots: { size: { shape: 'Scalar', value: { originalValue: 'huge', resolvedValues: ['large'] } } } },
    ]);
    expect(event.proposedNextState).toMatchObject({ dialogAction: { type: 'ElicitSlot', slotToElicit: 'date' }, prompt: { attempt: 'Initial' } });
  });

  it('counts the attempts at a slot in proposedNextState.prompt', async () => {
    lex.script('attempts-1', (event) => ({ sessionState: { sessionAttributes: {}, dialogAction: { type: 'ElicitSlot', slotToElicit: 'size' }, intent: intentOf(event) }, messages: [plain('What size?')] }));
    await lex.say('attempts-1', 'I want a pizza');
    await lex.say('attempts-1', 'hmm');
    await lex.say('attempts-1', 'not sure');
    expect(lex.invocations('attempts-1').map(({ event }) => (event.proposedNextState as { prompt: { attempt: string } }).prompt.attempt)).toEqual(['Initial', 'Retry1', 'Retry2']);
  });

  it('passes the reply type RecognizeUtterance asks for, and answers it in headers', async () => {
    lex.script('voice-1', (event) => ({ sessionState: { sessionAttributes: {}, dialogAction: { type: 'ElicitIntent' } }, messages: [plain(`You said ${event.inputTranscript}.`)] }));
    const answer = await lex.client.send(
      new RecognizeUtteranceCommand({
        botId: hookedBot,
        botAliasId: 'TSTALIASID',
        localeId: 'en_US',
        sessionId: 'voice-1',
        requestContentType: 'text/plain; charset=utf-8',
        responseContentType: 'audio/pcm',
        inputStream: Buffer.from('hello', 'utf8'),
      }),
    );
    expect(lex.lastEvent('voice-1')).toMatchObject({ inputMode: 'Text', responseContentType: 'audio/pcm', inputTranscript: 'hello' });
    expect(decodeLexV2Header(answer.messages!)).toEqual([plain('You said hello.')]);
    expect(decodeLexV2Header(answer.sessionState!)).toMatchObject({ dialogAction: { type: 'ElicitIntent' } });
  });
});

describe('Lex runtime emulator with a code hook: each dialog action', () => {
  it('ConfirmIntent: the answer is confirmed by "yes" and denied by "no"; a Delegate then closes a denied intent as Failed', async () => {
    const confirm: Script = (event) => ({
      sessionState: { sessionAttributes: {}, dialogAction: { type: 'ConfirmIntent' }, intent: intentOf(event) },
      messages: [plain('A large pizza tomorrow?')],
    });
    for (const [session, reply, confirmationState] of [['confirm-yes', 'yes', 'Confirmed'], ['confirm-no', 'no', 'Denied']] as const) {
      lex.script(session, confirm);
      const asked = await lex.say(session, 'can I get a large pizza for tomorrow');
      expect(asked.messages).toEqual([plain('A large pizza tomorrow?')]);
      expect(asked.sessionState?.dialogAction).toEqual({ type: 'ConfirmIntent' });
      lex.script(session, fulfilWith('Ordered.'));
      const answered = await lex.say(session, reply);
      expect(lex.invocations(session)[1]!.event.sessionState.intent).toMatchObject({ name: 'OrderPizza', confirmationState, slots: { size: { value: { interpretedValue: 'large' } } } });
      if (confirmationState === 'Denied') {
        expect(answered.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, intent: { name: 'OrderPizza', state: 'Failed', confirmationState: 'Denied' } });
        expect(lex.invocations(session)).toHaveLength(2);
      } else {
        expect(answered.messages).toEqual([plain('Ordered.')]);
      }
    }
  });

  it('Close: the client gets the closed intent, and asking again starts the intent afresh', async () => {
    lex.script('close-1', (event) => ({
      sessionState: { sessionAttributes: attributesOf(event), dialogAction: { type: 'Close' }, intent: intentOf(event, { state: 'Fulfilled' }) },
      messages: [plain('Your pizza is on its way.')],
    }));
    const closed = await lex.say('close-1', 'order a large pizza');
    expect(closed.messages).toEqual([plain('Your pizza is on its way.')]);
    expect(closed.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, intent: { name: 'OrderPizza', state: 'Fulfilled', slots: { size: { value: { interpretedValue: 'large' } } } } });
    await lex.say('close-1', 'I want a pizza');
    expect(lex.lastEvent('close-1').sessionState.intent).toMatchObject({ name: 'OrderPizza', state: 'InProgress', slots: { size: null, date: null } });
  });

  it('ElicitIntent: the next utterance is read as a new request', async () => {
    lex.script('elicit-intent-1', (event) => ({ sessionState: { sessionAttributes: attributesOf(event), dialogAction: { type: 'ElicitIntent' } }, messages: [plain('What else can I do?')] }));
    const answer = await lex.say('elicit-intent-1', 'I want a pizza');
    expect(answer.messages).toEqual([plain('What else can I do?')]);
    expect(answer.sessionState?.dialogAction).toEqual({ type: 'ElicitIntent' });
    expect(answer.sessionState?.intent).toBeUndefined();
    await lex.say('elicit-intent-1', 'I want a refund');
    expect(lex.lastEvent('elicit-intent-1').sessionState.intent?.name).toBe('RequestRefund');
  });

  it('Delegate: Lex elicits the missing slots with their prompts, confirms, then invokes the hook to fulfil', async () => {
    lex.script('delegate-1', fulfilWith('Ordered.'));
    const size = await lex.say('delegate-1', 'I want a pizza');
    expect(size.messages).toEqual([plain('What size?')]);
    expect(size.sessionState?.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'size' });
    const date = await lex.say('delegate-1', 'large');
    expect(date.messages).toEqual([plain('For which day?')]);
    const confirmation = await lex.say('delegate-1', 'tomorrow');
    expect(confirmation.sessionState?.dialogAction).toEqual({ type: 'ConfirmIntent' });
    // The bot's confirmation prompt, its slot references filled.
    expect(confirmation.messages).toEqual([plain(expect.stringMatching(/^A large pizza on \d{4}-\d{2}-\d{2}\. OK\?$/) as unknown as string)]);
    const done = await lex.say('delegate-1', 'yes');
    expect(done.messages).toEqual([plain('Ordered.')]);
    expect(done.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, intent: { name: 'OrderPizza', state: 'Fulfilled', confirmationState: 'Confirmed' } });

    const invocations = lex.invocations('delegate-1');
    expect(invocations.map(({ event }) => event.invocationSource)).toEqual(['DialogCodeHook', 'DialogCodeHook', 'DialogCodeHook', 'DialogCodeHook', 'FulfillmentCodeHook']);
    const [dialog, fulfilment] = invocations.slice(-2).map(({ event }) => event);
    expect(fulfilment).toMatchObject({ inputTranscript: 'yes', sessionState: { intent: { name: 'OrderPizza', state: 'ReadyForFulfillment', confirmationState: 'Confirmed' } } });
    expect(fulfilment).not.toHaveProperty('proposedNextState');
    expect(lexCodeHookEventSchema.safeParse(fulfilment).success).toBe(true);
    // One request: the two invocations serve the same originating request.
    expect(fulfilment!.sessionState.originatingRequestId).toBe(dialog!.sessionState.originatingRequestId);
  });

  it('Delegate with nothing to ask fulfils in the same request; a fulfilment hook that delegates again fails it', async () => {
    lex.script('hello-1', fulfilWith('Hello!'));
    const hello = await lex.say('hello-1', 'hello');
    expect(hello.messages).toEqual([plain('Hello!')]);
    expect(lex.invocations('hello-1').map(({ event }) => [event.invocationSource, event.sessionState.intent?.name])).toEqual([
      ['DialogCodeHook', 'Hello'],
      ['FulfillmentCodeHook', 'Hello'],
    ]);

    lex.script('hello-2', delegate);
    await expect(lex.say('hello-2', 'hello')).rejects.toMatchObject({
      name: 'DependencyFailedException',
      $metadata: { httpStatusCode: 424 },
      message: 'Invalid Lambda Response: the fulfillment code hook returned a Delegate dialog action without removing any slot values',
    });
  });

  it('FallbackIntent goes to the hook too, and may be closed by it', async () => {
    lex.script('fallback-1', (event) => ({ sessionState: { sessionAttributes: {}, dialogAction: { type: 'Close' }, intent: intentOf(event, { state: 'Fulfilled' }) }, messages: [plain('Sorry?')] }));
    const answer = await lex.say('fallback-1', 'what is the weather like on mars');
    expect(lex.lastEvent('fallback-1').sessionState.intent).toEqual({ name: 'FallbackIntent', slots: {}, state: 'ReadyForFulfillment', confirmationState: 'None' });
    expect(answer).toMatchObject({ messages: [plain('Sorry?')], sessionState: { dialogAction: { type: 'Close' }, intent: { name: 'FallbackIntent', state: 'Fulfilled' } } });
  });

  it('keeps the session attributes the hook sets from turn to turn', async () => {
    lex.script('attributes-1', (event) => {
      const visits = Number(event.sessionState.sessionAttributes?.visits ?? '0') + 1;
      return { sessionState: { sessionAttributes: attributesOf(event, { visits: String(visits) }), dialogAction: { type: 'ElicitIntent' } }, messages: [plain(`Visit ${visits}.`)] };
    });
    await lex.say('attributes-1', 'hello');
    await lex.say('attributes-1', 'hi');
    const third = await lex.say('attributes-1', 'hey there');
    expect(lex.invocations('attributes-1').map(({ event }) => event.sessionState.sessionAttributes)).toEqual([{}, { visits: '1' }, { visits: '2' }]);
    expect(third.sessionState?.sessionAttributes).toEqual({ visits: '3' });
  });
});

/**
 * Every field of a JSON value as `path:type`. Slot names become `*`, and every intent object is read
 * as one `<intent>`, so events of different bots and moments compare.
 */
function fieldsOf(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return [`${at}:array`, ...value.flatMap((item) => fieldsOf(item, `${at}[]`))];
  if (value === null || typeof value !== 'object') return [`${at}:${value === null ? 'null' : typeof value}`];
  const named = /\.(slots|resolvedSlots)$/.test(at);
  return [
    `${at}:object`,
    ...Object.entries(value).flatMap(([key, item]) => (key === 'intent' && typeof item === 'object' && item !== null ? [`${at}.intent:object`, ...fieldsOf(item, '<intent>').slice(1)] : fieldsOf(item, `${at}.${named ? '*' : key}`))),
  ];
}

const runCorpus = corpusAvailable('lex-events', 'the comparison of code-hook events with real Lex events');

describe.runIf(runCorpus)('Lex runtime emulator with a code hook: events shaped as real Lex events', () => {
  it('sends every field real events have, and beyond them only documented ones', async () => {
    const files = ['aws-lambda-java-libs__lex_v2_event.json', 'aws-sam-cli__lex-v2_BankingBot.json', 'aws-sam-cli__lex-v2_LexBookCar.json'];
    const real = new Set((await Promise.all(files.map((file) => readFile(corpusPath(`lex-events/${file}`), 'utf8')))).flatMap((text) => fieldsOf(JSON.parse(text))));

    lex.script('corpus-1', fulfilWith('Ordered.'));
    for (const text of ['I want a pizza', 'large', 'tomorrow', 'yes']) await lex.say('corpus-1', text);
    const events = lex.invocations('corpus-1').map(({ event }) => event);
    expect(events.map((event) => event.invocationSource)).toContain('FulfillmentCodeHook');
    const ours = new Set(events.flatMap((event) => fieldsOf(event)));

    expect([...real].filter((field) => !ours.has(field))).toEqual([]);
    // The guide's fields the captures predate: where an interpretation comes from, and the prompt attempt.
    expect([...ours].filter((field) => !real.has(field)).sort()).toEqual(['.interpretations[].interpretationSource:string', '.proposedNextState.prompt.attempt:string', '.proposedNextState.prompt:object']);
  });
});
