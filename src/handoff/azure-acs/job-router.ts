/**
 * A small client of ACS Job Router (GA, api-version 2023-11-01): what a handoff needs (upsert, read,
 * complete, close and cancel a job; read a worker) and what setting up a resource or a worker's app
 * needs (upsert a distribution policy, a queue, a worker; accept or decline an offer). It runs on
 * Azure's REST pipeline (`@azure-rest/core-client`: retries on 429, 5xx and network failures,
 * redacted logs), signing each call with the connection string's access key as ACS's own SDKs do
 * (`createCommunicationAuthPolicy`); both load on first use. Failures are ProviderCallErrors that
 * say what to check; the service's own words are kept, never the request.
 */
import type { Client, ClientOptions, PathUncheckedResponse } from '@azure-rest/core-client';
import { ProviderCallError } from '../../core/errors.js';
import { parseConnectionString, type AcsConnectionOptions } from './acs-connection.js';

export const jobRouterApiVersion = '2023-11-01';
export const jobRouterProvider = 'acs-job-router';

export type JobRouterLabels = Record<string, string | number | boolean>;
export type JobRouterJobStatus =
  | 'pendingClassification'
  | 'queued'
  | 'assigned'
  | 'completed'
  | 'closed'
  | 'cancelled'
  | 'classificationFailed'
  | 'created'
  | 'pendingSchedule'
  | 'scheduled'
  | 'scheduleFailed'
  | 'waitingForActivation';

export interface JobRouterJobInput {
  /** The kind of work (`chat`, `voice`…): workers take jobs of the channels they list. */
  channelId: string;
  queueId: string;
  /** -100 to 100 (the service's default 1). */
  priority?: number;
  /** What distribution and worker selectors read; values are strings, numbers or booleans. */
  labels?: JobRouterLabels;
  tags?: JobRouterLabels;
  /** The thing the job is about elsewhere (a chat thread's id). */
  channelReference?: string;
  notes?: Array<{ message: string; addedAt?: string }>;
}

export interface JobRouterAssignment {
  assignmentId: string;
  workerId?: string;
  assignedAt: string;
  completedAt?: string;
  closedAt?: string;
}

export interface JobRouterJob extends Partial<JobRouterJobInput> {
  id: string;
  etag?: string;
  status?: JobRouterJobStatus;
  enqueuedAt?: string;
  dispositionCode?: string;
  /** By assignment id. */
  assignments?: Record<string, JobRouterAssignment>;
}

export interface JobRouterChannel {
  channelId: string;
  capacityCostPerJob: number;
  maxNumberOfJobs?: number;
}

export interface JobRouterWorkerInput {
  queues?: string[];
  capacity?: number;
  labels?: JobRouterLabels;
  tags?: JobRouterLabels;
  channels?: JobRouterChannel[];
  availableForOffers?: boolean;
  maxConcurrentOffers?: number;
}

export interface JobRouterWorker extends JobRouterWorkerInput {
  id: string;
  etag?: string;
  state?: 'active' | 'draining' | 'inactive';
  offers?: Array<{ offerId: string; jobId: string; capacityCost: number; offeredAt?: string; expiresAt?: string }>;
  assignedJobs?: Array<{ assignmentId: string; jobId: string; capacityCost: number; assignedAt: string }>;
  loadRatio?: number;
}

export interface JobRouterDistributionPolicyInput {
  name?: string;
  offerExpiresAfterSeconds: number;
  mode: { kind: 'longestIdle' | 'roundRobin' | 'bestWorker'; minConcurrentOffers?: number; maxConcurrentOffers?: number; bypassSelectors?: boolean };
}

export interface JobRouterQueueInput {
  name?: string;
  distributionPolicyId: string;
  labels?: JobRouterLabels;
  exceptionPolicyId?: string;
}

