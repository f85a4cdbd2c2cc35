// ACS Job Router through Azure's REST pipeline (the job-router client, HMAC-signed) and the ACS
// emulator: a policy, a queue and workers upserted, a job offered and accepted, completed and closed;
// a decline offers the job to the next worker; an offer left too long expires (on the emulator's
// clock) and the job is offered again; a wrong key is refused. Each step's Event Grid event is checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRouterClient, type JobRouterClient } from '../../src/handoff/azure-acs/job-router.js';
import { ProviderCallError } from '../../src/core/errors.js';
import { acsRouterEventType, startAcsEmulator, type AcsEmulator } from '../../src/testing/index.js';

let acs: AcsEmulator;
let router: JobRouterClient;
let now = Date.now();

const eventsOf = (jobId: string) => acs.events().filter((event) => event.subject.includes(`job/${jobId}`));
const typesOf = (jobId: string) => eventsOf(jobId).map((event) => event.type.replace('Microsoft.Communication.', ''));

beforeAll(async () => {
  acs = await startAcsEmulator({ now: () => new Date(now) });
  router = createJobRouterClient({ connectionString: acs.connectionString, tlsOptions: { ca: acs.ca }, clientOptions: { retryOptions: { maxRetries: 0 } } });
  await router.upsertDistributionPolicy('longest-idle', { offerExpiresAfterSeconds: 60, mode: { kind: 'longestIdle', maxConcurrentOffers: 1 } });
  await router.upsertQueue('support', { distributionPolicyId: 'longest-idle', name: 'Support' });
});

afterAll(async () => {
  await acs?.close();
});

/** A worker in `queue`, taking one chat at a time. */
async function worker(id: string, queue: string, available = true) {
  return router.upsertWorker(id, { queues: [queue], capacity: 1, channels: [{ channelId: 'chat', capacityCostPerJob: 1 }], labels: { acsUserId: `8:acs:${id}`, name: id }, availableForOffers: available });
}

