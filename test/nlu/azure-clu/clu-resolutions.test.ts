// Resolutions in the shapes CLU sends (2023-04-01 spec), mapped to Parley's canonical values.
import { describe, expect, it } from 'vitest';
import { ProviderCallError } from '../../../src/core/errors.js';
import { mapCluResult, readCluDateTime } from '../../../src/nlu/azure-clu/index.js';
import { model, request } from './clu-fixture.js';

const dateTime = (dateTimeSubKind: string, timex: string, value: string) => ({ resolutionKind: 'DateTimeResolution', dateTimeSubKind, timex, value });
/** Monday 4 March 2030, 23:30 in New York: already Tuesday 5 March in UTC. */
const lateEvening = { now: new Date('2030-03-05T04:30:00Z'), timeZone: 'America/New_York' };

function answer(text: string, entities: unknown[], topIntent = 'BookAppointment') {
  return {
    kind: 'ConversationResult',
    result: { query: text, prediction: { projectKind: 'Conversation', topIntent, intents: [{ category: topIntent, confidenceScore: 0.9 }, { category: 'None', confidenceScore: 0.1 }], entities } },
  };
}

describe('CLU DateTime resolutions', () => {
  it('reads dates, times and date-times; durations and sets have no single value', () => {
    expect(readCluDateTime([dateTime('Date', '2030-03-05', '2030-03-05')], lateEvening)).toEqual({ date: '2030-03-05' });
    expect(readCluDateTime([dateTime('Time', 'T15:30', '15:30:00')], lateEvening)).toEqual({ time: '15:30' });
    expect(readCluDateTime([dateTime('DateTime', '2030-03-05T15', '2030-03-05 15:00:00')], lateEvening)).toEqual({ date: '2030-03-05', time: '15:00' });
    expect(readCluDateTime([dateTime('Duration', 'PT2H', '7200')], lateEvening)).toBeUndefined();
    expect(readCluDateTime([dateTime('Set', 'XXXX-WXX-1', 'not resolved')], lateEvening)).toBeUndefined();
  });

  it('picks, among CLU’s readings, the first date from the customer’s today on', () => {
    // "friday" said on Monday 4 March in New York: last week's and this week's.
    const friday = [dateTime('Date', 'XXXX-WXX-5', '2030-03-01'), dateTime('Date', 'XXXX-WXX-5', '2030-03-08')];
    expect(readCluDateTime(friday, lateEvening)).toEqual({ date: '2030-03-08' });
    // "monday": today counts for the customer, though the service's UTC day is already Tuesday.
    const monday = [dateTime('Date', 'XXXX-WXX-1', '2030-03-04'), dateTime('Date', 'XXXX-WXX-1', '2030-03-11')];
    expect(readCluDateTime(monday, lateEvening)).toEqual({ date: '2030-03-04' });
  });

  it('reads an hour said without am/pm in business hours', () => {
    expect(readCluDateTime([dateTime('Time', 'T03', '03:00:00'), dateTime('Time', 'T03', '15:00:00')], lateEvening)).toEqual({ time: '15:00' });
    expect(readCluDateTime([dateTime('Time', 'T08', '08:00:00'), dateTime('Time', 'T08', '20:00:00')], lateEvening)).toEqual({ time: '08:00' });
  });

  it('accepts the beta client’s kind names and a timex without a value', () => {
    expect(readCluDateTime([{ resolutionKind: 'DateTime', dateTimeSubKind: 'Date', timex: '2030-03-06' }], lateEvening)).toEqual({ date: '2030-03-06' });
  });
});

