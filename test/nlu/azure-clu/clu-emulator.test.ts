// The emulator's own contract, spoken to over plain HTTP: what the service accepts and how it refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CluEmulator } from '../../../src/testing/emulators/clu/index.js';
import { apiKey, startEmulator } from './clu-fixture.js';

let clu: CluEmulator;
beforeAll(async () => {
  clu = await startEmulator();
});
afterAll(() => clu.close());

const valid = {
  kind: 'Conversation',
  analysisInput: { conversationItem: { id: '1', participantId: 'user1', language: 'en', modality: 'text', text: 'book a fix for tomorrow' } },
  parameters: { projectName: 'Parley', deploymentName: 'production', verbose: true },
};

async function post(body: unknown, { version = '2023-04-01', key = apiKey, path = '/language/:analyze-conversations' } = {}) {
  const response = await fetch(`${clu.url}${path}?api-version=${version}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'ocp-apim-subscription-key': key } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, errorCode: response.headers.get('x-ms-error-code'), retryAfter: response.headers.get('retry-after'), body: await response.text() };
}

describe('CLU emulator', () => {
  it('answers in CLU’s shape, counting offsets in text elements by default', async () => {
    const { status, body } = await post({ ...valid, analysisInput: { conversationItem: { ...valid.analysisInput.conversationItem, text: '👍🏽 book a fix for tomorrow' } } });
    expect(status).toBe(200);
    const result = JSON.parse(body);
    expect(result).toMatchObject({ kind: 'ConversationResult', result: { query: '👍🏽 book a fix for tomorrow', prediction: { projectKind: 'Conversation', topIntent: 'BookAppointment' } } });
    const prediction = result.result.prediction;
    expect(prediction.intents.map((intent: { category: string }) => intent.category)).toContain('None');
    expect(prediction.intents).toHaveLength(7);
    expect(prediction.entities).toEqual([
      { category: 'service', text: 'fix', offset: 9, length: 3, confidenceScore: 1, extraInformation: [{ extraInformationKind: 'ListKey', key: 'repair' }] },
      {
        category: 'date', text: 'tomorrow', offset: 17, length: 8, confidenceScore: 1,
        resolutions: [{ resolutionKind: 'DateTimeResolution', dateTimeSubKind: 'Date', timex: '2030-03-05', value: '2030-03-05' }],
      },
    ]);
  });

  it('accepts the api-versions the clients send and refuses others as the gateway does', async () => {
    for (const version of ['2022-05-15-preview', '2022-05-01', '2024-11-01']) expect((await post(valid, { version })).status).toBe(200);
    const refused = await post(valid, { version: '2021-01-01' });
    expect(refused).toMatchObject({ status: 404, body: JSON.stringify({ error: { code: '404', message: 'Resource not found' } }) });
    expect((await post(valid, { path: '/language/:analyze-text' })).status).toBe(404);
  });

  it('refuses a missing or wrong key with 401 and CLU’s error body', async () => {
    for (const key of ['', 'wrong']) {
      const refused = await post(valid, { key });
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.body)).toMatchObject({ error: { code: '401', message: expect.stringMatching(/^Access denied/) } });
    }
  });

  it('validates the body: 400 with the first problem named', async () => {
    const noText = await post({ ...valid, analysisInput: { conversationItem: { id: '1', participantId: 'user1' } } });
    expect(noText).toMatchObject({ status: 400, errorCode: 'InvalidArgument' });
    expect(JSON.parse(noText.body).error.innererror).toEqual({ code: 'InvalidParameterValue', message: 'analysisInput.conversationItem.text is required' });
    expect(JSON.parse((await post({ ...valid, parameters: { projectName: 'Parley' } })).body).error.innererror.message).toBe('parameters.deploymentName is required');
    expect(JSON.parse((await post({ ...valid, kind: 'Orchestration' })).body).error.innererror.message).toBe('kind must be "Conversation"');
    expect(JSON.parse((await post('{"kind":')).body).error.innererror.code).toBe('InvalidRequestBodyFormat');
    expect((await post({ ...valid, parameters: { ...valid.parameters, stringIndexType: 'Bytes' } })).status).toBe(400);
    expect((await post({ ...valid, parameters: { ...valid.parameters, stringIndexType: 'TextElement_V8' } })).status).toBe(200);
  });

  it('refuses an unknown project or deployment with 404, and an unknown language with 400', async () => {
    expect(await post({ ...valid, parameters: { ...valid.parameters, projectName: 'Other' } })).toMatchObject({ status: 404, errorCode: 'ProjectNotFound' });
    expect(await post({ ...valid, parameters: { ...valid.parameters, deploymentName: 'staging' } })).toMatchObject({ status: 404, errorCode: 'NotFound' });
    const french = { ...valid, analysisInput: { conversationItem: { ...valid.analysisInput.conversationItem, language: 'fr' } } };
    expect(JSON.parse((await post(french)).body).error.innererror.code).toBe('UnsupportedLanguageCode');
  });

  it('throttles with Retry-After, and returns broken JSON when malformed', async () => {
    clu.setFaults({ throttleRate: 1 });
    expect(await post(valid)).toMatchObject({ status: 429, errorCode: 'TooManyRequests', retryAfter: '1' });
    clu.setFaults({ malformedRate: 1 });
    const broken = await post(valid);
    expect(broken.status).toBe(200);
    expect(() => JSON.parse(broken.body)).toThrow(SyntaxError);
    clu.setFaults({});
  });

  it('serves any project when none are configured, and records every call', async () => {
    const open = await startEmulator({ projects: undefined, apiKey: undefined });
    try {
      const response = await fetch(`${open.url}/language/:analyze-conversations?api-version=2023-04-01`, {
        method: 'POST',
        body: JSON.stringify({ ...valid, parameters: { projectName: 'Anything', deploymentName: 'whatever' } }),
      });
      expect(response.status).toBe(200);
      expect(open.calls).toMatchObject([{ apiVersion: '2023-04-01', status: 200, body: { parameters: { projectName: 'Anything' } } }]);
    } finally {
      await open.close();
    }
  });
});