describe('Job Router through the REST pipeline', () => {
  it('offers a job to a worker, who accepts; it is completed and closed, and the worker is free again', async () => {
    await router.upsertDistributionPolicy('p1', { offerExpiresAfterSeconds: 60, mode: { kind: 'longestIdle' } });
    await router.upsertQueue('q1', { distributionPolicyId: 'p1' });
    const created = await worker('sam', 'q1');
    expect(created).toMatchObject({ id: 'sam', state: 'active', capacity: 1, labels: { acsUserId: '8:acs:sam' } });

    const job = await router.upsertJob('job-1', { channelId: 'chat', queueId: 'q1', priority: 5, labels: { conversationId: 'web:1', reason: 'requested' }, channelReference: 'thread-1' });
    expect(job).toMatchObject({ id: 'job-1', status: 'queued', queueId: 'q1', priority: 5, labels: { conversationId: 'web:1' } });
    const [offer] = (await router.getWorker('sam'))!.offers!;
    expect(offer).toMatchObject({ jobId: 'job-1', capacityCost: 1 });

    const accepted = await router.acceptJobOffer('sam', offer!.offerId);
    expect(accepted).toMatchObject({ jobId: 'job-1', workerId: 'sam' });
    const assigned = (await router.getJob('job-1'))!;
    expect(assigned.status).toBe('assigned');
    expect(assigned.assignments![accepted.assignmentId]).toMatchObject({ workerId: 'sam', assignedAt: expect.any(String) });
    // Accepting it again: the offer is gone.
    await expect(router.acceptJobOffer('sam', offer!.offerId)).rejects.toMatchObject({ code: 'provider-call', operation: 'acceptJobOffer', message: expect.stringContaining('HTTP 404') });
    // An assigned job is not cancelled, nor closed before it is completed.
    await expect(router.cancelJob('job-1')).rejects.toThrow(/complete and close an assigned one/);
    await expect(router.closeJob('job-1', accepted.assignmentId)).rejects.toThrow(/only a completed job can be closed/);

    await router.completeJob('job-1', accepted.assignmentId, { note: 'done' });
    expect((await router.getJob('job-1'))!.status).toBe('completed');
    expect((await router.getWorker('sam'))!.assignedJobs).toHaveLength(1);
    await router.closeJob('job-1', accepted.assignmentId, { dispositionCode: 'resolved' });
    expect(await router.getJob('job-1')).toMatchObject({ status: 'closed', dispositionCode: 'resolved' });
    expect((await router.getWorker('sam'))!.assignedJobs).toEqual([]);

    expect(typesOf('job-1')).toEqual(['RouterJobReceived', 'RouterJobQueued', 'RouterWorkerOfferIssued', 'RouterWorkerOfferAccepted', 'RouterJobCompleted', 'RouterJobClosed']);
    const [issued] = eventsOf('job-1').filter((event) => event.type === acsRouterEventType.workerOfferIssued);
    expect(issued).toMatchObject({ subject: 'worker/sam/job/job-1', data: { workerId: 'sam', jobId: 'job-1', offerId: offer!.offerId, channelId: 'chat', queueId: 'q1', jobPriority: 5, channelReference: 'thread-1' } });
    expect(eventsOf('job-1').at(-1)).toMatchObject({ subject: `job/job-1/channel/chat/assignment/${accepted.assignmentId}`, data: { workerId: 'sam', dispositionCode: 'resolved' } });
    expect(await router.getJob('no-such-job')).toBeUndefined();
  });

  it('offers a declined job to the next worker, longest idle first', async () => {
    await worker('ada', 'support');
    now += 1000;
    await worker('bo', 'support');
    await router.upsertJob('job-2', { channelId: 'chat', queueId: 'support' });
    const first = acs.jobRouter.offers('ada');
    expect(first).toHaveLength(1);
    expect(acs.jobRouter.offers('bo')).toEqual([]);
    await router.declineJobOffer('ada', first[0]!.offerId);
    const [second] = acs.jobRouter.offers('bo');
    expect(second).toMatchObject({ jobId: 'job-2' });
    expect(acs.jobRouter.offers('ada')).toEqual([]);
    const { assignmentId } = await router.acceptJobOffer('bo', second!.offerId);
    expect(acs.jobRouter.job('job-2')).toMatchObject({ status: 'assigned', assignments: [{ assignmentId, workerId: 'bo' }] });
    expect(typesOf('job-2')).toContain('RouterWorkerOfferDeclined');
    await router.completeJob('job-2', assignmentId);
    await router.closeJob('job-2', assignmentId);
  });

  it('expires an offer left past offerExpiresAfterSeconds, and offers the job again', async () => {
    await router.upsertWorker('ada', { availableForOffers: false });
    await router.upsertWorker('bo', { availableForOffers: false });
    await worker('cy', 'support');
    await router.upsertJob('job-3', { channelId: 'chat', queueId: 'support' });
    const [offer] = acs.jobRouter.offers('cy');
    now += 61_000;
    const again = (await router.getWorker('cy'))!.offers!;
    expect(again).toHaveLength(1);
    expect(again[0]!.offerId).not.toBe(offer!.offerId);
    expect(typesOf('job-3')).toEqual(['RouterJobReceived', 'RouterJobQueued', 'RouterWorkerOfferIssued', 'RouterWorkerOfferExpired', 'RouterWorkerOfferIssued']);
    await expect(router.acceptJobOffer('cy', offer!.offerId)).rejects.toThrow(/expired/);
    // A job no one took yet is cancelled; its offer goes with it.
    await router.cancelJob('job-3', { note: 'customer left' });
    expect(acs.jobRouter.job('job-3')).toMatchObject({ status: 'cancelled', dispositionCode: 'Cancelled' });
    expect(acs.jobRouter.offers('cy')).toEqual([]);
    expect(typesOf('job-3').slice(-2)).toEqual(['RouterWorkerOfferRevoked', 'RouterJobCancelled']);
  });

  it('offers jobs in turn under a roundRobin policy, to workers with room for the job\'s channel', async () => {
    await router.upsertDistributionPolicy('in-turn', { offerExpiresAfterSeconds: 60, mode: { kind: 'roundRobin' } });
    await router.upsertQueue('turns', { distributionPolicyId: 'in-turn' });
    const twoChats = { queues: ['turns'], capacity: 2, channels: [{ channelId: 'chat', capacityCostPerJob: 1 }], availableForOffers: true };
    await router.upsertWorker('r1', twoChats);
    await router.upsertWorker('r2', twoChats);
    await router.upsertWorker('voice-only', { ...twoChats, channels: [{ channelId: 'voice', capacityCostPerJob: 1 }] });
    for (const id of ['t1', 't2', 't3', 't4', 't5']) await router.upsertJob(id, { channelId: 'chat', queueId: 'turns' });
    const offered = (workerId: string) => acs.jobRouter.offers(workerId).map((offer) => offer.jobId);
    expect([offered('r1'), offered('r2'), offered('voice-only')]).toEqual([['t1', 't3'], ['t2', 't4'], []]);
    expect(acs.jobRouter.job('t5').status).toBe('queued');
    for (const id of ['t1', 't2', 't3', 't4', 't5']) await router.cancelJob(id);
  });

  it('refuses a call signed with another key, and a job for a queue that does not exist', async () => {
    const wrongKey = Buffer.alloc(32, 7).toString('base64');
    const impostor = createJobRouterClient({ connectionString: `endpoint=${acs.url}/;accesskey=${wrongKey}`, tlsOptions: { ca: acs.ca }, clientOptions: { retryOptions: { maxRetries: 0 } } });
    const refused = await impostor.getJob('job-1').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProviderCallError);
    expect(refused).toMatchObject({ operation: 'getJob', retryable: false, message: expect.stringMatching(/HTTP 401.*access key/) });
    expect(acs.calls.at(-1)).toMatchObject({ service: 'router', operation: 'GetJob', status: 401, errorCode: 'Denied' });
    await expect(router.upsertJob('job-4', { channelId: 'chat', queueId: 'nowhere' })).rejects.toThrow(/HTTP 400.*no queue nowhere.*check that the queue exists/);
  });
});
