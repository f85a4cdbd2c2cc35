/**
 * What the emulated Job Router holds, and how a `PATCH` (an RFC 7386 JSON merge patch: objects
 * merge, `null` removes, anything else replaces) becomes a resource: the patch is merged over what
 * was stored, then the whole checked (zod), so a field left out keeps its value. Read-only fields a
 * client echoes back (`id`, `etag`, `status`…) are ignored, as the service ignores them.
 */
import * as z from 'zod';
import { acsErrors } from './acs-wire.js';

const labelValue = z.union([z.string(), z.number(), z.boolean()]);
const labels = z.record(z.string(), labelValue);
export type RouterLabels = z.infer<typeof labels>;

export const policySpec = z.object({
  name: z.string().optional(),
  offerExpiresAfterSeconds: z.number().positive('must be more than 0'),
  mode: z.object({
    kind: z.enum(['longestIdle', 'roundRobin', 'bestWorker']),
    minConcurrentOffers: z.number().int().min(1).optional(),
    maxConcurrentOffers: z.number().int().min(1).optional(),
    bypassSelectors: z.boolean().optional(),
  }),
});

export const queueSpec = z.object({
  name: z.string().optional(),
  distributionPolicyId: z.string().min(1, 'is required'),
  labels: labels.optional(),
  exceptionPolicyId: z.string().optional(),
});

export const workerSpec = z.object({
  queues: z.array(z.string()).default([]),
  capacity: z.number().int().min(0).default(0),
  labels: labels.default({}),
  tags: labels.default({}),
  channels: z.array(z.object({ channelId: z.string().min(1), capacityCostPerJob: z.number().int().min(0), maxNumberOfJobs: z.number().int().min(1).optional() })).default([]),
  availableForOffers: z.boolean().default(false),
  maxConcurrentOffers: z.number().int().min(1).optional(),
});

const labelOperators = ['equal', 'notEqual', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual'] as const;
export const workerSelector = z.object({ key: z.string().min(1), labelOperator: z.enum(labelOperators), value: labelValue.optional(), expiresAfterSeconds: z.number().optional(), expedite: z.boolean().optional() });
export type WorkerSelector = z.infer<typeof workerSelector>;

export const jobSpec = z.object({
  channelReference: z.string().optional(),
  channelId: z.string().min(1, 'is required'),
  queueId: z.string().min(1).optional(),
  classificationPolicyId: z.string().optional(),
  priority: z.number().int().min(-100).max(100).default(1),
  labels: labels.default({}),
  tags: labels.default({}),
  notes: z.array(z.object({ message: z.string(), addedAt: z.string().optional() })).default([]),
  requestedWorkerSelectors: z.array(workerSelector).default([]),
  dispositionCode: z.string().optional(),
  matchingMode: z.looseObject({ kind: z.enum(['queueAndMatch', 'scheduleAndSuspend', 'suspend']) }).optional(),
});

export type PolicySpec = z.output<typeof policySpec>;
export type QueueSpec = z.output<typeof queueSpec>;
export type WorkerSpec = z.output<typeof workerSpec>;
export type JobSpec = z.output<typeof jobSpec>;

/** The statuses of a job, as the GA API names them (the emulator uses the five a queued job goes through). */
export type RouterJobStatus = 'queued' | 'assigned' | 'completed' | 'closed' | 'cancelled';

export interface RouterOffer {
  offerId: string;
  jobId: string;
  workerId: string;
  capacityCost: number;
  offeredAt: number;
  expiresAt: number;
}

export interface RouterAssignment {
  assignmentId: string;
  workerId: string;
  assignedAt: number;
  completedAt?: number;
  closedAt?: number;
}

export interface RouterJobRecord {
  id: string;
  etag: string;
  spec: JobSpec;
  status: RouterJobStatus;
  enqueuedAt: number;
  assignments: Map<string, RouterAssignment>;
  /** Workers that declined it, and until when they are not offered it again (Infinity: never). */
  declined: Map<string, number>;
}

export interface RouterWorkerRecord {
  id: string;
  etag: string;
  spec: WorkerSpec;
  /** Since when the worker has had nothing to do: what longest-idle distribution orders by. */
  idleSince: number;
  /** The worker's jobs, assigned and not closed: `{ assignmentId, jobId, capacityCost, assignedAt }`. */
  assigned: Array<{ assignmentId: string; jobId: string; capacityCost: number; assignedAt: number }>;
}

export interface RouterResource<Spec> {
  id: string;
  etag: string;
  spec: Spec;
}

/** RFC 7386: `patch` applied to `target`. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

const readOnly = new Set(['id', 'etag', 'status', 'enqueuedAt', 'assignments', 'attachedWorkerSelectors', 'scheduledAt', 'state', 'offers', 'assignedJobs', 'loadRatio']);

/**
 * The stored spec with the patch merged over it, checked; the service's 400 names the first field at fault.
 *
 * @example
 * const spec = patchSpec(workerSpec, stored?.spec, body);
 */
export function patchSpec<Schema extends z.ZodType>(schema: Schema, stored: unknown, patch: Record<string, unknown>): z.output<Schema> {
  const writable = Object.fromEntries(Object.entries(patch).filter(([key]) => !readOnly.has(key)));
  const result = schema.safeParse(mergePatch(stored ?? {}, writable));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw acsErrors.badRequest(`${issue?.path.length ? issue.path.join('.') : 'body'}: ${issue?.message ?? 'invalid'}`);
}

/** Whether a worker's labels satisfy a selector (a missing label satisfies none). */
export function satisfies(workerLabels: RouterLabels, selector: WorkerSelector): boolean {
  const actual = workerLabels[selector.key];
  const wanted = selector.value;
  if (actual === undefined || wanted === undefined) return false;
  switch (selector.labelOperator) {
    case 'equal':
      return actual === wanted;
    case 'notEqual':
      return actual !== wanted;
    case 'lessThan':
      return typeof actual === 'number' && typeof wanted === 'number' && actual < wanted;
    case 'lessThanOrEqual':
      return typeof actual === 'number' && typeof wanted === 'number' && actual <= wanted;
    case 'greaterThan':
      return typeof actual === 'number' && typeof wanted === 'number' && actual > wanted;
    case 'greaterThanOrEqual':
      return typeof actual === 'number' && typeof wanted === 'number' && actual >= wanted;
  }
}

/** A Job Router id: letters, digits, `-` and `_` (the emulator's stricter reading of the service's rule). */
export function checkRouterId(id: string, what: string): void {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(id)) throw acsErrors.badRequest(`${what} id: letters, digits, - and _ only (at most 200)`);
}