export interface JobRouterClient {
  upsertDistributionPolicy(id: string, policy: JobRouterDistributionPolicyInput): Promise<void>;
  upsertQueue(id: string, queue: JobRouterQueueInput): Promise<void>;
  upsertWorker(id: string, worker: JobRouterWorkerInput): Promise<JobRouterWorker>;
  /** The worker; undefined when there is none. */
  getWorker(id: string): Promise<JobRouterWorker | undefined>;
  /** Creates the job (it is queued at once) or changes it. */
  upsertJob(id: string, job: Partial<JobRouterJobInput>): Promise<JobRouterJob>;
  /** The job; undefined when there is none. */
  getJob(id: string): Promise<JobRouterJob | undefined>;
  /** The person is done with an assigned job (wrap-up starts). */
  completeJob(jobId: string, assignmentId: string, options?: { note?: string }): Promise<void>;
  /** Wrap-up is over: the worker's capacity is free again. */
  closeJob(jobId: string, assignmentId: string, options?: { dispositionCode?: string; note?: string }): Promise<void>;
  /** A job no one was assigned yet is withdrawn. */
  cancelJob(jobId: string, options?: { note?: string; dispositionCode?: string }): Promise<void>;
  acceptJobOffer(workerId: string, offerId: string): Promise<{ assignmentId: string; jobId: string; workerId: string }>;
  declineJobOffer(workerId: string, offerId: string, options?: { retryOfferAt?: Date }): Promise<void>;
}

export interface JobRouterClientOptions extends AcsConnectionOptions {
  /** For Azure's REST pipeline: `retryOptions`, `additionalPolicies`… */
  clientOptions?: ClientOptions;
}

/**
 * @example
 * const router = createJobRouterClient({ connectionString: process.env.PARLEY_ACS_CONNECTION_STRING! });
 * await router.upsertJob('job-1', { channelId: 'chat', queueId: 'support', labels: { locale: 'en-US' } });
 * const job = await router.getJob('job-1'); // job.status: 'queued', later 'assigned'
 */
export function createJobRouterClient(options: JobRouterClientOptions): JobRouterClient {
  const { endpoint, accessKey } = parseConnectionString(options.connectionString);
  let client: Promise<Client> | undefined;

  async function makeClient(): Promise<Client> {
    const [{ getClient }, { createCommunicationAuthPolicy }] = await Promise.all([import('@azure-rest/core-client'), import('@azure/communication-common')]);
    const made = getClient(withoutTrailingSlashes(endpoint), { apiVersion: jobRouterApiVersion, ...(options.tlsOptions ? { tlsOptions: options.tlsOptions } : {}), ...options.clientOptions });
    // A KeyCredential is `{ key }`: ACS's policy signs each request with it (HMAC-SHA256).
    made.pipeline.addPolicy(createCommunicationAuthPolicy({ key: accessKey }));
    return made;
  }

  async function call(operation: string, send: (client: Client) => PromiseLike<PathUncheckedResponse>, absent?: 'absent'): Promise<unknown> {
    if (!client) {
      client = makeClient();
      client.catch(() => (client = undefined));
    }
    let response: PathUncheckedResponse;
    try {
      response = await send(await client);
    } catch (error) {
      throw networkFailure(operation, error);
    }
    const status = Number(response.status);
    if (status === 404 && absent) return undefined;
    if (status >= 400) throw jobRouterFailure(operation, status, response.body);
    return response.body;
  }

  const patch = (body: object) => ({ contentType: 'application/merge-patch+json', body });
  const post = (body: object) => ({ contentType: 'application/json', body });
  return {
    async upsertDistributionPolicy(id, policy) {
      await call('upsertDistributionPolicy', (c) => c.pathUnchecked('/routing/distributionPolicies/{id}', id).patch(patch(policy)));
    },
    async upsertQueue(id, queue) {
      await call('upsertQueue', (c) => c.pathUnchecked('/routing/queues/{id}', id).patch(patch(queue)));
    },
    async upsertWorker(id, worker) {
      return (await call('upsertWorker', (c) => c.pathUnchecked('/routing/workers/{id}', id).patch(patch(worker)))) as JobRouterWorker;
    },
    async getWorker(id) {
      return (await call('getWorker', (c) => c.pathUnchecked('/routing/workers/{id}', id).get(), 'absent')) as JobRouterWorker | undefined;
    },
    async upsertJob(id, job) {
      return (await call('upsertJob', (c) => c.pathUnchecked('/routing/jobs/{id}', id).patch(patch(job)))) as JobRouterJob;
    },
    async getJob(id) {
      return (await call('getJob', (c) => c.pathUnchecked('/routing/jobs/{id}', id).get(), 'absent')) as JobRouterJob | undefined;
    },
    async completeJob(jobId, assignmentId, completion = {}) {
      await call('completeJob', (c) => c.pathUnchecked('/routing/jobs/{jobId}/assignments/{assignmentId}:complete', jobId, assignmentId).post(post(completion)));
    },
    async closeJob(jobId, assignmentId, closing = {}) {
      await call('closeJob', (c) => c.pathUnchecked('/routing/jobs/{jobId}/assignments/{assignmentId}:close', jobId, assignmentId).post(post(closing)));
    },
    async cancelJob(jobId, cancelling = {}) {
      await call('cancelJob', (c) => c.pathUnchecked('/routing/jobs/{jobId}:cancel', jobId).post(post(cancelling)));
    },
    async acceptJobOffer(workerId, offerId) {
      return (await call('acceptJobOffer', (c) => c.pathUnchecked('/routing/workers/{workerId}/offers/{offerId}:accept', workerId, offerId).post())) as { assignmentId: string; jobId: string; workerId: string };
    },
    async declineJobOffer(workerId, offerId, declining = {}) {
      const body = declining.retryOfferAt ? { retryOfferAt: declining.retryOfferAt.toISOString() } : {};
      await call('declineJobOffer', (c) => c.pathUnchecked('/routing/workers/{workerId}/offers/{offerId}:decline', workerId, offerId).post(post(body)));
    },
  };
}

