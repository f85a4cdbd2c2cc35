/**
 * Real Lex V2 answers mapped to Recognitions. The corpus holds no RecognizeText recording, but its
 * code-hook events (recorded by AWS's own libraries) carry the same `interpretations` and
 * `sessionState` shapes, with `nluConfidence` as a bare number; the wire probe holds the RecognizeText
 * body the SDK parsed.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusPath, sharedAvailable, sharedPath } from '../../support/shared-corpus.js';
import { mapLexV2Response, readLexV2Details, type LexV2Response } from '../../../src/nlu/lex-v2/index.js';

const corpus = pathToFileURL(corpusPath('lex-events/'));
const captures = pathToFileURL(sharedPath('research/wire-captures/'));
const corpusPresent = corpusAvailable('lex-events', 'the replay of recorded Lex events');
const capturesPresent = sharedAvailable('research/wire-captures', 'the mapping of the recorded RecognizeText answer');

type CodeHookEvent = LexV2Response & { inputTranscript: string };

async function readJson<T>(directory: URL, file: string): Promise<T> {
  return JSON.parse(await readFile(new URL(file, directory), 'utf8')) as T;
}

function map(event: CodeHookEvent, slotTypes: Record<string, string> = {}) {
  return mapLexV2Response(event, { text: event.inputTranscript, locale: 'en-US', latencyMs: 0, slotTypeOf: (_intent, slot) => slotTypes[slot], raw: event });
}

describe.skipIf(!corpusPresent)('recorded Lex V2 code-hook events (corpus lex-events)', () => {
  it('ranks the interpretations, leaving FallbackIntent out wherever Lex put it', async () => {
    const banking = map(await readJson<CodeHookEvent>(corpus, 'aws-sam-cli__lex-v2_BankingBot.json'));
    expect(banking.topIntent).toBe('CheckBalance');
    expect(banking.intents).toEqual([
      { name: 'CheckBalance', confidence: 1 },
      { name: 'Welcome', confidence: 0.23 },
    ]);
    const bookCar = map(await readJson<CodeHookEvent>(corpus, 'aws-sam-cli__lex-v2_LexBookCar.json'));
    expect(bookCar).toMatchObject({ topIntent: 'BookCar', intents: [{ name: 'BookCar', confidence: 1 }, { name: 'BookHotel', confidence: 0.51 }], entities: [] });
  });

  it('maps slots to entities: located when the words are in the text, -1 when Lex carried them from earlier turns', async () => {
    const event = await readJson<CodeHookEvent>(corpus, 'aws-lambda-java-libs__lex_v2_event.json');
    const recognition = map(event, { Nights: 'number', CheckInDate: 'date' });
    expect(recognition.text).toBe('deluxe');
    expect(recognition.topIntent).toBe('BookHotel');
    expect(recognition.entities).toEqual([
      { type: 'RoomType', slot: 'RoomType', text: 'deluxe', start: 0, end: 6, value: 'deluxe' },
      { type: 'date', slot: 'CheckInDate', text: 'fifth of may', start: -1, end: -1, value: '2022-05-05' },
      { type: 'number', slot: 'Nights', text: 'fourteen', start: -1, end: -1, value: 14 },
      { type: 'Location', slot: 'Location', text: 'seattle', start: -1, end: -1, value: 'seattle' },
    ]);
    expect(readLexV2Details(recognition)?.slots.CheckInDate).toEqual([{ originalValue: 'fifth of may', interpretedValue: '2022-05-05', resolvedValues: ['2022-05-05'] }]);
  });

  it('keeps a date said as digits, with its resolved value', async () => {
    const recognition = map(await readJson<CodeHookEvent>(corpus, 'aws-sam-cli__lex-v2_BankingBot.json'), { dateofBirth: 'date' });
    expect(recognition.entities[0]).toEqual({ type: 'date', slot: 'dateofBirth', text: '01/01/1990', start: 0, end: 10, value: '1990-01-01' });
    expect(readLexV2Details(recognition)).toMatchObject({ sessionAttributes: {}, intentState: 'ReadyForFulfillment', slots: { accountType: [{ resolvedValues: ['Savings'] }] } });
  });
});

describe.skipIf(!capturesPresent)('the RecognizeText answer of the wire probe', () => {
  it('maps the body the real SDK parsed', async () => {
    const capture = await readJson<{ clientResult: { output: LexV2Response } }>(captures, 'lexruntime-RecognizeText-h2c-default.json');
    const output = capture.clientResult.output;
    const recognition = mapLexV2Response(output, { text: 'I want a pizza', locale: 'en-US', latencyMs: 12, raw: output });
    expect(recognition).toMatchObject({ provider: 'lex-v2', topIntent: 'OrderPizza', intents: [{ name: 'OrderPizza', confidence: 0.93 }], entities: [] });
    expect(readLexV2Details(recognition)).toEqual({
      sessionId: 'sess-1',
      sessionAttributes: { k: 'v' },
      dialogAction: { type: 'ElicitSlot', slotToElicit: 'Size' },
      intentState: 'InProgress',
      confirmationState: 'None',
      slots: {},
      messages: [{ contentType: 'PlainText', content: 'What size?' }],
    });
  });
});
