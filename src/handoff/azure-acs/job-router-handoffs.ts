/**
 * ACS handoffs staffed by Job Router: each handoff is a job in a configured queue, and the person is
 * the worker Job Router assigns it to (their ACS identity and name read from the worker's labels).
 * What a handle holds is only the job's id: the assignment is read from Job Router by whichever
 * process needs it, and kept per process once known (an assignment does not change). When the
 * person is done the job is completed and closed, which frees the worker; a job no one took yet is
 * cancelled when the customer goes.
 */
import { randomUUID } from 'node:crypto';
import { ParleyError, ProviderCallError } from '../../core/errors.js';
import type { HandoffEnvelope } from '../handoff-envelope.js';
import type { AcsConnectionOptions } from './acs-connection.js';
import type { AcsAgent } from './handoff-threads.js';
import { createJobRouterClient, jobRouterProvider, type JobRouterClient, type JobRouterJob, type JobRouterWorker } from './job-router.js';

export interface AcsJobRouterOptions {
  /** The Job Router queue handoffs go to (it must exist, with its distribution policy). */
  queueId: string;
  /** The jobs' channel: workers take jobs of the channels they list (default `chat`). */
  channelId?: string;
  /** The jobs' priority, -100 to 100 (default: the service's, 1). */
  priority?: number;
  /**
   * The ACS person a worker is. Default: the worker's labels `acsUserId` (`8:acs:…`) and `name`
   * (the worker's id when there is no `name`).
   */
  agentOf?: (worker: JobRouterWorker) => AcsAgent | undefined;
  /** A client of your own (another pipeline's options); default: one on the ACS connection string. */
  client?: JobRouterClient;
}

/** Where a job stands for its handoff. */
export type JobAssignee =
  | { kind: 'waiting' }
  /** Assigned to this person; `status` as read when this process first learnt it (`assigned`, or already `completed`, `closed`). */
  | { kind: 'assigned'; agent: AcsAgent; assignmentId: string; status: string }
  /** Over with no one assigned (cancelled, failed, deleted). */
  | { kind: 'over' };

export interface JobRouterHandoffs {
  /** Creates the handoff's job, labelled with the envelope's conversation, queue, reason and locale. */
  open(envelope: HandoffEnvelope, channelReference: string): Promise<{ jobId: string }>;
  assignee(jobId: string): Promise<JobAssignee>;
  /** The person is done: the job is completed and closed (whatever another process did already). */
  finish(jobId: string): Promise<void>;
  /** The customer has gone: a job no one took is cancelled, an assigned one finished. */
  withdraw(jobId: string): Promise<void>;
  /** Whether an ACS user is the person of a job this process has seen assigned. */
  isAgent(userId: string): boolean;
}

/** Assignments kept per process (the oldest forgotten first; read again when needed). */
const keptAssignments = 10_000;

/** Statuses of a job that may still be assigned. */
const pending = new Set(['pendingClassification', 'queued', 'created', 'pendingSchedule', 'scheduled', 'waitingForActivation']);

/**
 * @example
 * const jobs = createJobRouterHandoffs({ queueId: 'support' }, { connectionString });
 * const { jobId } = await jobs.open(envelope, threadId);
 * const who = await jobs.assignee(jobId); // { kind: 'waiting' } until a worker accepts its offer
 */
export function createJobRouterHandoffs(options: AcsJobRouterOptions, connection: AcsConnectionOptions): JobRouterHandoffs {
  const router = options.client ?? createJobRouterClient(connection);
  const agentOf = options.agentOf ?? defaultAgentOf;
  /** Assignments learnt, by job. */
  const known = new Map<string, { agent: AcsAgent; assignmentId: string; status: string }>();
  const people = new Set<string>();

  /** The job's one assignment (the latest, should there be several). */
  const assignmentOf = (job: JobRouterJob) => Object.values(job.assignments ?? {}).sort((a, b) => a.assignedAt.localeCompare(b.assignedAt)).at(-1);

  async function learn(job: JobRouterJob): Promise<JobAssignee> {
    const assignment = assignmentOf(job);
    if (!assignment?.workerId) return { kind: 'over' };
    const worker = await router.getWorker(assignment.workerId);
    if (!worker) throw new ProviderCallError({ provider: jobRouterProvider, operation: 'getWorker', retryable: false, message: `job ${job.id} is assigned to worker ${assignment.workerId}, which no longer exists` });
    const agent = agentOf(worker);
    if (!agent || !/^8:acs:/.test(agent.id)) {
      throw new ParleyError('configuration', `Job Router worker ${worker.id} has no ACS identity: give each worker the labels { acsUserId: '8:acs:…', name: 'Sam' }, or pass jobRouter.agentOf`);
    }
    const learnt = { agent, assignmentId: assignment.assignmentId, status: job.status ?? 'assigned' };
    known.set(job.id, learnt);
    if (known.size > keptAssignments) known.delete(known.keys().next().value!);
    people.add(agent.id);
    return { kind: 'assigned', ...learnt };
  }

  /** Completes, then closes, as far as the job still needs; a step another process took first is fine. */
  async function finish(job: JobRouterJob | undefined): Promise<void> {
    const assignment = job && assignmentOf(job);
    if (!job || !assignment) return;
    try {
      if (job.status === 'assigned') await router.completeJob(job.id, assignment.assignmentId);
      if (job.status === 'assigned' || job.status === 'completed') await router.closeJob(job.id, assignment.assignmentId);
    } catch (error) {
      const now = await router.getJob(job.id);
      if (now?.status !== 'closed') throw error;
    }
  }

  return {
    async open(envelope, channelReference) {
      const jobId = randomUUID();
      await router.upsertJob(jobId, {
        channelId: options.channelId ?? 'chat',
        queueId: options.queueId,
        ...(options.priority === undefined ? {} : { priority: options.priority }),
        channelReference,
        labels: { conversationId: envelope.conversationId, queue: envelope.queue, reason: envelope.reason, locale: envelope.locale },
      });
      return { jobId };
    },
    async assignee(jobId) {
      const seen = known.get(jobId);
      if (seen) return { kind: 'assigned', ...seen };
      const job = await router.getJob(jobId);
      if (!job) return { kind: 'over' };
      if (pending.has(job.status ?? 'queued')) return { kind: 'waiting' };
      return learn(job);
    },
    async finish(jobId) {
      await finish(await router.getJob(jobId));
      known.delete(jobId);
    },
    async withdraw(jobId) {
      const job = await router.getJob(jobId);
      if (!job || !pending.has(job.status ?? 'queued')) return finish(job);
      try {
        await router.cancelJob(jobId, { note: 'The customer left before a person took the conversation.' });
      } catch (error) {
        // Assigned meanwhile: finished like any assigned job.
        const now = await router.getJob(jobId);
        if (now?.status === 'cancelled') return;
        if (now?.status === 'assigned' || now?.status === 'completed') return finish(now);
        throw error;
      }
    },
    isAgent: (userId) => people.has(userId),
  };
}

function defaultAgentOf(worker: JobRouterWorker): AcsAgent | undefined {
  const id = worker.labels?.acsUserId;
  if (typeof id !== 'string') return undefined;
  const name = worker.labels?.name;
  return { id, name: typeof name === 'string' && name.trim() !== '' ? name : worker.id };
}
