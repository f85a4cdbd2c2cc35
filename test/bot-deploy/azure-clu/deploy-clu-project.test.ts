// Deploying through the CLU authoring API, end to end against the emulator, with Azure's own REST client.
import { fileURLToPath } from 'node:url';
import { AzureKeyCredential, ConversationAnalysisClient } from '@azure/ai-language-conversations';
import { afterAll, describe, expect, it } from 'vitest';
import { loadIntents } from '../../../src/content/index.js';
import type { IntentModel } from '../../../src/content/intent-model.js';
import { ProviderCallError } from '../../../src/core/errors.js';
import { createCluRecognizer } from '../../../src/nlu/azure-clu/index.js';
import { startCluEmulator, type CluEmulator, type CluEmulatorCall } from '../../../src/testing/emulators/clu/index.js';
import { applyCluDeploy, cluModelLimit, compileCluProject, createCluAuthoringClient, deployCluProject, planCluDeploy, type CluAuthoringTarget } from '../../../bot-deploy/azure-clu/index.js';
import { apiKey, request, serviceClock } from '../../nlu/azure-clu/clu-fixture.js';

const reference = await loadIntents(fileURLToPath(new URL('../../../intents/', import.meta.url)));
// No model of its own: only what is deployed to it answers.
const clu: CluEmulator = await startCluEmulator({ apiKey, clock: serviceClock });
afterAll(() => clu.close());

const targetFor = (projectName: string, key = apiKey): CluAuthoringTarget => ({
  endpoint: clu.url,
  credential: new AzureKeyCredential(key),
  projectName,
  pollIntervalMs: 1,
  clientOptions: { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } },
});
/** Calls that change something: everything but reads (an export is a POST that only reads). */
const writes = (calls: readonly CluEmulatorCall[]) => calls.filter((call) => call.method !== 'GET' && !call.path.endsWith('/:export'));

function withUtterance(model: IntentModel, from: string, to: string): IntentModel {
  const copy = structuredClone(model);
  const greeting = copy.locales['en-US']!.intents.find((intent) => intent.name === 'Greeting')!;
  const utterance = greeting.utterances.find((item) => item.parts.length === 1 && item.parts[0]!.kind === 'text' && item.parts[0]!.text === from)!;
  utterance.parts = [{ kind: 'text', text: to }];
  return copy;
}

describe('deploying the reference assistant', () => {
  const target = targetFor('Parley');
  const project = compileCluProject(reference, { projectName: 'Parley' });

  it('plans everything for a new project without changing anything, then applies it', async () => {
    const before = clu.calls.length;
    const plan = await planCluDeploy(project, target);
    expect(writes(clu.calls.slice(before))).toEqual([]);
    const count = (kind: string) => plan.changes.filter((change) => change.kind === kind && change.change === 'added').length;
    expect(count('project')).toBe(1);
    expect(count('intent')).toBe(project.assets.intents.length - 1); // None is every project's
    expect(count('entity')).toBe(project.assets.entities.length);
    expect(count('utterance')).toBe(project.assets.utterances.length);
    expect(plan.changes.filter((change) => change.kind === 'model' || change.kind === 'deployment').map((change) => [change.kind, change.name])).toEqual([
      ['model', plan.modelLabel],
      ['deployment', 'production'],
    ]);
    expect(plan.modelLabel).toMatch(/^parley-[0-9a-f]{16}$/);
    expect(plan.steps).toEqual({ removeModels: [], import: true, train: true, deploy: true });
    expect((await applyCluDeploy(plan, target)).done).toEqual(['import', 'train', 'deploy']);
  });

  it('plans nothing the second time, and a second apply makes no write', async () => {
    const before = clu.calls.length;
    const plan = await planCluDeploy(project, target);
    expect(plan.changes).toEqual([]);
    expect((await applyCluDeploy(plan, target)).done).toEqual([]);
    expect(writes(clu.calls.slice(before))).toEqual([]);
  });

  it('answers at the runtime: the real CLU client and recognizer understand a reference utterance with its slots', async () => {
    const client = new ConversationAnalysisClient(clu.url, new AzureKeyCredential(apiKey), { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } });
    const recognizer = createCluRecognizer({ client, projectName: 'Parley', deploymentName: 'production', model: reference });
    const recognition = await recognizer.recognize(request('I need a repair tomorrow at 3pm'));
    expect(recognition.topIntent).toBe('BookAppointment');
    expect(recognition.entities.map((entity) => [entity.slot, entity.value])).toEqual([
      ['service', 'repair'],
      ['date', '2030-03-05'],
      ['time', '15:00'],
    ]);
    expect((await recognizer.recognize(request('where is order AB123456'))).entities).toEqual([expect.objectContaining({ slot: 'orderNumber', value: 'AB123456' })]);
  });

  it('plans one changed utterance as just that, with a new model and deployment, and applies it', async () => {
    const changed = compileCluProject(withUtterance(reference, 'hi again', 'hi once more'), { projectName: 'Parley' });
    const plan = await planCluDeploy(changed, target);
    expect(plan.changes.map((change) => [change.kind, change.change, change.name])).toEqual([
      ['utterance', 'added', 'hi once more'],
      ['utterance', 'removed', 'hi again'],
      ['model', 'added', plan.modelLabel],
      ['deployment', 'changed', 'production'],
    ]);
    expect((await applyCluDeploy(plan, target)).done).toEqual(['import', 'train', 'deploy']);
    expect((await planCluDeploy(changed, target)).changes).toEqual([]);
  });

  it('imports a new description without training again', async () => {
    const described = compileCluProject(withUtterance(reference, 'hi again', 'hi once more'), { projectName: 'Parley', description: 'Acme Telecom' });
    const plan = await planCluDeploy(described, target);
    expect(plan.changes).toEqual([{ kind: 'settings', change: 'changed', name: 'description', detail: '"" → "Acme Telecom"' }]);
    expect((await applyCluDeploy(plan, target)).done).toEqual(['import']);
  });
});

