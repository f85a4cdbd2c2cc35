/**
 * The emulated Job Router's state and its rules. A job is queued to its queue; the queue's
 * distribution policy offers it to workers in the queue that are available for offers, have room
 * for the job's channel (capacity, `maxNumberOfJobs`, `maxConcurrentOffers`) and meet its worker
 * selectors: the longest idle first (`longestIdle`) or in turn (`roundRobin`), up to the mode's
 * `maxConcurrentOffers` at once (default 1). An offer lasts `offerExpiresAfterSeconds` on the
 * emulator's clock. Accepting assigns the job and takes back its other offers; declining keeps the
 * job from that worker (until `retryOfferAt`) and offers it on. An assigned job is completed, then
 * closed, which frees the worker; only a job not yet assigned can be cancelled. Every step publishes
 * its Event Grid event.
 */
import { randomUUID } from 'node:crypto';
import type { AcsEvent } from './acs-events.js';
import { AcsWireError, acsErrors } from './acs-wire.js';
import { jobAssignmentEvent, jobCancelledEvent, jobQueuedEvent, jobReceivedEvent, offerEvent, routerEventType } from './router-events.js';
import {
  checkRouterId,
  jobSpec,
  patchSpec,
  policySpec,
  queueSpec,
  satisfies,
  workerSpec,
  type PolicySpec,
  type QueueSpec,
  type RouterJobRecord,
  type RouterOffer,
  type RouterResource,
  type RouterWorkerRecord,
} from './router-records.js';

export interface JobRouterState {
  readonly policies: Map<string, RouterResource<PolicySpec> & { lastPicked?: string }>;
  readonly queues: Map<string, RouterResource<QueueSpec>>;
  readonly workers: Map<string, RouterWorkerRecord>;
  readonly jobs: Map<string, RouterJobRecord>;
  readonly offers: Map<string, RouterOffer>;
  now(): number;
  upsertPolicy(id: string, patch: Record<string, unknown>): boolean;
  upsertQueue(id: string, patch: Record<string, unknown>): boolean;
  upsertWorker(id: string, patch: Record<string, unknown>): boolean;
  upsertJob(id: string, patch: Record<string, unknown>): boolean;
  accept(workerId: string, offerId: string): { assignmentId: string; jobId: string; workerId: string };
  decline(workerId: string, offerId: string, retryOfferAt?: number): void;
  complete(jobId: string, assignmentId: string, note?: string): void;
  close(jobId: string, assignmentId: string, dispositionCode?: string, note?: string): void;
  cancel(jobId: string, note?: string, dispositionCode?: string): void;
  /** Expires the offers whose time is up (and offers their jobs on). */
  sweep(): void;
  /** Stops the expiry timer. */
  stop(): void;
}

