import { AzureKeyCredential } from '@azure/ai-language-conversations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/core/errors.js';
import { createCluRecognizer } from '../../../src/nlu/azure-clu/index.js';
import type { CluEmulator } from '../../../src/testing/emulators/clu/index.js';
import { apiKey, recognizerFor, request, startEmulator } from './clu-fixture.js';

let clu: CluEmulator;
beforeAll(async () => {
  clu = await startEmulator();
});
afterAll(() => clu.close());

const words = (text: string, entity: { start: number; end: number }) => text.slice(entity.start, entity.end);

describe('Azure CLU recognizer, through the real client and the emulator', () => {
  it('ranks the intents best first, without CLU’s None, and names the top one', async () => {
    const recognition = await recognizerFor(clu).recognize(request('book a repair for tomorrow at 3pm please'));
    expect(recognition.provider).toBe('azure-clu');
    expect(recognition.topIntent).toBe('BookAppointment');
    expect(recognition.intents[0]?.name).toBe('BookAppointment');
    expect(recognition.intents.map((intent) => intent.name)).not.toContain('None');
    expect(recognition.intents).toHaveLength(6);
    const confidences = recognition.intents.map((intent) => intent.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    expect(recognition.latencyMs).toBeGreaterThan(0);
    expect(recognition.raw).toMatchObject({ kind: 'ConversationResult', result: { prediction: { topIntent: 'BookAppointment' } } });
  });

  it('says nothing is understood when CLU answers None', async () => {
    const recognition = await recognizerFor(clu).recognize(request('what is the capital of peru'));
    expect((recognition.raw as { result: { prediction: { topIntent: string } } }).result.prediction.topIntent).toBe('None');
    expect(recognition.topIntent).toBeNull();
    expect(recognition.intents.length).toBeGreaterThan(0);
  });

  it('says nothing is understood under the project threshold', async () => {
    const strict = await startEmulator({ projects: [{ projectName: 'Parley', deployments: ['production'], confidenceThreshold: 0.999 }] });
    try {
      expect((await recognizerFor(strict).recognize(request('book a repair for tomorrow'))).topIntent).toBeNull();
    } finally {
      await strict.close();
    }
    // The same threshold applied by the recognizer, for services that leave it to the caller.
    expect((await recognizerFor(clu, { threshold: 0.999 }).recognize(request('book a repair for tomorrow'))).topIntent).toBeNull();
  });

  it('maps list keys, date-time resolutions and slots to canonical values with exact offsets', async () => {
    const text = 'book a fix for tomorrow at 3pm please';
    const recognition = await recognizerFor(clu).recognize(request(text));
    expect(recognition.entities.map((entity) => ({ type: entity.type, slot: entity.slot, value: entity.value, words: words(text, entity) }))).toEqual([
      { type: 'ServiceType', slot: 'service', value: 'repair', words: 'fix' },
      { type: 'date', slot: 'date', value: '2030-03-05', words: 'tomorrow at 3pm' },
      { type: 'time', slot: 'time', value: '15:00', words: 'tomorrow at 3pm' },
    ]);
  });

  it('counts offsets in UTF-16 code units, as JavaScript strings do', async () => {
    const text = '🎉👍🏽 book a fix for tomorrow';
    const recognition = await recognizerFor(clu).recognize(request(text));
    expect(clu.calls.at(-1)?.body).toMatchObject({ parameters: { stringIndexType: 'Utf16CodeUnit', isLoggingEnabled: false } });
    expect(recognition.entities.map((entity) => words(text, entity))).toEqual(['fix', 'tomorrow']);
  });

  it('canonicalises what CLU leaves unresolved: regex matches, phone numbers, numbers', async () => {
    const order = await recognizerFor(clu).recognize(request('track order ab 123-456'));
    expect(order.entities).toMatchObject([{ type: 'OrderNumber', slot: 'order', value: 'AB123456', text: 'ab 123-456' }]);
    const phone = await recognizerFor(clu).recognize(request('call me back on (617) 555-0123'));
    expect(phone.entities).toMatchObject([{ type: 'phone', slot: 'phone', value: '+16175550123' }]);
    const amount = await recognizerFor(clu).recognize(request('why did my bill go up 20 dollars'));
    expect(amount.entities).toMatchObject([{ type: 'number', slot: 'amount', value: 20 }]);
  });

  it('without the intent model, keeps the values but ties no slot', async () => {
    const recognition = await recognizerFor(clu, { model: undefined }).recognize(request('book a fix for tomorrow'));
    expect(recognition.entities.map(({ type, slot, value }) => ({ type, slot, value }))).toEqual([
      { type: 'service', slot: undefined, value: 'repair' },
      { type: 'date', slot: undefined, value: '2030-03-05' },
    ]);
  });

  it('sends the customer’s language, and the emulator serves it from the matching locale', async () => {
    const recognition = await recognizerFor(clu).recognize(request('quiero hablar con un agente', { locale: 'es-MX' }));
    expect(clu.calls.at(-1)?.body).toMatchObject({ analysisInput: { conversationItem: { language: 'es-mx', modality: 'text' } } });
    expect(recognition.topIntent).toBe('TalkToAgent');
    expect(recognition.locale).toBe('es-US');
  });

  it('creates its own client from endpoint and credential, loading the SDK on the first call', async () => {
    const recognizer = createCluRecognizer({
      endpoint: clu.url,
      credential: new AzureKeyCredential(apiKey),
      projectName: 'Parley',
      deploymentName: 'production',
      clientOptions: { allowInsecureConnection: true },
    });
    expect((await recognizer.recognize(request('hello there'))).topIntent).toBe('Greeting');
    expect(clu.calls.at(-1)?.apiVersion).toBe('2022-05-15-preview');
  });

  it('asks nothing for an empty message', async () => {
    const before = clu.calls.length;
    const recognition = await recognizerFor(clu).recognize(request('   '));
    expect(recognition).toMatchObject({ topIntent: null, intents: [], entities: [], provider: 'azure-clu' });
    expect(clu.calls.length).toBe(before);
  });

  it('names the setting that is missing or unsafe', () => {
    const base = { projectName: 'Parley', deploymentName: 'production', credential: new AzureKeyCredential(apiKey) };
    expect(() => createCluRecognizer({ ...base, deploymentName: '' })).toThrow(/azureClu\.deploymentName/);
    expect(() => createCluRecognizer({ ...base })).toThrow(/azureClu\.endpoint/);
    expect(() => createCluRecognizer({ ...base, endpoint: 'http://127.0.0.1:1' })).toThrow(ConfigurationError);
    expect(() => createCluRecognizer({ ...base, endpoint: 'https://x.cognitiveservices.azure.com', threshold: 2 })).toThrow(/threshold/);
  });
});
