/**
 * The CLU authoring API under `/language/authoring/analyze-conversations/projects`: create (PATCH),
 * read and delete projects, `:import`, `:export`, `:train`, deployments, trained models, and their
 * jobs. Project files are checked with the same schema Parley's importer uses.
 */
import type { Clock } from '../../../core/clock.js';
import { readCluProject, type CluProjectInput } from '../../../../bot-deploy/azure-clu/clu-project.js';
import { bad, entityProblem, notFound, startDeployment, startTraining, type AuthoringAnswer, type StartJob } from './clu-authoring-models.js';
import { createAuthoringStore, deploymentInfo, exportedFile, modelInfo, projectInfo, type AuthoringStore, type StoredProject } from './clu-authoring-store.js';
import { createCluJobs, type JobKind } from './clu-jobs.js';
import { resourceNotFound } from './clu-replies.js';

export const authoringBase = '/language/authoring/analyze-conversations/projects';
export type { AuthoringAnswer } from './clu-authoring-models.js';

export interface AuthoringRequest {
  method: string;
  /** The path after `authoringBase`. */
  path: string;
  apiVersion: string;
  body: unknown;
  /** `http://host:port`, for operation-location URLs. */
  origin: string;
}

export interface CluAuthoring {
  handle(request: AuthoringRequest): AuthoringAnswer;
  /** The project a deployment answers from, if it has been deployed here. */
  deployed(projectName: string, deploymentName: string): { modelId: string; snapshot: CluProjectInput } | undefined;
  failNext(kind: JobKind, count: number): void;
  readonly store: AuthoringStore;
}

export function createCluAuthoring(clock: Clock): CluAuthoring {
  const store = createAuthoringStore(clock);
  const jobs = createCluJobs(clock);
  /** Export results, by job id. */
  const exportedFiles = new Map<string, Record<string, unknown>>();

  function handle(request: AuthoringRequest): AuthoringAnswer {
    const parts = request.path.split('/').filter(Boolean).map(decodeURIComponent);
    const { method } = request;
    const started: StartJob = (kind, location, work) => {
      const jobId = jobs.start(kind, work);
      return { status: 202, headers: { 'operation-location': `${request.origin}${authoringBase}/${location}/${jobId}?api-version=${request.apiVersion}` } };
    };
    const poll = (kind: JobKind, jobId: string): AuthoringAnswer => {
      const job = jobs.poll(kind, jobId);
      return job ? { status: 200, body: job } : notFound(`The job ${jobId}`, 'JobNotFound');
    };
    if (parts.length === 0 && method === 'GET') return { status: 200, body: { value: [...store.projects.values()].map(projectInfo), nextLink: null } };
    if (parts[0] === 'global' && parts[1] === 'deletion-jobs' && parts.length === 3 && method === 'GET') return poll('deletion', parts[2]!);
    const [name, action, id, sub, jobId, more] = parts as (string | undefined)[];
    if (!name) return { status: 404, error: resourceNotFound };
    const project = store.projects.get(name);
    const missing = notFound(`The project ${name}`, 'ProjectNotFound');
    const escaped = encodeURIComponent(name);

    if (action === undefined) {
      if (method === 'PATCH') {
        const body = (request.body ?? {}) as Record<string, unknown>;
        if (body.projectKind !== undefined && body.projectKind !== 'Conversation') return bad('Only Conversation projects are emulated.');
        const { project: made, created } = store.upsert(name, body as Partial<StoredProject['metadata']>);
        return { status: created ? 201 : 200, body: projectInfo(made) };
      }
      if (!project) return missing;
      if (method === 'GET') return { status: 200, body: projectInfo(project) };
      if (method === 'DELETE') return started('deletion', 'global/deletion-jobs', { finish: () => (store.projects.delete(name), {}) });
    }
    if (action === ':import' && method === 'POST') {
      const read = readCluProject(request.body);
      if (!read.ok) return bad(read.message, 'InvalidRequestBodyFormat');
      if (read.project.metadata.projectName !== name) return bad(`The project name in the body (${read.project.metadata.projectName}) differs from the one in the path (${name}).`);
      const problem = entityProblem(read.project.assets.entities);
      if (problem) return bad(problem, 'InvalidProjectData');
      const file = read.project;
      return started('import', `${escaped}/import/jobs`, {
        finish: () => {
          const { projectKind, language, multilingual, description, settings } = file.metadata;
          const { project: target } = store.upsert(name, { projectKind, language, multilingual, description: description ?? '', ...(settings ? { settings } : {}) });
          target.file = file;
          return {};
        },
      });
    }
    if (action === 'import' && id === 'jobs' && sub && method === 'GET') return poll('import', sub);
    if (!project) return missing;
    if (action === ':export' && method === 'POST') {
      return started('export', `${escaped}/export/jobs`, {
        finish: (exportJob) => {
          exportedFiles.set(exportJob, exportedFile(project));
          return { extra: { resultUrl: `${request.origin}${authoringBase}/${escaped}/export/jobs/${exportJob}/result?api-version=${request.apiVersion}` } };
        },
      });
    }
    if (action === 'export' && id === 'jobs' && sub) {
      if (jobId === 'result' && method === 'GET') return exportedFiles.has(sub) ? { status: 200, body: exportedFiles.get(sub) } : notFound(`The export result of job ${sub}`, 'JobNotFound');
      if (jobId === undefined && method === 'GET') return poll('export', sub);
    }
    if (action === ':train' && method === 'POST') return startTraining(project, request.body, store, started);
    if (action === 'train' && id === 'jobs' && sub && method === 'GET') return poll('train', sub);
    if (action === 'models') {
      if (id === undefined && method === 'GET') return { status: 200, body: { value: [...project.models.values()].map(modelInfo), nextLink: null } };
      const model = id === undefined ? undefined : project.models.get(id);
      if (!model) return notFound(`The trained model ${id}`, 'TrainedModelNotFound');
      if (method === 'GET' && sub === undefined) return { status: 200, body: modelInfo(model) };
      if (method === 'DELETE' && sub === undefined) return (project.models.delete(model.label), { status: 204 });
    }
    if (action === 'deployments') {
      if (id === undefined && method === 'GET') return { status: 200, body: { value: [...project.deployments.values()].map(deploymentInfo), nextLink: null } };
      if (id && sub === undefined && method === 'PUT') return startDeployment(project, id, request.body, store, started);
      if (id && sub === 'jobs' && jobId && more === undefined && method === 'GET') return poll('deployment', jobId);
      const deployment = id === undefined ? undefined : project.deployments.get(id);
      if (!deployment) return notFound(`The deployment ${id}`, 'DeploymentNotFound');
      if (sub === undefined && method === 'GET') return { status: 200, body: deploymentInfo(deployment) };
      if (sub === undefined && method === 'DELETE') return started('deployment', `${escaped}/deployments/${encodeURIComponent(id!)}/jobs`, { finish: () => (project.deployments.delete(id!), {}) });
    }
    return { status: 404, error: resourceNotFound };
  }

  return {
    handle,
    deployed(projectName, deploymentName) {
      const deployment = store.projects.get(projectName)?.deployments.get(deploymentName);
      return deployment && { modelId: deployment.modelId, snapshot: deployment.snapshot };
    },
    failNext: (kind, count) => jobs.failNext(kind, count),
    store,
  };
}