describe('CLU entities to Parley entities', () => {
  it('ties a DateTime to the date and time slots, each getting its part', () => {
    const text = 'book a repair friday at 3';
    const span = { text: 'friday at 3', offset: 14, length: 11, confidenceScore: 0.9 };
    const resolutions = [dateTime('DateTime', 'XXXX-WXX-5T03', '2030-03-01 03:00:00'), dateTime('DateTime', 'XXXX-WXX-5T15', '2030-03-08 15:00:00')];
    const recognition = mapCluResult(
      answer(text, [{ category: 'date', ...span, resolutions }, { category: 'time', ...span, resolutions }]),
      request(text, lateEvening),
      { model },
    );
    expect(recognition.entities.map(({ type, slot, value }) => ({ type, slot, value }))).toEqual([
      { type: 'date', slot: 'date', value: '2030-03-08' },
      { type: 'time', slot: 'time', value: '15:00' },
    ]);
  });

  it('reads numbers, quantities and ordinals counted from the start', () => {
    const text = 'why did my bill go up $20';
    const currency = { resolutionKind: 'CurrencyResolution', unit: 'Dollar', ISO4217: 'USD', value: 20 };
    const viaCurrency = mapCluResult(answer(text, [{ category: 'amount', text: '$20', offset: 22, length: 3, confidenceScore: 1, resolutions: [currency] }], 'BillingQuestion'), request(text), { model });
    expect(viaCurrency.entities).toMatchObject([{ type: 'number', slot: 'amount', value: 20 }]);
    const third = { resolutionKind: 'OrdinalResolution', offset: '3', relativeTo: 'Start', value: '3' };
    const last = { resolutionKind: 'OrdinalResolution', offset: '0', relativeTo: 'End', value: '0' };
    const ordinals = mapCluResult(
      answer('the third one, not the last', [
        { category: 'Position', text: 'third', offset: 4, length: 5, confidenceScore: 1, resolutions: [third] },
        { category: 'Position', text: 'last', offset: 23, length: 4, confidenceScore: 1, resolutions: [last] },
      ]),
      request('the third one, not the last'),
    );
    expect(ordinals.entities.map(({ type, value }) => ({ type, value }))).toEqual([{ type: 'number', value: 3 }, { type: 'Position', value: 'last' }]);
  });

  it('reads an unresolved learned date in the customer’s time zone', () => {
    // At 23:30 in New York "tomorrow" is Tuesday 5 March, whatever day it is in UTC.
    const text = 'book a repair tomorrow';
    const recognition = mapCluResult(answer(text, [{ category: 'date', text: 'tomorrow', offset: 14, length: 8, confidenceScore: 0.8 }]), request(text, lateEvening), { model });
    expect(recognition.entities).toEqual([{ type: 'date', slot: 'date', text: 'tomorrow', start: 14, end: 22, value: '2030-03-05', confidence: 0.8 }]);
  });

  it('reads in UTC when the request’s time zone cannot be read, rather than failing the turn', () => {
    const text = 'book a repair tomorrow';
    const recognition = mapCluResult(answer(text, [{ category: 'date', text: 'tomorrow', offset: 14, length: 8, confidenceScore: 1 }]), request(text, { ...lateEvening, timeZone: 'Mars/Olympus' }), { model });
    expect(recognition.entities).toMatchObject([{ type: 'date', value: '2030-03-06' }]);
  });

  it('ties the slot being asked for when no intent is understood', () => {
    const text = 'the 20th';
    const recognition = mapCluResult(
      answer(text, [{ category: 'date', text: 'the 20th', offset: 0, length: 8, confidenceScore: 1, resolutions: [dateTime('Date', 'XXXX-XX-20', '2030-03-20')] }], 'None'),
      request(text, { expecting: { intent: 'BookAppointment', slot: 'date', slotType: 'date' } }),
      { model },
    );
    expect(recognition.topIntent).toBeNull();
    expect(recognition.entities).toMatchObject([{ type: 'date', slot: 'date', value: '2030-03-20' }]);
  });

  it('refuses what is not a conversation result, without repeating it', () => {
    expect(() => mapCluResult({ kind: 'ConversationResult', result: { query: 'secret words' } }, request('secret words'))).toThrow(ProviderCallError);
    expect(() => mapCluResult({ kind: 'ConversationResult', result: { query: 'secret words' } }, request('secret words'))).not.toThrow(/secret/);
    const orchestration = { kind: 'ConversationResult', result: { query: 'x', prediction: { projectKind: 'Orchestration', topIntent: 'a', intents: {} } } };
    expect(() => mapCluResult(orchestration, request('x'))).toThrow(/Orchestration project/);
  });
});
