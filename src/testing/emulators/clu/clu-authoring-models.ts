/** Training and deploying in the emulated authoring API: checks made when the call arrives, work done when the job ends. */
import { randomUUID } from 'node:crypto';
import { cluLabelPattern } from '../../../../bot-deploy/azure-clu/clu-names.js';
import type { AuthoringStore, StoredProject } from './clu-authoring-store.js';
import type { JobKind, JobWork } from './clu-jobs.js';
import { invalidRequest, type CluErrorBody } from './clu-replies.js';

export type AuthoringAnswer = { status: number; body?: unknown; headers?: Record<string, string> } | { status: number; error: CluErrorBody };
/** Starts a job and answers 202 with its operation-location. */
export type StartJob = (kind: JobKind, location: string, work: JobWork) => AuthoringAnswer;

/** CLU keeps at most this many trained models per project. */
const modelLimit = 10;

/**
 * The prebuilt components the service knows: the list its 2023-04-01 `prebuilt-entities` operation
 * answers with (REST spec example), plus the two the documentation's table adds.
 */
export const prebuiltCategories: readonly string[] = [
  'Person.Name', 'General.Event', 'General.Organization', 'Choice.Boolean', 'Quantity.Age', 'Quantity.NumberRange', 'Quantity.Number',
  'Quantity.Percentage', 'Quantity.Ordinal', 'Quantity.Dimension', 'Quantity.Temperature', 'Quantity.Currency', 'DateTime', 'Email',
  'Phone Number', 'URL', 'Geography.Location', 'IP Address',
];

/** Why the service would refuse a project's entities, if it would. */
export function entityProblem(entities: readonly { category: string; prebuilts?: { category: string }[] | null }[]): string | undefined {
  for (const [index, entity] of entities.entries()) {
    const unknown = (entity.prebuilts ?? []).find((prebuilt) => !prebuiltCategories.includes(prebuilt.category));
    if (unknown) return `assets.entities[${index}] (${entity.category}): ${unknown.category} is not a prebuilt component.`;
  }
  return undefined;
}

export const notFound = (what: string, innerCode: string): AuthoringAnswer => ({ status: 404, error: { code: 'NotFound', message: `${what} could not be found.`, innererror: { code: innerCode, message: `${what} could not be found.` } } });
export const bad = (message: string, innerCode = 'InvalidParameterValue'): AuthoringAnswer => ({ status: 400, error: invalidRequest(message, innerCode) });

export function startTraining(project: StoredProject, requestBody: unknown, store: AuthoringStore, started: StartJob): AuthoringAnswer {
  const body = (requestBody ?? {}) as { modelLabel?: unknown; trainingMode?: unknown };
  if (typeof body.modelLabel !== 'string' || !cluLabelPattern.test(body.modelLabel)) return bad('modelLabel is required: letters, digits and _ . - (at most 50 characters).');
  if (body.trainingMode !== undefined && body.trainingMode !== 'standard' && body.trainingMode !== 'advanced') return bad('trainingMode must be standard or advanced.');
  const snapshot = project.file;
  if (!snapshot || snapshot.assets.utterances.length === 0) return bad('The project has no utterances to train on.', 'InvalidProjectData');
  if (!project.models.has(body.modelLabel) && project.models.size >= modelLimit) return bad(`The project already has ${modelLimit} trained models; delete one first.`, 'MaxTrainedModelsReached');
  const label = body.modelLabel;
  const result = (status: string) => ({ result: { modelLabel: label, trainingConfigVersion: '2022-09-01', trainingMode: body.trainingMode ?? 'standard', trainingStatus: { percentComplete: status === 'succeeded' ? 100 : 50, status }, evaluationStatus: { percentComplete: status === 'succeeded' ? 100 : 0, status: status === 'succeeded' ? 'succeeded' : 'notStarted' } } });
  return started('train', `${encodeURIComponent(project.metadata.projectName)}/train/jobs`, {
    running: result('running'),
    finish: () => {
      const now = store.stamp();
      project.models.set(label, { label, modelId: `${label}-${now.replace(/[-:Z]/g, '')}-${randomUUID().replaceAll('-', '')}`, lastTrainedDateTime: now, snapshot });
      project.lastTrainedDateTime = now;
      return { extra: result('succeeded') };
    },
  });
}

export function startDeployment(project: StoredProject, deploymentName: string, requestBody: unknown, store: AuthoringStore, started: StartJob): AuthoringAnswer {
  if (!cluLabelPattern.test(deploymentName)) return bad('A deployment name holds letters, digits and _ . - (at most 50 characters).');
  const label = (requestBody as { trainedModelLabel?: unknown } | undefined)?.trainedModelLabel;
  if (typeof label !== 'string') return bad('trainedModelLabel is required.');
  const model = project.models.get(label);
  if (!model) return notFound(`The trained model ${label}`, 'TrainedModelNotFound');
  return started('deployment', `${encodeURIComponent(project.metadata.projectName)}/deployments/${encodeURIComponent(deploymentName)}/jobs`, {
    finish: () => {
      const now = store.stamp();
      project.deployments.set(deploymentName, { deploymentName, modelId: model.modelId, lastTrainedDateTime: model.lastTrainedDateTime, lastDeployedDateTime: now, snapshot: model.snapshot });
      project.lastDeployedDateTime = now;
      return {};
    },
  });
}
