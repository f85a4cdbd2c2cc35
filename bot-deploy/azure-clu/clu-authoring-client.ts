/**
 * The CLU authoring REST API (api-version 2023-04-01) through Azure's own REST client pipeline
 * (`@azure-rest/core-client`: key header, retries on 429/5xx and network failures, redacted logs).
 * Long operations answer 202 with an `operation-location`, polled here until the job ends.
 */
import { getClient, type Client, type ClientOptions, type PathUncheckedResponse } from '@azure-rest/core-client';
import type { KeyCredential } from '@azure/core-auth';
import type { CluProject, CluProjectInput } from './clu-project.js';
import { cluCallFailure, jobFailure, toCluAuthoringError } from './clu-authoring-errors.js';

export const cluAuthoringApiVersion = '2023-04-01';
const projects = '/language/authoring/analyze-conversations/projects';

export interface CluAuthoringTarget {
  /** The Language resource: `https://<resource>.cognitiveservices.azure.com`. */
  endpoint: string;
  /** An `AzureKeyCredential` holding the resource key (sent as `Ocp-Apim-Subscription-Key`, never logged). */
  credential: KeyCredential;
  projectName: string;
  /** Default `production`. */
  deploymentName?: string;
  /** For the REST client: `retryOptions`, `allowInsecureConnection` (an http:// emulator)… */
  clientOptions?: ClientOptions;
  /** Between two polls of a job (default 2000 ms). */
  pollIntervalMs?: number;
  /** How long a job may take before the deploy gives up on it (default 30 minutes). */
  jobTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface CluProjectInfo { projectName: string; projectKind: string; language: string; lastTrainedDateTime?: string }
export interface CluTrainedModel { label: string; modelId: string; lastTrainedDateTime?: string }
export interface CluDeployment { deploymentName: string; modelId: string; lastDeployedDateTime?: string }
interface Job { status: string; resultUrl?: string; errors?: unknown }

export type CluAuthoringClient = ReturnType<typeof createCluAuthoringClient>;

/**
 * @example
 * const authoring = createCluAuthoringClient({ endpoint, credential: new AzureKeyCredential(key), projectName: 'Parley' });
 * const project = await authoring.getProject(); // undefined when there is none
 */
export function createCluAuthoringClient(target: CluAuthoringTarget) {
  const endpoint = target.endpoint.replace(/\/+$/, '');
  const client: Client = getClient(endpoint, target.credential, {
    apiVersion: cluAuthoringApiVersion,
    credentials: { apiKeyHeaderName: 'Ocp-Apim-Subscription-Key' },
    ...target.clientOptions,
  });
  const name = target.projectName;
  const options = target.signal ? { abortSignal: target.signal } : {};

  async function call(operation: string, send: () => PromiseLike<PathUncheckedResponse>, notFound?: 'undefined'): Promise<PathUncheckedResponse | undefined> {
    let response: PathUncheckedResponse;
    try {
      response = await send();
    } catch (error) {
      throw toCluAuthoringError(operation, error, target.signal);
    }
    const status = Number(response.status);
    if (status === 404 && notFound) return undefined;
    if (status >= 400) throw cluCallFailure(operation, status, response.body);
    return response;
  }

  async function job(operation: string, started: PathUncheckedResponse | undefined): Promise<Job> {
    const location = started?.headers['operation-location'];
    if (!location) throw cluCallFailure(operation, Number(started?.status ?? 0), { error: { code: 'NoOperationLocation', message: 'the 202 answer has no operation-location' } });
    const path = onEndpoint(location);
    const deadline = Date.now() + (target.jobTimeoutMs ?? 30 * 60_000);
    for (;;) {
      const body = (await call(operation, () => client.pathUnchecked(path).get(options)))!.body as Job;
      if (body.status === 'succeeded') return body;
      if (body.status === 'failed' || body.status === 'cancelled' || body.status === 'cancelling') throw jobFailure(operation, body.status, body.errors);
      if (Date.now() > deadline) throw cluCallFailure(operation, 408, { error: { code: 'Timeout', message: `the job is still ${body.status} after ${target.jobTimeoutMs ?? 1_800_000} ms` } });
      await sleep(target.pollIntervalMs ?? 2000, target.signal);
    }
  }

  /** A job's URL on the endpoint the key was given for: the key never goes to another host. */
  function onEndpoint(location: string): string {
    const url = new URL(location, endpoint);
    return `${endpoint}${url.pathname}${url.search}`;
  }

  const project = `${projects}/{projectName}`;
  return {
    async getProject(): Promise<CluProjectInfo | undefined> {
      return (await call('getProject', () => client.pathUnchecked(project, name).get(options), 'undefined'))?.body as CluProjectInfo | undefined;
    },
    async exportProject(): Promise<CluProjectInput> {
      const started = await call('exportProject', () => client.pathUnchecked(`${project}/:export`, name).post({ ...options, queryParameters: { stringIndexType: 'Utf16CodeUnit' } }));
      const done = await job('exportProject', started);
      if (!done.resultUrl) throw cluCallFailure('exportProject', 200, { error: { code: 'NoResultUrl', message: 'the export job has no resultUrl' } });
      return (await call('exportProject', () => client.pathUnchecked(onEndpoint(done.resultUrl!)).get(options)))!.body as CluProjectInput;
    },
    async listModels(): Promise<CluTrainedModel[]> {
      return ((await call('listTrainedModels', () => client.pathUnchecked(`${project}/models`, name).get(options)))!.body as { value?: CluTrainedModel[] }).value ?? [];
    },
    async getDeployment(deploymentName: string): Promise<CluDeployment | undefined> {
      return (await call('getDeployment', () => client.pathUnchecked(`${project}/deployments/{deploymentName}`, name, deploymentName).get(options), 'undefined'))?.body as CluDeployment | undefined;
    },
    async listDeployments(): Promise<CluDeployment[]> {
      return ((await call('listDeployments', () => client.pathUnchecked(`${project}/deployments`, name).get(options)))!.body as { value?: CluDeployment[] }).value ?? [];
    },
    async importProject(body: CluProject): Promise<void> {
      await job('importProject', await call('importProject', () => client.pathUnchecked(`${project}/:import`, name).post({ ...options, contentType: 'application/json', body })));
    },
    async train(modelLabel: string): Promise<void> {
      await job('train', await call('train', () => client.pathUnchecked(`${project}/:train`, name).post({ ...options, contentType: 'application/json', body: { modelLabel, trainingMode: 'standard' } })));
    },
    async deploy(deploymentName: string, trainedModelLabel: string): Promise<void> {
      const started = await call('deployProject', () => client.pathUnchecked(`${project}/deployments/{deploymentName}`, name, deploymentName).put({ ...options, contentType: 'application/json', body: { trainedModelLabel } }));
      await job('deployProject', started);
    },
    async deleteModel(label: string): Promise<void> {
      await call('deleteTrainedModel', () => client.pathUnchecked(`${project}/models/{trainedModelLabel}`, name, label).delete(options), 'undefined');
    },
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}
