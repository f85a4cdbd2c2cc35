/**
 * The authoring API's long operations: a job answers 202 with an `operation-location`, and its polls
 * see it `notStarted`, then `running`, then done (its work happens at the third poll: `succeeded`,
 * or `failed` with errors). Poll-driven rather than timed, so tests need no clock and no sleeps;
 * a job nobody polls never finishes, as a crashed deploy leaves it.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../core/clock.js';
import type { CluErrorBody } from './clu-replies.js';

export type JobKind = 'import' | 'export' | 'train' | 'deployment' | 'deletion';
export type JobStatus = 'notStarted' | 'running' | 'succeeded' | 'failed';

export interface JobWork {
  /** Does the job's work; errors fail it. Extra fields join the job's answer (`resultUrl`, `result`). */
  finish(jobId: string): { errors?: CluErrorBody[]; extra?: Record<string, unknown> };
  /** Fields shown while it runs (a training job's `result`). */
  running?: Record<string, unknown>;
}

interface Job {
  jobId: string;
  kind: JobKind;
  createdDateTime: string;
  lastUpdatedDateTime: string;
  expirationDateTime: string;
  status: JobStatus;
  polls: number;
  errors: CluErrorBody[];
  extra: Record<string, unknown>;
  work: JobWork;
}

export interface CluJobs {
  /** Starts a job; its id goes into the operation-location. */
  start(kind: JobKind, work: JobWork): string;
  /** The job's answer after one more step, or undefined for an unknown id (or one of another kind). */
  poll(kind: JobKind, jobId: string): Record<string, unknown> | undefined;
  /** The next `count` jobs of this kind fail (for half-way failures). */
  failNext(kind: JobKind, count: number): void;
}

export function createCluJobs(clock: Clock): CluJobs {
  const jobs = new Map<string, Job>();
  const failing = new Map<JobKind, number>();
  const stamp = () => clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    start(kind, work) {
      // The service's ids: a GUID and a tick count.
      const jobId = `${randomUUID()}_637858368000000000`;
      const now = stamp();
      const expires = new Date(clock.now().getTime() + 7 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      jobs.set(jobId, { jobId, kind, createdDateTime: now, lastUpdatedDateTime: now, expirationDateTime: expires, status: 'notStarted', polls: 0, errors: [], extra: {}, work });
      return jobId;
    },
    poll(kind, jobId) {
      const job = jobs.get(jobId);
      if (!job || job.kind !== kind) return undefined;
      job.polls++;
      if (job.polls === 2) job.status = 'running';
      if (job.polls === 3) finish(job);
      if (job.polls <= 3) job.lastUpdatedDateTime = stamp();
      const { jobId: id, createdDateTime, lastUpdatedDateTime, expirationDateTime, status, errors, extra } = job;
      const running = status === 'running' ? (job.work.running ?? {}) : {};
      return { ...running, ...extra, jobId: id, createdDateTime, lastUpdatedDateTime, expirationDateTime, status, ...(errors.length ? { errors } : {}) };
    },
    failNext(kind, count) {
      failing.set(kind, (failing.get(kind) ?? 0) + count);
    },
  };

  function finish(job: Job): void {
    const left = failing.get(job.kind) ?? 0;
    if (left > 0) {
      failing.set(job.kind, left - 1);
      job.status = 'failed';
      job.errors = [{ code: 'InternalServerError', message: `The ${job.kind} job failed (a fault the emulator was asked for).` }];
      return;
    }
    const outcome = job.work.finish(job.jobId);
    job.extra = outcome.extra ?? {};
    job.errors = outcome.errors ?? [];
    job.status = job.errors.length > 0 ? 'failed' : 'succeeded';
  }
}
