/**
 * What a test sees of the emulated Job Router, and a worker's hand for it: the jobs, the live offers
 * (expired ones expire first, on the emulator's clock), and accepting an offer as a worker's app
 * would (`POST /routing/workers/{workerId}/offers/{offerId}:accept` does the same).
 */
import type { JobRouterState } from './router-engine.js';
import type { RouterJobRecord, RouterJobStatus, RouterLabels } from './router-records.js';

/** A Job Router job as the emulator holds it. Its labels may hold what the job's creator put there: test use only. */
export interface AcsEmulatorRouterJob {
  id: string;
  status: RouterJobStatus;
  channelId: string;
  queueId?: string;
  channelReference?: string;
  priority: number;
  labels: RouterLabels;
  notes: Array<{ message: string; addedAt?: string }>;
  dispositionCode?: string;
  enqueuedAt: Date;
  /** Oldest first. */
  assignments: Array<{ assignmentId: string; workerId: string; assignedAt: Date; completedAt?: Date; closedAt?: Date }>;
}

export interface AcsEmulatorRouterOffer {
  offerId: string;
  jobId: string;
  workerId: string;
  offeredAt: Date;
  expiresAt: Date;
}

export interface AcsEmulatorJobRouter {
  /** Every job, oldest first. */
  jobs(): AcsEmulatorRouterJob[];
  job(jobId: string): AcsEmulatorRouterJob;
  /** The live offers (to one worker), oldest first. */
  offers(workerId?: string): AcsEmulatorRouterOffer[];
  /** The worker accepts the offer: the job is assigned to them. */
  accept(workerId: string, offerId: string): { assignmentId: string; jobId: string; workerId: string };
}

export function createRouterSide(state: JobRouterState): AcsEmulatorJobRouter {
  return {
    jobs: () => [...state.jobs.values()].map(routerJobView),
    job(jobId) {
      const job = state.jobs.get(jobId);
      if (!job) throw new Error(`ACS emulator: no Job Router job ${jobId} (jobs: ${[...state.jobs.keys()].join(', ') || 'none'})`);
      return routerJobView(job);
    },
    offers(workerId) {
      state.sweep();
      return [...state.offers.values()]
        .filter((offer) => workerId === undefined || offer.workerId === workerId)
        .map((offer) => ({ offerId: offer.offerId, jobId: offer.jobId, workerId: offer.workerId, offeredAt: new Date(offer.offeredAt), expiresAt: new Date(offer.expiresAt) }));
    },
    accept(workerId, offerId) {
      state.sweep();
      return state.accept(workerId, offerId);
    },
  };
}

function routerJobView(job: RouterJobRecord): AcsEmulatorRouterJob {
  const { spec } = job;
  return {
    id: job.id,
    status: job.status,
    channelId: spec.channelId,
    ...(spec.queueId === undefined ? {} : { queueId: spec.queueId }),
    ...(spec.channelReference === undefined ? {} : { channelReference: spec.channelReference }),
    priority: spec.priority,
    labels: { ...spec.labels },
    notes: spec.notes.map((note) => ({ ...note })),
    ...(spec.dispositionCode === undefined ? {} : { dispositionCode: spec.dispositionCode }),
    enqueuedAt: new Date(job.enqueuedAt),
    assignments: [...job.assignments.values()].map((assignment) => ({
      assignmentId: assignment.assignmentId,
      workerId: assignment.workerId,
      assignedAt: new Date(assignment.assignedAt),
      ...(assignment.completedAt === undefined ? {} : { completedAt: new Date(assignment.completedAt) }),
      ...(assignment.closedAt === undefined ? {} : { closedAt: new Date(assignment.closedAt) }),
    })),
  };
}