describe('a deploy that failed half-way', () => {
  it('is finished by the next: the content is there, the model is trained and deployed', async () => {
    const target = targetFor('HalfWay');
    const project = compileCluProject(reference, { projectName: 'HalfWay' });
    clu.failNextJob('train');
    const failed = await deployCluProject(project, target).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ProviderCallError);
    expect(failed).toMatchObject({ operation: 'train', message: expect.stringMatching(/the job failed/) });
    const plan = await planCluDeploy(project, target);
    expect(plan.changes).toEqual([
      { kind: 'model', change: 'added', name: plan.modelLabel, detail: 'no model is trained from the current content' },
      { kind: 'deployment', change: 'added', name: 'production', detail: `to serve ${plan.modelLabel}` },
    ]);
    expect((await applyCluDeploy(plan, target)).done).toEqual(['train', 'deploy']);
    expect((await planCluDeploy(project, target)).changes).toEqual([]);
  });
});

describe('the model limit', () => {
  it('removes the oldest model Parley trained that no deployment serves, to make room', async () => {
    const target = targetFor('Busy');
    for (let version = 1; version <= cluModelLimit; version++) {
      await deployCluProject(compileCluProject(reference, { projectName: 'Busy', confidenceThreshold: version / 100 }), target);
    }
    const authoring = createCluAuthoringClient(target);
    const [oldest] = await authoring.listModels();
    const plan = await planCluDeploy(compileCluProject(reference, { projectName: 'Busy', confidenceThreshold: 0.11 }), target);
    expect(plan.steps.removeModels).toEqual([oldest!.label]);
    expect((await applyCluDeploy(plan, target)).done).toEqual(['remove-model', 'import', 'train', 'deploy']);
    expect(await authoring.listModels()).toHaveLength(cluModelLimit);
  });
});

describe('failures', () => {
  it('a wrong key is a ProviderCallError that is not retried and does not show the key', async () => {
    const failed = await planCluDeploy(compileCluProject(reference, { projectName: 'Parley' }), targetFor('Parley', 'not-the-key')).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ProviderCallError);
    expect(failed).toMatchObject({ provider: 'azure-clu', operation: 'getProject', retryable: false, message: expect.stringMatching(/^azure-clu getProject: HTTP 401: Access denied/) });
    expect((failed as Error).message).not.toContain('not-the-key');
  });

  it('a server error is retryable', async () => {
    clu.setFaults({ errorRate: 1 });
    try {
      await expect(planCluDeploy(compileCluProject(reference, { projectName: 'Parley' }), targetFor('Parley'))).rejects.toMatchObject({ retryable: true, message: expect.stringMatching(/HTTP 500/) });
    } finally {
      clu.setFaults({});
    }
  });
});