/** What to check when an operation is refused, by HTTP status. */
const hints: Record<number, string> = {
  401: 'check the connection string: Job Router calls are signed with its access key, and the machine clock must be right',
  403: 'the access key may not use Job Router on this resource',
  409: 'another worker accepted the job, or the resource changed meanwhile',
  415: 'the service wants a JSON merge patch for upserts',
};
const operationHints: Record<string, string> = {
  upsertJob: 'check that the queue exists (PATCH /routing/queues/{id}) and the job\'s fields: channelId, queueId, priority -100 to 100, labels of strings, numbers or booleans',
  upsertQueue: 'check that its distribution policy exists first',
  upsertWorker: 'check that its queues exist first, and its capacity and channels',
  completeJob: 'only an assigned job can be completed, by its assignment id',
  closeJob: 'only a completed job can be closed, by its assignment id',
  cancelJob: 'only a job not yet assigned can be cancelled; complete and close an assigned one',
  acceptJobOffer: 'the offer may have expired, been declined or been taken back',
  declineJobOffer: 'the offer may have expired or been taken back',
};

/**
 * A refused call as a ProviderCallError: retryable for 408, 429 and 5xx; the service's code and
 * message, and what to check.
 */
export function jobRouterFailure(operation: string, status: number, body: unknown): ProviderCallError {
  const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  const said = error ? `: ${error.code ?? 'Error'} ${(error.message ?? '').slice(0, 300)}`.trimEnd() : '';
  const hint = hints[status] ?? (status === 400 || status === 404 ? operationHints[operation] : undefined);
  return new ProviderCallError({ provider: jobRouterProvider, operation, retryable: status === 408 || status === 429 || status >= 500, message: `HTTP ${status}${said}${hint ? ` (${hint})` : ''}` });
}

function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end -= 1;
  return url.slice(0, end);
}

function networkFailure(operation: string, error: unknown): ProviderCallError {
  const failure = error as { code?: string; message?: string };
  return new ProviderCallError({ provider: jobRouterProvider, operation, retryable: true, message: `the resource could not be reached${failure?.code ? ` (${failure.code})` : ''}; check the connection string's endpoint`, cause: error });
}
