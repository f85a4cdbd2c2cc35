// The emulator's authoring API, spoken to over plain HTTP: routes, jobs, error bodies, and the runtime serving a deployment.
import { afterAll, describe, expect, it } from 'vitest';
import { startCluEmulator } from '../../../../src/testing/emulators/clu/index.js';
import { compileCluProject } from '../../../../bot-deploy/azure-clu/index.js';
import { apiKey, model, serviceClock } from '../../../nlu/azure-clu/clu-fixture.js';

const clu = await startCluEmulator({ apiKey, clock: serviceClock });
afterAll(() => clu.close());
const base = '/language/authoring/analyze-conversations/projects';
const project = compileCluProject(model, { projectName: 'Shop', confidenceThreshold: 0.1 });

async function call(method: string, path: string, body?: unknown, { key = apiKey, version = '2023-04-01' } = {}) {
  const url = path.startsWith('http') ? path : `${clu.url}${path}${path.includes('?') ? '&' : '?'}api-version=${version}`;
  const response = await fetch(url, {
    method,
    headers: { ...(key ? { 'ocp-apim-subscription-key': key } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, location: response.headers.get('operation-location'), errorCode: response.headers.get('x-ms-error-code'), body: text ? JSON.parse(text) : undefined };
}

/** Polls a job to its end, returning every status seen and the last answer. */
async function follow(location: string | null) {
  expect(location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/language\/authoring\/.*jobs\/[0-9a-f-]+_\d+\?api-version=2023-04-01$/);
  const statuses: string[] = [];
  for (;;) {
    const { body } = await call('GET', location!);
    statuses.push(body.status);
    if (!['notStarted', 'running'].includes(body.status)) return { statuses, body };
  }
}

describe('CLU authoring emulator', () => {
  it('checks the key and the api-version as the gateway does', async () => {
    expect(await call('GET', `${base}/Shop`, undefined, { key: '' })).toMatchObject({ status: 401, body: { error: { code: '401' } } });
    expect(await call('GET', `${base}/Shop`, undefined, { version: '2020-01-01' })).toMatchObject({ status: 404, body: { error: { code: '404', message: 'Resource not found' } } });
  });

  it('answers a missing project with the service’s error body', async () => {
    expect(await call('GET', `${base}/Nowhere`)).toMatchObject({
      status: 404,
      errorCode: 'NotFound',
      body: { error: { code: 'NotFound', message: 'The project Nowhere could not be found.', innererror: { code: 'ProjectNotFound' } } },
    });
    expect((await call('POST', `${base}/Nowhere/:train`, { modelLabel: 'm1' })).status).toBe(404);
  });

  it('creates a project with PATCH (201, then 200) and reads it back', async () => {
    const created = await call('PATCH', `${base}/Draft`, { projectName: 'Draft', projectKind: 'Conversation', language: 'en-us', multilingual: false, description: 'a draft' });
    expect(created).toMatchObject({ status: 201, body: { projectName: 'Draft', projectKind: 'Conversation', language: 'en-us', description: 'a draft', createdDateTime: '2030-03-04T09:00:00Z' } });
    expect((await call('PATCH', `${base}/Draft`, { description: 'still a draft' })).status).toBe(200);
    expect((await call('GET', `${base}/Draft`)).body).toMatchObject({ projectName: 'Draft', description: 'still a draft' });
    const deleted = await call('DELETE', `${base}/Draft`);
    expect(deleted.status).toBe(202);
    expect(deleted.location).toContain(`${base}/global/deletion-jobs/`);
    expect((await follow(deleted.location)).statuses).toEqual(['notStarted', 'running', 'succeeded']);
    expect((await call('GET', `${base}/Draft`)).status).toBe(404);
  });

  it('refuses a project file it cannot read, naming where', async () => {
    const broken = structuredClone(project) as { assets: { utterances: { entities: { offset: number }[] }[] } };
    broken.assets.utterances.find((item) => item.entities.length > 0)!.entities[0]!.offset = -3;
    const refused = await call('POST', `${base}/Shop/:import`, broken);
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'InvalidArgument', innererror: { code: 'InvalidRequestBodyFormat', message: expect.stringMatching(/^assets\.utterances\[\d+\]\.entities\[0\]\.offset/) } } } });
    expect((await call('POST', `${base}/Other/:import`, project)).body.error.innererror.message).toMatch(/differs from the one in the path/);
    const unknownPrebuilt = structuredClone(project);
    unknownPrebuilt.assets.entities[0]!.prebuilts = [{ category: 'PhoneNumber' }];
    expect((await call('POST', `${base}/Shop/:import`, unknownPrebuilt)).body.error.innererror.message).toMatch(/PhoneNumber is not a prebuilt component/);
  });

  it('imports, exports, trains and deploys through jobs that go notStarted → running → succeeded', async () => {
    const imported = await call('POST', `${base}/Shop/:import`, project);
    expect(imported.status).toBe(202);
    expect((await follow(imported.location)).statuses).toEqual(['notStarted', 'running', 'succeeded']);

    const exported = await follow((await call('POST', `${base}/Shop/:export?stringIndexType=Utf16CodeUnit`)).location);
    const file = (await call('GET', exported.body.resultUrl)).body;
    expect(file).toMatchObject({ projectFileVersion: '2023-04-01', stringIndexType: 'Utf16CodeUnit', metadata: { projectName: 'Shop', settings: { confidenceThreshold: 0.1 } } });
    expect(file.assets.utterances.every((item: { language?: string }) => item.language)).toBe(true);

    expect((await call('POST', `${base}/Shop/:train`, { modelLabel: 'bad label!' })).status).toBe(400);
    const training = await follow((await call('POST', `${base}/Shop/:train`, { modelLabel: 'v1', trainingMode: 'standard' })).location);
    expect(training.body).toMatchObject({ status: 'succeeded', result: { modelLabel: 'v1', trainingStatus: { status: 'succeeded', percentComplete: 100 } } });
    const models = (await call('GET', `${base}/Shop/models`)).body.value;
    expect(models).toEqual([expect.objectContaining({ label: 'v1', modelId: expect.stringMatching(/^v1-/) })]);

    expect(await call('PUT', `${base}/Shop/deployments/production`, { trainedModelLabel: 'v9' })).toMatchObject({ status: 404, body: { error: { innererror: { code: 'TrainedModelNotFound' } } } });
    expect((await follow((await call('PUT', `${base}/Shop/deployments/production`, { trainedModelLabel: 'v1' })).location)).statuses).toEqual(['notStarted', 'running', 'succeeded']);
    expect((await call('GET', `${base}/Shop/deployments/production`)).body).toMatchObject({ deploymentName: 'production', modelId: models[0].modelId });
    expect((await call('GET', `${base}/Shop/deployments`)).body.value).toHaveLength(1);
    expect((await call('GET', `${base}/Shop/deployments/staging`)).status).toBe(404);
  });

  it('fails the next training job when asked, and keeps no model from it', async () => {
    clu.failNextJob('train');
    const failed = await follow((await call('POST', `${base}/Shop/:train`, { modelLabel: 'v2' })).location);
    expect(failed).toMatchObject({ statuses: ['notStarted', 'running', 'failed'], body: { errors: [{ code: 'InternalServerError' }] } });
    expect((await call('GET', `${base}/Shop/models/v2`)).status).toBe(404);
  });

  it('answers analyze-conversations from the deployed project', async () => {
    const analyze = (deploymentName: string) =>
      call('POST', '/language/:analyze-conversations', {
        kind: 'Conversation',
        analysisInput: { conversationItem: { id: '1', participantId: 'u', text: 'book a fix for tomorrow' } },
        parameters: { projectName: 'Shop', deploymentName, stringIndexType: 'Utf16CodeUnit' },
      });
    const answered = await analyze('production');
    expect(answered.body.result.prediction).toMatchObject({ topIntent: 'BookAppointment', entities: expect.arrayContaining([expect.objectContaining({ category: 'service', text: 'fix', extraInformation: [{ extraInformationKind: 'ListKey', key: 'repair' }] })]) });
    // The emulator has no model of its own: an undeployed name is unknown.
    expect((await analyze('staging')).status).toBe(404);
  });

  it('logs every call with its method and path, for asserting what a client wrote', () => {
    expect(clu.calls.some((item) => item.method === 'POST' && item.path === `${base}/Shop/:import` && item.status === 202)).toBe(true);
  });
});