export function createJobRouterState(now: () => number, publish: (event: AcsEvent) => void): JobRouterState {
  const policies: JobRouterState['policies'] = new Map();
  const queues: JobRouterState['queues'] = new Map();
  const workers = new Map<string, RouterWorkerRecord>();
  const jobs = new Map<string, RouterJobRecord>();
  const offers = new Map<string, RouterOffer>();
  /** Offers taken back because another worker accepted their job: accepting one is a 409. */
  const lostToAnother = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  const offersOf = (predicate: (offer: RouterOffer) => boolean) => [...offers.values()].filter(predicate);
  const jobOf = (id: string) => jobs.get(id) ?? raise(acsErrors.notFound(`Job ${id}`));
  const workerOf = (id: string) => workers.get(id) ?? raise(acsErrors.notFound(`Worker ${id}`));

  function takeBack(offer: RouterOffer, type: typeof routerEventType.workerOfferRevoked | typeof routerEventType.workerOfferExpired): void {
    offers.delete(offer.offerId);
    publish(offerEvent(type, jobs.get(offer.jobId)!, offer, now()));
  }

  function eligible(worker: RouterWorkerRecord, job: RouterJobRecord, policy: PolicySpec): boolean {
    const { spec } = worker;
    const channel = spec.channels.find((candidate) => candidate.channelId === job.spec.channelId);
    if (!spec.availableForOffers || !channel || !spec.queues.includes(job.spec.queueId ?? '')) return false;
    if ((job.declined.get(worker.id) ?? -Infinity) > now()) return false;
    const pending = offersOf((offer) => offer.workerId === worker.id);
    if (pending.some((offer) => offer.jobId === job.id)) return false;
    if (spec.maxConcurrentOffers !== undefined && pending.length >= spec.maxConcurrentOffers) return false;
    const held = [...pending, ...worker.assigned];
    if (held.reduce((sum, item) => sum + item.capacityCost, 0) + channel.capacityCostPerJob > spec.capacity) return false;
    if (channel.maxNumberOfJobs !== undefined && held.filter((item) => jobs.get(item.jobId)?.spec.channelId === channel.channelId).length >= channel.maxNumberOfJobs) return false;
    return policy.mode.bypassSelectors === true || job.spec.requestedWorkerSelectors.every((selector) => satisfies(spec.labels, selector));
  }

  function pick(policy: RouterResource<PolicySpec> & { lastPicked?: string }, candidates: RouterWorkerRecord[]): RouterWorkerRecord {
    if (policy.spec.mode.kind === 'roundRobin') {
      const order = [...workers.keys()];
      const after = policy.lastPicked === undefined ? -1 : order.indexOf(policy.lastPicked);
      const next = candidates.find((worker) => order.indexOf(worker.id) > after) ?? candidates[0]!;
      policy.lastPicked = next.id;
      return next;
    }
    return candidates.reduce((best, worker) => (worker.idleSince < best.idleSince ? worker : best));
  }

  function distribute(): void {
    const queued = [...jobs.values()].filter((job) => job.status === 'queued').sort((a, b) => b.spec.priority - a.spec.priority || a.enqueuedAt - b.enqueuedAt);
    for (const job of queued) {
      const policy = policies.get(queues.get(job.spec.queueId ?? '')?.spec.distributionPolicyId ?? '');
      if (!policy) continue;
      let open = offersOf((offer) => offer.jobId === job.id).length;
      while (open < (policy.spec.mode.maxConcurrentOffers ?? 1)) {
        const candidates = [...workers.values()].filter((worker) => eligible(worker, job, policy.spec));
        if (candidates.length === 0) break;
        const worker = pick(policy, candidates);
        const channel = worker.spec.channels.find((candidate) => candidate.channelId === job.spec.channelId)!;
        const at = now();
        const offer: RouterOffer = { offerId: randomUUID(), jobId: job.id, workerId: worker.id, capacityCost: channel.capacityCostPerJob, offeredAt: at, expiresAt: at + policy.spec.offerExpiresAfterSeconds * 1000 };
        offers.set(offer.offerId, offer);
        publish(offerEvent(routerEventType.workerOfferIssued, job, offer, at));
        open += 1;
      }
    }
    schedule();
  }

  /** Wakes when the next offer runs out (on the machine's timer; the emulator's clock decides). */
  function schedule(): void {
    clearTimeout(timer);
    const next = Math.min(...[...offers.values()].map((offer) => offer.expiresAt));
    if (!Number.isFinite(next)) return;
    timer = setTimeout(sweep, Math.max(0, next - now()));
    timer.unref();
  }

  function sweep(): void {
    const at = now();
    const expired = offersOf((offer) => offer.expiresAt <= at);
    for (const offer of expired) takeBack(offer, routerEventType.workerOfferExpired);
    if (expired.length) distribute();
    else schedule();
  }

  /** The worker's live offer, or the service's answer for one that is not. */
  function liveOffer(workerId: string, offerId: string): RouterOffer {
    workerOf(workerId);
    const offer = offers.get(offerId);
    if (offer?.workerId === workerId) return offer;
    if (lostToAnother.has(offerId)) throw new AcsWireError(409, 'Conflict', `Offer ${offerId} was revoked: another worker accepted the job.`);
    throw acsErrors.notFound(`Offer ${offerId} for worker ${workerId}`);
  }

  function touch<Record extends { etag: string }>(record: Record): Record {
    record.etag = randomUUID();
    return record;
  }

  return {
    policies,
    queues,
    workers,
    jobs,
    offers,
    now,
    upsertPolicy(id, patch) {
      checkRouterId(id, 'distribution policy');
      const stored = policies.get(id);
      const spec = patchSpec(policySpec, stored?.spec, patch);
      if (spec.mode.kind === 'bestWorker') throw acsErrors.badRequest('mode.kind: bestWorker is not emulated (longestIdle or roundRobin)');
      policies.set(id, touch({ ...stored, id, etag: '', spec }));
      distribute();
      return !stored;
    },
    upsertQueue(id, patch) {
      checkRouterId(id, 'queue');
      const stored = queues.get(id);
      const spec = patchSpec(queueSpec, stored?.spec, patch);
      if (!policies.has(spec.distributionPolicyId)) throw acsErrors.badRequest(`distributionPolicyId: there is no distribution policy ${spec.distributionPolicyId}`);
      queues.set(id, touch({ id, etag: '', spec }));
      distribute();
      return !stored;
    },
    upsertWorker(id, patch) {
      checkRouterId(id, 'worker');
      const stored = workers.get(id);
      const spec = patchSpec(workerSpec, stored?.spec, patch);
      const unknown = spec.queues.find((queueId) => !queues.has(queueId));
      if (unknown !== undefined) throw acsErrors.badRequest(`queues: there is no queue ${unknown}`);
      const worker = stored ?? { id, etag: '', spec, idleSince: now(), assigned: [] };
      if (spec.availableForOffers && !worker.spec.availableForOffers) worker.idleSince = now();
      worker.spec = spec;
      workers.set(id, touch(worker));
      // A worker no longer available for offers (or no longer in a queue) loses its pending offers.
      for (const offer of offersOf((candidate) => candidate.workerId === id)) {
        if (!spec.availableForOffers || !spec.queues.includes(jobs.get(offer.jobId)?.spec.queueId ?? '')) takeBack(offer, routerEventType.workerOfferRevoked);
      }
      distribute();
      return !stored;
    },
    upsertJob(id, patch) {
      checkRouterId(id, 'job');
      const stored = jobs.get(id);
      const spec = patchSpec(jobSpec, stored?.spec, patch);
      if (spec.classificationPolicyId !== undefined) throw acsErrors.badRequest('classificationPolicyId: classification policies are not emulated; give the job a queueId');
      if (spec.queueId === undefined) throw acsErrors.badRequest('queueId: is required');
      if (!queues.has(spec.queueId)) throw acsErrors.badRequest(`queueId: there is no queue ${spec.queueId}`);
      if (spec.matchingMode && spec.matchingMode.kind !== 'queueAndMatch') throw acsErrors.badRequest(`matchingMode.kind: ${spec.matchingMode.kind} is not emulated (queueAndMatch)`);
      if (stored) {
        stored.spec = spec;
        touch(stored);
      } else {
        const job: RouterJobRecord = { id, etag: randomUUID(), spec, status: 'queued', enqueuedAt: now(), assignments: new Map(), declined: new Map() };
        jobs.set(id, job);
        publish(jobReceivedEvent(job, now()));
        publish(jobQueuedEvent(job, now()));
      }
      distribute();
      return !stored;
    },
    accept(workerId, offerId) {
      const offer = liveOffer(workerId, offerId);
      const job = jobOf(offer.jobId);
      const worker = workerOf(workerId);
      const at = now();
      offers.delete(offerId);
      const assignmentId = randomUUID();
      job.assignments.set(assignmentId, { assignmentId, workerId, assignedAt: at });
      job.status = 'assigned';
      touch(job);
      worker.assigned.push({ assignmentId, jobId: job.id, capacityCost: offer.capacityCost, assignedAt: at });
      publish(offerEvent(routerEventType.workerOfferAccepted, job, offer, at, assignmentId));
      for (const other of offersOf((candidate) => candidate.jobId === job.id)) {
        lostToAnother.add(other.offerId);
        takeBack(other, routerEventType.workerOfferRevoked);
      }
      distribute();
      return { assignmentId, jobId: job.id, workerId };
    },
    decline(workerId, offerId, retryOfferAt) {
      const offer = liveOffer(workerId, offerId);
      const job = jobOf(offer.jobId);
      offers.delete(offerId);
      job.declined.set(workerId, retryOfferAt ?? Infinity);
      publish(offerEvent(routerEventType.workerOfferDeclined, job, offer, now()));
      distribute();
    },
    complete(jobId, assignmentId, note) {
      const job = jobOf(jobId);
      const assignment = job.assignments.get(assignmentId) ?? raise(acsErrors.notFound(`Assignment ${assignmentId} of job ${jobId}`));
      if (job.status !== 'assigned') throw acsErrors.badRequest(`Job ${jobId} is ${job.status}: only an assigned job can be completed.`);
      assignment.completedAt = now();
      job.status = 'completed';
      if (note !== undefined) job.spec.notes.push({ message: note, addedAt: new Date(now()).toISOString() });
      touch(job);
      publish(jobAssignmentEvent(routerEventType.jobCompleted, job, assignmentId, assignment.workerId, now()));
    },
    close(jobId, assignmentId, dispositionCode, note) {
      const job = jobOf(jobId);
      const assignment = job.assignments.get(assignmentId) ?? raise(acsErrors.notFound(`Assignment ${assignmentId} of job ${jobId}`));
      if (job.status !== 'completed') throw acsErrors.badRequest(`Job ${jobId} is ${job.status}: only a completed job can be closed (complete it first).`);
      assignment.closedAt = now();
      job.status = 'closed';
      if (dispositionCode !== undefined) job.spec.dispositionCode = dispositionCode;
      if (note !== undefined) job.spec.notes.push({ message: note, addedAt: new Date(now()).toISOString() });
      touch(job);
      const worker = workers.get(assignment.workerId);
      if (worker) {
        worker.assigned = worker.assigned.filter((held) => held.assignmentId !== assignmentId);
        if (worker.assigned.length === 0) worker.idleSince = now();
      }
      publish(jobAssignmentEvent(routerEventType.jobClosed, job, assignmentId, assignment.workerId, now()));
      distribute();
    },
    cancel(jobId, note, dispositionCode) {
      const job = jobOf(jobId);
      if (job.status !== 'queued') throw acsErrors.badRequest(`Job ${jobId} is ${job.status}: only a job not yet assigned can be cancelled (complete and close an assigned one).`);
      job.status = 'cancelled';
      job.spec.dispositionCode = dispositionCode ?? 'Cancelled';
      if (note !== undefined) job.spec.notes.push({ message: note, addedAt: new Date(now()).toISOString() });
      touch(job);
      for (const offer of offersOf((candidate) => candidate.jobId === jobId)) takeBack(offer, routerEventType.workerOfferRevoked);
      publish(jobCancelledEvent(job, note, now()));
      distribute();
    },
    sweep,
    stop: () => clearTimeout(timer),
  };
}

function raise(error: Error): never {
  throw error;
}
