/**
 * What the emulated authoring service holds: projects (metadata and the last imported file), their
 * trained models (each a snapshot of the project it was trained from) and deployments.
 */
import type { Clock } from '../../../core/clock.js';
import type { CluProjectInput } from '../../../../bot-deploy/azure-clu/clu-project.js';

export interface StoredModel {
  label: string;
  modelId: string;
  lastTrainedDateTime: string;
  snapshot: CluProjectInput;
}

export interface StoredDeployment {
  deploymentName: string;
  modelId: string;
  lastTrainedDateTime: string;
  lastDeployedDateTime: string;
  /** What the deployment answers from: the project its model was trained on. */
  snapshot: CluProjectInput;
}

export interface StoredProject {
  metadata: { projectName: string; projectKind: string; language: string; multilingual: boolean; description: string; settings?: { confidenceThreshold?: number } };
  createdDateTime: string;
  lastModifiedDateTime: string;
  lastTrainedDateTime?: string;
  lastDeployedDateTime?: string;
  file?: CluProjectInput;
  models: Map<string, StoredModel>;
  deployments: Map<string, StoredDeployment>;
}

export interface AuthoringStore {
  projects: Map<string, StoredProject>;
  stamp(): string;
  /** A project, made from metadata when new. */
  upsert(name: string, metadata: Partial<StoredProject['metadata']>): { project: StoredProject; created: boolean };
}

export function createAuthoringStore(clock: Clock): AuthoringStore {
  const projects = new Map<string, StoredProject>();
  const stamp = () => clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    projects,
    stamp,
    upsert(name, metadata) {
      const known = projects.get(name);
      const now = stamp();
      if (known) {
        known.metadata = { ...known.metadata, ...definedOnly(metadata), projectName: name };
        known.lastModifiedDateTime = now;
        return { project: known, created: false };
      }
      const project: StoredProject = {
        metadata: { projectKind: 'Conversation', language: 'en-us', multilingual: false, description: '', ...definedOnly(metadata), projectName: name },
        createdDateTime: now,
        lastModifiedDateTime: now,
        models: new Map(),
        deployments: new Map(),
      };
      projects.set(name, project);
      return { project, created: true };
    },
  };
}

/** GET project: the metadata and its dates, as the service answers. */
export function projectInfo(project: StoredProject): Record<string, unknown> {
  const { settings, ...metadata } = project.metadata;
  void settings;
  return {
    createdDateTime: project.createdDateTime,
    lastModifiedDateTime: project.lastModifiedDateTime,
    ...(project.lastTrainedDateTime ? { lastTrainedDateTime: project.lastTrainedDateTime } : {}),
    ...(project.lastDeployedDateTime ? { lastDeployedDateTime: project.lastDeployedDateTime } : {}),
    ...metadata,
  };
}

/** The exported file: the newest file version, every utterance naming its language. */
export function exportedFile(project: StoredProject): Record<string, unknown> {
  const assets = project.file?.assets ?? { projectKind: 'Conversation', intents: [], entities: [], utterances: [] };
  const language = project.metadata.language;
  return {
    projectFileVersion: '2023-04-01',
    stringIndexType: 'Utf16CodeUnit',
    metadata: { ...project.metadata, settings: { confidenceThreshold: project.metadata.settings?.confidenceThreshold ?? 0 } },
    assets: { ...assets, utterances: assets.utterances.map((utterance) => ({ ...utterance, language: utterance.language ?? language })) },
  };
}

export function modelInfo(model: StoredModel): Record<string, unknown> {
  return { label: model.label, modelId: model.modelId, lastTrainedDateTime: model.lastTrainedDateTime, lastTrainingDurationInSeconds: 1, modelExpirationDate: '2099-12-31', modelTrainingConfigVersion: '2022-09-01', hasSnapshot: true };
}

export function deploymentInfo(deployment: StoredDeployment): Record<string, unknown> {
  const { deploymentName, modelId, lastTrainedDateTime, lastDeployedDateTime } = deployment;
  return { deploymentName, modelId, lastTrainedDateTime, lastDeployedDateTime, deploymentExpirationDate: '2099-12-31', modelTrainingConfigVersion: '2022-09-01' };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined && item !== null)) as Partial<T>;
}
