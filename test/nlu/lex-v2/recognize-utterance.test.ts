import { RecognizeUtteranceCommand, type RecognizeUtteranceCommandInput } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLexV2Header, encodeLexV2Header, mapLexV2Response, readLexV2Details, type LexV2Response } from '../../../src/nlu/lex-v2/index.js';
import { startLexFixture, type LexFixture } from './lex-fixture.js';

let lex: LexFixture;
beforeAll(async () => {
  lex = await startLexFixture();
});
afterAll(() => lex?.close());

function utterance(text: string, extra: Partial<RecognizeUtteranceCommandInput> = {}) {
  return new RecognizeUtteranceCommand({
    ...lex.emulator.bot,
    localeId: 'en_US',
    sessionId: 'voice-1',
    requestContentType: 'text/plain; charset=utf-8',
    responseContentType: 'text/plain; charset=utf-8',
    inputStream: Buffer.from(text, 'utf8'),
    ...extra,
  });
}

describe('Lex runtime emulator: RecognizeUtterance with text, through the real SDK', () => {
  it('answers in gzip+base64 headers that decode to the turn', async () => {
    const response = await lex.client.send(
      utterance('order a large pizza', {
        sessionState: encodeLexV2Header({ sessionAttributes: { channel: 'voice' } }),
        requestAttributes: encodeLexV2Header({ 'x-amz-lex:time-zone': 'America/New_York' }),
      }),
    );
    for (const header of [response.messages, response.sessionState, response.interpretations, response.requestAttributes, response.inputTranscript]) {
      expect(header).toMatch(/^H4sI/); // base64 of the gzip magic bytes
    }
    expect(response).toMatchObject({ inputMode: 'Text', sessionId: 'voice-1', contentType: 'text/plain; charset=utf-8' });
    expect(decodeLexV2Header(response.inputTranscript!)).toBe('order a large pizza');
    expect(decodeLexV2Header(response.messages!)).toEqual([{ contentType: 'PlainText', content: 'For which day?' }]);
    expect(decodeLexV2Header(response.requestAttributes!)).toEqual({ 'x-amz-lex:time-zone': 'America/New_York' });
    const decoded: LexV2Response = {
      interpretations: decodeLexV2Header(response.interpretations!),
      sessionState: decodeLexV2Header(response.sessionState!),
      sessionId: response.sessionId,
    };
    expect(decoded.sessionState).toMatchObject({
      dialogAction: { type: 'ElicitSlot', slotToElicit: 'date' },
      intent: { name: 'OrderPizza', state: 'InProgress', slots: { date: null, size: { value: { originalValue: 'large', interpretedValue: 'large' } } } },
      sessionAttributes: { channel: 'voice' },
    });
    expect(decoded.interpretations!.at(-1)).toEqual({ intent: { name: 'FallbackIntent', slots: {}, state: 'InProgress', confirmationState: 'None' }, interpretationSource: 'Lex' });
    expect(await response.audioStream?.transformToByteArray()).toHaveLength(0);

    const recognition = mapLexV2Response(decoded, { text: 'order a large pizza', locale: 'en-US', latencyMs: 0, raw: decoded });
    expect(recognition.topIntent).toBe('OrderPizza');
    expect(recognition.entities).toEqual([{ type: 'size', slot: 'size', text: 'large', start: 8, end: 13, value: 'large' }]);
    expect(readLexV2Details(recognition)?.sessionAttributes).toEqual({ channel: 'voice' });
  });

  it('continues the session: the elicited slot is read from the next utterance', async () => {
    const response = await lex.client.send(utterance('tomorrow', { requestAttributes: encodeLexV2Header({ 'x-amz-lex:time-zone': 'America/New_York' }) }));
    const state = decodeLexV2Header<LexV2Response['sessionState']>(response.sessionState!);
    expect(state).toMatchObject({
      dialogAction: { type: 'Close' },
      intent: { name: 'OrderPizza', state: 'ReadyForFulfillment', slots: { size: { value: { interpretedValue: 'large' } }, date: { value: { originalValue: 'tomorrow', interpretedValue: '2030-03-05' } } } },
      sessionAttributes: { channel: 'voice' },
    });
  });

  it('reads a session state sent as plain base64 JSON, as the SDK passes it through unchanged', async () => {
    const plain = Buffer.from(JSON.stringify({ sessionAttributes: { k: 'v' } })).toString('base64');
    const response = await lex.client.send(utterance('hello', { sessionId: 'voice-2', sessionState: plain }));
    expect(decodeLexV2Header(response.sessionState!)).toMatchObject({ sessionAttributes: { k: 'v' }, intent: { name: 'Hello' } });
  });

  it('refuses audio, which it cannot hear, as a ValidationException', async () => {
    const error = await lex.client.send(utterance('', { requestContentType: 'audio/l16; rate=16000; channels=1', inputStream: Buffer.alloc(3200) })).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
  });

  it('breaks the interpretations header when the malformed fault is on', async () => {
    lex.emulator.setFaults({ malformedRate: 1 });
    const response = await lex.client.send(utterance('hello', { sessionId: 'voice-3' }));
    lex.emulator.setFaults({});
    expect(() => decodeLexV2Header(response.interpretations!)).toThrow(SyntaxError);
  });
});
