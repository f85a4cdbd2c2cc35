// Real CLU answers (the Azure SDK's own live recording, the REST spec example, a wire capture) mapped
// directly and through the real client, from a local server that replays them.
import { AzureKeyCredential, ConversationAnalysisClient } from '@azure/ai-language-conversations';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { IntentModel } from '../../../src/content/intent-model.js';
import { createCluRecognizer, mapCluResult } from '../../../src/nlu/azure-clu/index.js';
import type { RecognizeRequest } from '../../../src/nlu/recognizer.js';
import { corpusAvailable, corpusPath, sharedPath } from '../../support/shared-corpus.js';

const recordingPath = corpusPath('clu-runtime/azure-sdk-for-js__recording_test_conversation_app.json');
const specExamplePath = corpusPath('clu-runtime/azure-rest-api-specs__2023-04-01__SuccessfulAnalyzeConversations.example.json');
const capturePath = sharedPath('research/wire-captures/azure-clu-analyzeConversation-http-insecureopt.json');
const present = existsSync(recordingPath);
const skip = !corpusAvailable('clu-runtime/azure-sdk-for-js__recording_test_conversation_app.json', 'the recorded CLU exchanges');

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** The email app's intents as an intent model: `MeetingDate` and `Contact` are slots of `Send`, by the naming convention. */
const emailModel: IntentModel = {
  locales: {
    'en-US': {
      locale: 'en-US',
      slotTypes: [],
      intents: [
        {
          name: 'Send',
          utterances: [],
          slots: [
            { name: 'Contact', type: 'text', required: true, aliases: [] },
            { name: 'MeetingDate', type: 'date', required: false, aliases: [] },
          ],
        },
      ],
    },
  },
};

/** A local server answering every call with one recorded body, and the request it was sent. */
async function replay(body: unknown): Promise<{ url: string; received: unknown[]; close: () => Promise<void> }> {
  const received: unknown[] = [];
  const server = createServer(async (request, response) => {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    received.push(JSON.parse(text));
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe.skipIf(skip)('recorded CLU exchanges', () => {
  const recording = present ? readJson(recordingPath).Entries[0] : undefined;
  const recordedRequest = (): RecognizeRequest => ({
    text: recording.RequestBody.analysisInput.conversationItem.text,
    locale: 'en',
    now: new Date(recording.ResponseHeaders.Date),
    timeZone: 'UTC',
  });
  const expectedEntities = [
    { type: 'text', slot: 'Contact', text: 'Carol', start: 17, end: 22, value: 'Carol', confidence: 1 },
    { type: 'date', slot: 'MeetingDate', text: 'tomorrow', start: 33, end: 41, value: '2022-08-04', confidence: 1 },
  ];

  it('maps the live recording: ranked intents, None dropped, entities tied to slots', () => {
    const recognition = mapCluResult(recording.ResponseBody, recordedRequest(), { model: emailModel });
    expect(recognition.topIntent).toBe('Send');
    expect(recognition.intents.map((intent) => intent.name)).toEqual(['Send', 'Read', 'Setup', 'Set', 'Find', 'Call', 'Play', 'Open']);
    expect(recognition.intents[0]?.confidence).toBeCloseTo(0.9053172, 7);
    expect(recognition.entities).toEqual(expectedEntities);
    expect(recognition.raw).toBe(recording.ResponseBody);
  });

  it('gives the same Recognition when the real client fetches the recording (beta renames confidenceScore)', async () => {
    const server = await replay(recording.ResponseBody);
    try {
      const client = new ConversationAnalysisClient(server.url, new AzureKeyCredential('k'), { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } });
      const recognizer = createCluRecognizer({ client, projectName: 'EmailApp', deploymentName: 'production', model: emailModel });
      const recognition = await recognizer.recognize(recordedRequest());
      expect((recognition.raw as any).result.prediction.intents[0]).toEqual({ category: 'Send', confidence: 0.9053172 });
      expect(recognition.topIntent).toBe('Send');
      expect(recognition.intents).toEqual(mapCluResult(recording.ResponseBody, recordedRequest()).intents);
      expect(recognition.entities).toEqual(expectedEntities);
      expect(server.received[0]).toMatchObject({ parameters: { projectName: 'EmailApp', stringIndexType: 'Utf16CodeUnit' } });
    } finally {
      await server.close();
    }
  });

  it('maps the 2023-04-01 spec example, where no model names the entity', () => {
    const example = readJson(specExamplePath);
    const text = example.parameters.body.analysisInput.conversationItem.text;
    const recognition = mapCluResult(example.responses['200'].body, { text, locale: 'en-US', now: new Date(), timeZone: 'UTC' });
    expect(recognition.topIntent).toBe('PlayMusic');
    expect(recognition.entities).toEqual([{ type: 'Media.Artist', text: 'Phil Collins', start: 29, end: 41, value: 'Phil Collins', confidence: 1 }]);
  });

  it('maps the wire capture’s list key to its canonical value', () => {
    const exchange = readJson(capturePath).exchanges[0];
    const recognition = mapCluResult(exchange.response.bodyJson, { text: 'I want large pizza', locale: 'en', now: new Date(), timeZone: 'UTC' });
    expect(recognition.topIntent).toBe('OrderPizza');
    expect(recognition.intents).toEqual([{ name: 'OrderPizza', confidence: 0.95 }]);
    expect(recognition.entities).toEqual([{ type: 'Size', text: 'large', start: 7, end: 12, value: 'Large', confidence: 1 }]);
  });
});
