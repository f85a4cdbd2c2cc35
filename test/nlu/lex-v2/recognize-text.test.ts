import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLexV2Details } from '../../../src/nlu/lex-v2/index.js';
import { startLexFixture, type LexFixture } from './lex-fixture.js';

let lex: LexFixture;
beforeAll(async () => {
  lex = await startLexFixture({
    bots: [
      { botId: 'PARLEYBOT1' },
      { botId: 'MOODYBOT01', sentiment: (text) => (/refund/.test(text) ? { sentiment: 'NEGATIVE', sentimentScore: { positive: 0.01, negative: 0.9, neutral: 0.08, mixed: 0.01 } } : undefined) },
    ],
  });
});
afterAll(() => lex?.close());

describe('Lex V2 recognizer: RecognizeText through the real SDK', () => {
  it('ranks the interpretations with Lex scores and maps the slots to entities with offsets', async () => {
    const text = 'Order a BIG pizza for tomorrow please';
    const recognition = await lex.recognize(text, { conversationId: 'web-ranked' });
    expect(recognition).toMatchObject({ provider: 'lex-v2', locale: 'en-US', topIntent: 'OrderPizza', text });
    const [best, ...others] = recognition.intents;
    expect(best).toMatchObject({ name: 'OrderPizza' });
    expect(best!.confidence).toBeGreaterThan(0.9);
    expect(others.length).toBeGreaterThan(0);
    expect(recognition.intents.map((intent) => intent.name)).not.toContain('FallbackIntent');
    expect(others.every((intent) => intent.confidence <= best!.confidence && intent.confidence >= 0)).toBe(true);
    // "tomorrow" read in New York (21:00 on Monday), not in UTC where it is already Tuesday.
    expect(recognition.entities).toEqual([
      { type: 'PizzaSize', slot: 'size', text: 'BIG', start: 8, end: 11, value: 'large' },
      { type: 'date', slot: 'date', text: 'tomorrow', start: 22, end: 30, value: '2030-03-05' },
    ]);
    expect(readLexV2Details(recognition)?.slots).toEqual({
      size: [{ originalValue: 'BIG', interpretedValue: 'large', resolvedValues: ['large'] }],
      date: [{ originalValue: 'tomorrow', interpretedValue: '2030-03-05', resolvedValues: ['2030-03-05'] }],
    });
    expect(lex.lastBody().requestAttributes).toEqual({ 'x-amz-lex:time-zone': 'America/New_York' });
  });

  it('returns topIntent null when Lex chooses FallbackIntent', async () => {
    const recognition = await lex.recognize('what is the weather like on mars', { conversationId: 'web-fallback' });
    expect(recognition.topIntent).toBeNull();
    expect(recognition.entities).toEqual([]);
    expect(recognition.intents.map((intent) => intent.name)).not.toContain('FallbackIntent');
    expect((recognition.raw as any).interpretations[0].intent.name).toBe('FallbackIntent');
    expect((recognition.raw as any).interpretations[0].nluConfidence).toBeUndefined();
  });

  it('applies its own threshold on top of Lex choice', async () => {
    const strict = lex.recognizerFor({ threshold: 1 });
    const recognition = await strict.recognize({ text: 'I want a refund', locale: 'en-US', now: new Date(), timeZone: 'UTC' });
    expect(recognition.intents[0]?.name).toBe('RequestRefund');
    expect(recognition.topIntent).toBeNull();
  });

  it('tells Lex which slot the dialog expects (ElicitSlot), so it reads the answer for that slot', async () => {
    const expecting = { intent: 'OrderPizza', slot: 'size', slotType: 'PizzaSize' };
    const answer = await lex.recognize('the huge one', { conversationId: 'web-elicit', expecting });
    expect(lex.lastBody().sessionState).toEqual({
      dialogAction: { type: 'ElicitSlot', slotToElicit: 'size' },
      intent: { name: 'OrderPizza', state: 'InProgress', confirmationState: 'None' },
    });
    expect(answer.topIntent).toBe('OrderPizza');
    expect(answer.entities).toEqual([{ type: 'PizzaSize', slot: 'size', text: 'huge', start: 4, end: 8, value: 'large' }]);
    expect(readLexV2Details(answer)?.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'date' });

    // Without the expectation Lex is told to elicit an intent, and the same words are no request.
    const alone = await lex.recognize('the huge one', { conversationId: 'web-elicit' });
    expect(lex.lastBody().sessionState).toEqual({ dialogAction: { type: 'ElicitIntent' } });
    expect(alone.topIntent).toBeNull();
  });

  it('tells Lex the dialog is confirming (ConfirmIntent), so a change said in the answer comes back as a slot', async () => {
    const expecting = { intent: 'OrderPizza', confirmation: true };
    const answer = await lex.recognize('no, make it a big one', { conversationId: 'web-confirm', expecting });
    expect(lex.lastBody().sessionState).toEqual({
      dialogAction: { type: 'ConfirmIntent' },
      intent: { name: 'OrderPizza', state: 'InProgress', confirmationState: 'None' },
    });
    expect(answer.topIntent).toBe('OrderPizza');
    expect(answer.entities).toMatchObject([{ slot: 'size', text: 'big', value: 'large' }]);

    // A new request during the confirmation is read as one.
    const switched = await lex.recognize('can I get a refund', { conversationId: 'web-confirm', expecting });
    expect(switched.topIntent).toBe('RequestRefund');
  });

  it('passes session attributes to Lex and exposes the ones it answers with', async () => {
    const first = await lex.recognize('hello', { conversationId: 'web-attributes', attributes: { plan: 'gold', region: 'west' } });
    expect(lex.lastBody().sessionState.sessionAttributes).toEqual({ plan: 'gold', region: 'west' });
    expect(readLexV2Details(first)).toMatchObject({ sessionId: 'web-attributes', sessionAttributes: { plan: 'gold', region: 'west' } });
    // Without attributes, none are sent and Lex keeps the session's own.
    const second = await lex.recognize('hi', { conversationId: 'web-attributes' });
    expect(lex.lastBody().sessionState).not.toHaveProperty('sessionAttributes');
    expect(readLexV2Details(second)?.sessionAttributes).toEqual({ plan: 'gold', region: 'west' });
  });

  it('keeps one Lex session per conversation, hashing ids Lex would refuse', async () => {
    const long = `conversation ${'x'.repeat(300)} from the web chat`;
    const sessionIds: string[] = [];
    for (const conversationId of [long, long, 'web:42', undefined, undefined]) {
      const recognition = await lex.recognize('hello', conversationId === undefined ? {} : { conversationId });
      sessionIds.push(readLexV2Details(recognition)!.sessionId!);
    }
    const [hashedA, hashedB, plain, freshA, freshB] = sessionIds;
    expect(hashedA).toMatch(/^p-[0-9a-f]{64}$/);
    expect(hashedB).toBe(hashedA);
    expect(plain).toBe('web:42');
    expect(freshA).toMatch(/^[0-9a-zA-Z._:-]{2,100}$/);
    expect(freshB).not.toBe(freshA);
    expect(lex.emulator.calls.slice(-5).map((call) => call.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it('maps the sentiment when the alias analyses it', async () => {
    const moody = lex.recognizerFor({ botId: 'MOODYBOT01' });
    const recognition = await moody.recognize({ text: 'I want a refund', locale: 'en-US', now: new Date(), timeZone: 'UTC' });
    expect(readLexV2Details(recognition)?.sentiment).toEqual({ label: 'negative', scores: { positive: 0.01, negative: 0.9, neutral: 0.08, mixed: 0.01 } });
    expect(readLexV2Details(await lex.recognize('I want a refund'))?.sentiment).toBeUndefined();
  });

  it('answers an empty message without calling Lex', async () => {
    const calls = lex.emulator.calls.length;
    expect(await lex.recognize('   ')).toMatchObject({ topIntent: null, intents: [], entities: [], provider: 'lex-v2' });
    expect(lex.emulator.calls.length).toBe(calls);
  });

  it('went through the real SDK: HTTP/2, its default handler, a SigV4 signature for lex', async () => {
    await lex.recognize('hello', { conversationId: 'web:path-check' });
    const call = lex.emulator.calls.at(-1)!;
    expect(lex.client.config.requestHandler.constructor.name).toBe('NodeHttp2Handler');
    expect(call.httpVersion).toBe('2.0');
    expect(call.headers['user-agent']).toMatch(/aws-sdk-js\/3\.\d+.*api\/lex-runtime-v2/);
    expect(call.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDFAKEFAKEFAKE\/\d{8}\/us-east-1\/lex\/aws4_request, SignedHeaders=:authority;/);
    expect(decodeURIComponent(call.path)).toBe('/bots/PARLEYBOT1/botAliases/TSTALIASID/botLocales/en_US/sessions/web:path-check/text');
  });
});
