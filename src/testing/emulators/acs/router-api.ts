/**
 * Job Router's REST operations (GA, api-version 2023-11-01) over the emulated state: `PATCH`
 * (`application/merge-patch+json`: 201 created, 200 updated) and `GET` of distribution policies,
 * queues, workers and jobs; a job's `:cancel`, its assignment's `:complete` and `:close`; a worker's
 * offer's `:accept` and `:decline`. Every call is HMAC-signed with the access key (checked before
 * these run); offers whose time is up expire before each call is answered.
 */
import * as z from 'zod';
import { readBodyAs } from './acs-bodies.js';
import { AcsWireError, acsErrors, type WireAnswer } from './acs-wire.js';
import type { JobRouterState } from './router-engine.js';
import type { RouterJobRecord, RouterResource, RouterWorkerRecord } from './router-records.js';
import { jobRouterApiVersion, type RouterRoute } from './router-wire.js';

const iso = (epochMs: number) => new Date(epochMs).toISOString();
const cancelBody = z.object({ note: z.string().optional(), dispositionCode: z.string().optional() });
const completeBody = z.object({ note: z.string().optional() });
const closeBody = z.object({ note: z.string().optional(), dispositionCode: z.string().optional(), closeAt: z.string().optional() });
const declineBody = z.object({ retryOfferAt: z.iso.datetime({ offset: true }).optional() });

/**
 * The answer to one Job Router call.
 *
 * @example
 * sendAnswer(response, answerRouter(state, route, body, { apiVersion, contentType }));
 */
export function answerRouter(state: JobRouterState, route: RouterRoute, body: Record<string, unknown>, request: { apiVersion: string; contentType: string | undefined }): WireAnswer {
  if (request.apiVersion !== jobRouterApiVersion) throw new AcsWireError(400, 'UnsupportedApiVersion', `The emulator answers Job Router api-version ${jobRouterApiVersion}, not ${request.apiVersion}.`);
  state.sweep();
  const [id = '', second = ''] = route.ids;
  const { operation } = route;
  if (operation.startsWith('Upsert') && !(request.contentType ?? '').toLowerCase().startsWith('application/merge-patch+json')) {
    throw new AcsWireError(415, 'UnsupportedMediaType', 'An upsert takes a JSON merge patch: Content-Type: application/merge-patch+json.');
  }
  const upserted = (created: boolean, view: unknown): WireAnswer => ({ status: created ? 201 : 200, body: view });
  switch (operation) {
    case 'UpsertDistributionPolicy':
      return upserted(state.upsertPolicy(id, body), resourceView(state.policies.get(id)!));
    case 'GetDistributionPolicy':
      return { status: 200, body: resourceView(state.policies.get(id) ?? notFound('Distribution policy', id)) };
    case 'UpsertQueue':
      return upserted(state.upsertQueue(id, body), resourceView(state.queues.get(id)!));
    case 'GetQueue':
      return { status: 200, body: resourceView(state.queues.get(id) ?? notFound('Queue', id)) };
    case 'UpsertWorker':
      return upserted(state.upsertWorker(id, body), workerView(state, state.workers.get(id)!));
    case 'GetWorker':
      return { status: 200, body: workerView(state, state.workers.get(id) ?? notFound('Worker', id)) };
    case 'UpsertJob':
      return upserted(state.upsertJob(id, body), jobView(state.jobs.get(id)!));
    case 'GetJob':
      return { status: 200, body: jobView(state.jobs.get(id) ?? notFound('Job', id)) };
    case 'CancelJob': {
      const { note, dispositionCode } = readBodyAs(cancelBody, body);
      state.cancel(id, note, dispositionCode);
      return { status: 200, body: {} };
    }
    case 'CompleteJob':
      state.complete(id, second, readBodyAs(completeBody, body).note);
      return { status: 200, body: {} };
    case 'CloseJob': {
      const { note, dispositionCode } = readBodyAs(closeBody, body);
      state.close(id, second, dispositionCode, note);
      return { status: 200, body: {} };
    }
    case 'AcceptJobOffer':
      return { status: 200, body: state.accept(id, second) };
    case 'DeclineJobOffer': {
      const { retryOfferAt } = readBodyAs(declineBody, body);
      state.decline(id, second, retryOfferAt === undefined ? undefined : Date.parse(retryOfferAt));
      return { status: 200, body: {} };
    }
  }
}

function notFound(what: string, id: string): never {
  throw acsErrors.notFound(`${what} ${id}`);
}

function resourceView(resource: RouterResource<object>): Record<string, unknown> {
  return { etag: resource.etag, id: resource.id, ...resource.spec };
}

/** A job as GET answers it. */
export function jobView(job: RouterJobRecord): Record<string, unknown> {
  const assignments = Object.fromEntries(
    [...job.assignments.values()].map((assignment) => [
      assignment.assignmentId,
      {
        assignmentId: assignment.assignmentId,
        workerId: assignment.workerId,
        assignedAt: iso(assignment.assignedAt),
        ...(assignment.completedAt === undefined ? {} : { completedAt: iso(assignment.completedAt) }),
        ...(assignment.closedAt === undefined ? {} : { closedAt: iso(assignment.closedAt) }),
      },
    ]),
  );
  return { etag: job.etag, id: job.id, status: job.status, enqueuedAt: iso(job.enqueuedAt), ...job.spec, attachedWorkerSelectors: [], assignments, matchingMode: job.spec.matchingMode ?? { kind: 'queueAndMatch' } };
}

/** A worker as GET answers it: its state, live offers and assigned jobs with them. */
export function workerView(state: JobRouterState, worker: RouterWorkerRecord): Record<string, unknown> {
  const offers = [...state.offers.values()]
    .filter((offer) => offer.workerId === worker.id)
    .map((offer) => ({ offerId: offer.offerId, jobId: offer.jobId, capacityCost: offer.capacityCost, offeredAt: iso(offer.offeredAt), expiresAt: iso(offer.expiresAt) }));
  const used = worker.assigned.reduce((sum, held) => sum + held.capacityCost, 0);
  const { spec } = worker;
  return {
    etag: worker.etag,
    id: worker.id,
    state: spec.availableForOffers ? 'active' : worker.assigned.length ? 'draining' : 'inactive',
    ...spec,
    offers,
    assignedJobs: worker.assigned.map((held) => ({ ...held, assignedAt: iso(held.assignedAt) })),
    loadRatio: spec.capacity > 0 ? Math.min(1, used / spec.capacity) : 0,
  };
}
