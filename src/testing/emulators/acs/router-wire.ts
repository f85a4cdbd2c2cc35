/**
 * The HTTP surface of ACS Job Router (GA, api-version 2023-11-01) as the emulator speaks it: which
 * operation a method and path are. Actions end a path segment with `:<action>` after an id
 * (`/routing/jobs/{jobId}:cancel`, `/routing/jobs/{jobId}/assignments/{assignmentId}:complete`); ids
 * are percent-encoded, so the last literal `:` of a segment starts the action.
 */

/** The Job Router api-version the emulator answers. */
export const jobRouterApiVersion = '2023-11-01';

export type RouterOperation =
  | 'UpsertDistributionPolicy'
  | 'GetDistributionPolicy'
  | 'UpsertQueue'
  | 'GetQueue'
  | 'UpsertWorker'
  | 'GetWorker'
  | 'UpsertJob'
  | 'GetJob'
  | 'CancelJob'
  | 'CompleteJob'
  | 'CloseJob'
  | 'AcceptJobOffer'
  | 'DeclineJobOffer';

export interface RouterRoute {
  service: 'router';
  operation: RouterOperation;
  /** The decoded ids in the path, in order (a job and an assignment; a worker and an offer). */
  ids: string[];
}

const resources: Record<string, [upsert: RouterOperation, get: RouterOperation]> = {
  distributionPolicies: ['UpsertDistributionPolicy', 'GetDistributionPolicy'],
  queues: ['UpsertQueue', 'GetQueue'],
  workers: ['UpsertWorker', 'GetWorker'],
  jobs: ['UpsertJob', 'GetJob'],
};

/** The Job Router operation at a method and path; undefined for paths outside `/routing/`. */
export function findRouterRoute(method: string, pathname: string): RouterRoute | undefined {
  const parts = pathname.split('/').filter((part) => part !== '');
  if (parts[0] !== 'routing') return undefined;
  const [, collection, first, sub, second] = parts;
  const pair = collection === undefined ? undefined : resources[collection];
  if (!pair || first === undefined || parts.length > 5) return undefined;
  if (parts.length === 3) {
    const [id, action] = splitAction(first);
    if (action === undefined) {
      if (method === 'PATCH') return route(pair[0], [id]);
      if (method === 'GET') return route(pair[1], [id]);
      return undefined;
    }
    if (method === 'POST' && collection === 'jobs' && action === 'cancel') return route('CancelJob', [id]);
    return undefined;
  }
  if (parts.length !== 5 || method !== 'POST' || second === undefined) return undefined;
  const [subId, action] = splitAction(second);
  if (collection === 'jobs' && sub === 'assignments' && action === 'complete') return route('CompleteJob', [decode(first), subId]);
  if (collection === 'jobs' && sub === 'assignments' && action === 'close') return route('CloseJob', [decode(first), subId]);
  if (collection === 'workers' && sub === 'offers' && action === 'accept') return route('AcceptJobOffer', [decode(first), subId]);
  if (collection === 'workers' && sub === 'offers' && action === 'decline') return route('DeclineJobOffer', [decode(first), subId]);
  return undefined;
}

const route = (operation: RouterOperation, ids: string[]): RouterRoute => ({ service: 'router', operation, ids });

function splitAction(segment: string): [id: string, action: string | undefined] {
  const at = segment.lastIndexOf(':');
  return at < 0 ? [decode(segment), undefined] : [decode(segment.slice(0, at)), segment.slice(at + 1)];
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
