/**
 * The Event Grid events of the emulated Job Router, shaped as Azure's published examples of them
 * (`communication-services-router-events`): subjects `job/{id}/channel/{channel}…` and
 * `worker/{id}/job/{id}`, data in camelCase. RouterJobReceived's `jobStatus` is written as the
 * examples write it (`Queued`), though the REST API spells statuses in camelCase (`queued`).
 */
import { randomUUID } from 'node:crypto';
import type { AcsEvent } from './acs-events.js';
import type { RouterJobRecord, RouterOffer } from './router-records.js';

/** The Job Router event types the emulator publishes. */
export const routerEventType = {
  jobReceived: 'Microsoft.Communication.RouterJobReceived',
  jobQueued: 'Microsoft.Communication.RouterJobQueued',
  jobCompleted: 'Microsoft.Communication.RouterJobCompleted',
  jobClosed: 'Microsoft.Communication.RouterJobClosed',
  jobCancelled: 'Microsoft.Communication.RouterJobCancelled',
  workerOfferIssued: 'Microsoft.Communication.RouterWorkerOfferIssued',
  workerOfferAccepted: 'Microsoft.Communication.RouterWorkerOfferAccepted',
  workerOfferDeclined: 'Microsoft.Communication.RouterWorkerOfferDeclined',
  workerOfferExpired: 'Microsoft.Communication.RouterWorkerOfferExpired',
  workerOfferRevoked: 'Microsoft.Communication.RouterWorkerOfferRevoked',
} as const;

const iso = (epochMs: number) => new Date(epochMs).toISOString();
const event = (type: string, subject: string, at: number, data: Record<string, unknown>): AcsEvent => ({ id: randomUUID(), type, subject, time: iso(at), data, dataVersion: '1.0' });

function jobBase(job: RouterJobRecord) {
  const { spec } = job;
  return { jobId: job.id, ...(spec.channelReference === undefined ? {} : { channelReference: spec.channelReference }), channelId: spec.channelId, queueId: spec.queueId ?? '' };
}

export function jobReceivedEvent(job: RouterJobRecord, at: number): AcsEvent {
  const { spec } = job;
  return event(routerEventType.jobReceived, `job/${job.id}/channel/${spec.channelId}`, at, {
    ...jobBase(job),
    jobStatus: 'Queued',
    priority: spec.priority,
    labels: spec.labels,
    tags: spec.tags,
    requestedWorkerSelectors: spec.requestedWorkerSelectors,
    unavailableForMatching: false,
  });
}

export function jobQueuedEvent(job: RouterJobRecord, at: number): AcsEvent {
  const { spec } = job;
  return event(routerEventType.jobQueued, `job/${job.id}/channel/${spec.channelId}/queue/${spec.queueId}`, at, {
    ...jobBase(job),
    priority: spec.priority,
    labels: spec.labels,
    tags: spec.tags,
    requestedWorkerSelectors: spec.requestedWorkerSelectors,
    attachedWorkerSelectors: [],
  });
}

/** RouterJobCompleted or RouterJobClosed: the job, its assignment and worker. */
export function jobAssignmentEvent(type: typeof routerEventType.jobCompleted | typeof routerEventType.jobClosed, job: RouterJobRecord, assignmentId: string, workerId: string, at: number): AcsEvent {
  return event(type, `job/${job.id}/channel/${job.spec.channelId}/assignment/${assignmentId}`, at, {
    ...jobBase(job),
    assignmentId,
    workerId,
    labels: job.spec.labels,
    tags: job.spec.tags,
    ...(type === routerEventType.jobClosed ? { dispositionCode: job.spec.dispositionCode ?? '' } : {}),
  });
}

export function jobCancelledEvent(job: RouterJobRecord, note: string | undefined, at: number): AcsEvent {
  const disposition = job.spec.dispositionCode ?? '';
  return event(routerEventType.jobCancelled, `job/${job.id}/channel/${job.spec.channelId}/disposition/${disposition}`, at, {
    ...jobBase(job),
    ...(note === undefined ? {} : { note }),
    dispositionCode: disposition,
    labels: job.spec.labels,
    tags: job.spec.tags,
  });
}

/** An offer's event: issued (with the job's priority, labels and times), accepted (with the assignment), or declined, expired, revoked. */
export function offerEvent(type: (typeof routerEventType)[keyof typeof routerEventType], job: RouterJobRecord, offer: RouterOffer, at: number, assignmentId?: string): AcsEvent {
  const data: Record<string, unknown> = { workerId: offer.workerId, ...jobBase(job), offerId: offer.offerId };
  if (type === routerEventType.workerOfferIssued) Object.assign(data, { offeredOn: iso(offer.offeredAt), expiresOn: iso(offer.expiresAt), jobPriority: job.spec.priority, jobLabels: job.spec.labels, jobTags: job.spec.tags });
  if (type === routerEventType.workerOfferAccepted) Object.assign(data, { jobPriority: job.spec.priority, jobLabels: job.spec.labels, jobTags: job.spec.tags, assignmentId });
  return event(type, `worker/${offer.workerId}/job/${job.id}`, at, data);
}
