// A handoff staffed by ACS Job Router, end to end through the ACS emulator with the real SDK clients
// and the reference assistant: a web chat customer asks for a person, a job is created with the
// envelope's labels, the worker accepts its offer through the REST API, the worker's identity is
// brought into a thread whose first message is the envelope, the worker (their own ChatClient) and the
// desk write, the customer's words are relayed, the worker leaves, the job is completed and closed, and
// the bot is back. Also: a customer who goes before anyone took the job has it cancelled; an ACS chat
// customer's person joins their own thread and a briefing thread.
import { ChatClient } from '@azure/communication-chat';
import { AzureCommunicationTokenCredential } from '@azure/communication-common';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Bot, TranscriptEntry } from 'parley-sdk';
import { DeskHandoffError } from '../../src/handoff/agent-desk-side.js';
import { createAcsChatProvider, type AcsChatProvider } from '../../src/handoff/azure-acs/acs-chat-provider.js';
import { createJobRouterClient, type JobRouterClient } from '../../src/handoff/azure-acs/job-router.js';
import { startAcsEmulator, type AcsEmulator, type AcsEmulatorUser } from '../../src/testing/index.js';
import { referenceBot } from '../support/reference-bot.js';

let acs: AcsEmulator;
let router: JobRouterClient;
let provider: AcsChatProvider;
let bot: Bot;
let botUser: AcsEmulatorUser;
let sam: AcsEmulatorUser;
const wait = { timeout: 10_000, interval: 20 };

beforeAll(async () => {
  acs = await startAcsEmulator({ chatLimits: { sendRate: [{ limit: 100, windowMs: 10_000 }] } });
  const tls = { tlsOptions: { ca: acs.ca } };
  botUser = acs.createUser({ displayName: 'Acme' });
  sam = acs.createUser({ displayName: 'Sam' });
  router = createJobRouterClient({ connectionString: acs.connectionString, ...tls, clientOptions: { retryOptions: { maxRetries: 0 } } });
  await router.upsertDistributionPolicy('longest-idle', { offerExpiresAfterSeconds: 300, mode: { kind: 'longestIdle' } });
  await router.upsertQueue('support', { distributionPolicyId: 'longest-idle' });
  await router.upsertWorker('sam', { queues: ['support'], capacity: 1, channels: [{ channelId: 'chat', capacityCostPerJob: 1 }], labels: { acsUserId: sam.id, name: 'Sam' }, availableForOffers: true });
  provider = createAcsChatProvider({ connectionString: acs.connectionString, ...tls, botUserId: botUser.id, jobRouter: { queueId: 'support', priority: 3 }, pollMs: 20, botName: 'Acme' });
  bot = await referenceBot({ handoff: provider });
});

afterAll(async () => {
  await bot?.close();
  await acs?.close();
});

const say = (conversationId: string, text: string, channel = 'web', address?: { threadId: string }) => bot.handle({ conversationId, channel, content: { kind: 'text', text }, ...(address ? { address } : {}) });
const jobOf = (conversationId: string) => acs.jobRouter.jobs().find((job) => job.labels.conversationId === conversationId)!;
const transcript = async (conversationId: string): Promise<TranscriptEntry[]> => (await bot.transcript(conversationId)) ?? [];
const chatAs = (user: AcsEmulatorUser) => new ChatClient(acs.url, new AzureCommunicationTokenCredential(user.token), { tlsOptions: { ca: acs.ca } });

/** The worker's app: takes the offer Job Router made them for this job. */
async function acceptOffer(workerId: string, jobId: string): Promise<string> {
  const offer = (await router.getWorker(workerId))!.offers!.find((candidate) => candidate.jobId === jobId)!;
  return (await router.acceptJobOffer(workerId, offer.offerId)).assignmentId;
}

describe('ACS handoff staffed by Job Router', () => {
  it('opens a job, brings the assigned worker into the thread with the envelope first, relays, and closes the job when they leave', async () => {
    const conversationId = 'web:job-router-1';
    await say(conversationId, 'I need a repair tomorrow at 3pm');
    const handed = await say(conversationId, 'I want to talk to a person');
    expect(handed.withAgent).toBe(true);
    const job = jobOf(conversationId);
    expect(job).toMatchObject({ status: 'queued', queueId: 'support', channelId: 'chat', priority: 3, labels: { conversationId, queue: handed.handoff!.queue, reason: 'requested', locale: 'en-US' } });
    const threadId = job.channelReference!;

    // Until Job Router assigns it, the desk lists it waiting and has no one to act as; the customer's words wait in the thread.
    expect(await provider.desk.list()).toContainEqual(expect.objectContaining({ id: threadId, conversationId, state: 'waiting' }));
    await expect(provider.desk.join(threadId, { name: 'Sam' })).rejects.toSatisfy((error: unknown) => error instanceof DeskHandoffError && error.code === 'not-waiting');
    expect((await say(conversationId, 'is anyone there?')).messages).toEqual([]);
    expect(acs.thread(threadId).participants.map((participant) => participant.id)).toEqual([botUser.id]);

    const assignmentId = await acceptOffer('sam', job.id);
    await vi.waitFor(() => expect(acs.thread(threadId).participants.map((participant) => participant.id)).toContain(sam.id), wait);
    const texts = acs.thread(threadId).messages.filter((message) => message.type === 'text');
    expect(texts[0]).toMatchObject({ senderId: botUser.id, metadata: { 'parley.role': 'envelope', 'parley.conversationId': conversationId } });
    expect(texts[0]!.content).toMatch(/Conversation so far:[\s\S]*I need a repair tomorrow at 3pm/);
    expect(texts[1]).toMatchObject({ content: 'is anyone there?', metadata: { 'parley.role': 'customer' } });
    expect(provider.isAgent(sam.id)).toBe(true);

    // The worker writes in their own chat client; then at the desk, which acts as them.
    const samChat = chatAs(sam).getChatThreadClient(threadId);
    await samChat.sendMessage({ content: 'Hi, Sam here.' }, { senderDisplayName: 'Sam' });
    await vi.waitFor(async () => expect(await transcript(conversationId)).toContainEqual(expect.objectContaining({ from: 'agent', text: 'Hi, Sam here.' })), wait);
    expect(await provider.desk.list()).toContainEqual(expect.objectContaining({ id: threadId, state: 'joined', agentName: 'Sam' }));
    await provider.desk.say(threadId, 'Which router model is it?');
    await vi.waitFor(async () => expect(await transcript(conversationId)).toContainEqual(expect.objectContaining({ from: 'agent', text: 'Which router model is it?' })), wait);
    expect((await say(conversationId, 'the blue one')).messages).toEqual([]);
    expect(acs.thread(threadId).messages.at(-1)).toMatchObject({ content: 'the blue one', metadata: { 'parley.role': 'customer' } });

    // The worker leaves the thread: the job is completed and closed, and the bot has the conversation again.
    await samChat.removeParticipant({ communicationUserId: sam.id });
    await vi.waitFor(() => expect(acs.jobRouter.job(job.id).status).toBe('closed'), wait);
    expect(acs.jobRouter.job(job.id).assignments).toEqual([expect.objectContaining({ assignmentId, workerId: 'sam', completedAt: expect.any(Date), closedAt: expect.any(Date) })]);
    await vi.waitFor(async () => expect((await transcript(conversationId)).map((entry) => entry.event ?? entry.from)).toContain('agent-left'), wait);
    expect((await router.getWorker('sam'))!.assignedJobs).toEqual([]);
    const types = acs.events().filter((event) => event.subject.includes(`job/${job.id}`)).map((event) => event.type.replace('Microsoft.Communication.', ''));
    expect(types).toEqual(['RouterJobReceived', 'RouterJobQueued', 'RouterWorkerOfferIssued', 'RouterWorkerOfferAccepted', 'RouterJobCompleted', 'RouterJobClosed']);
    const back = await say(conversationId, 'where is my order?');
    expect(back.withAgent).toBeFalsy();
    expect(back.messages.map((message) => message.text).join('\n')).toMatch(/order/i);
  });

  it('cancels the job of a customer who goes before anyone took it', async () => {
    const conversationId = 'web:job-router-2';
    await say(conversationId, 'I want to talk to a person');
    const job = jobOf(conversationId);
    expect(job.status).toBe('queued');
    expect(await bot.erase(conversationId)).toBe(true);
    expect(acs.jobRouter.job(job.id)).toMatchObject({ status: 'cancelled', dispositionCode: 'Cancelled' });
    expect(acs.jobRouter.offers('sam')).toEqual([]);
  });

  it('brings the worker of an ACS chat customer into the customer\'s own thread, with the envelope in a briefing thread', async () => {
    const customer = acs.createUser({ displayName: 'Ada' });
    const { chatThread } = await chatAs(customer).createChatThread({ topic: 'Support' }, { participants: [customer.participant, botUser.participant] });
    const threadId = chatThread!.id;
    const conversationId = `acs-chat:${threadId}`;
    await say(conversationId, 'I want to talk to a person', 'acs-chat', { threadId });
    const job = jobOf(conversationId);
    expect(job.channelReference).toBe(threadId);
    const briefing = acs.threads().find((thread) => thread.topic.startsWith('Handoff briefing') && thread.messages.some((message) => message.metadata?.['parley.conversationId'] === conversationId))!;
    expect(briefing.participants.map((participant) => participant.id)).toEqual([botUser.id]);

    await acceptOffer('sam', job.id);
    await vi.waitFor(() => expect(acs.thread(threadId).participants.map((participant) => participant.id)).toContain(sam.id), wait);
    expect(acs.thread(briefing.id).participants.map((participant) => participant.id).sort()).toEqual([botUser.id, sam.id].sort());
    await provider.desk.join(threadId, { name: 'Sam' });
    await provider.desk.end(threadId);
    await vi.waitFor(() => expect(acs.jobRouter.job(job.id).status).toBe('closed'), wait);
    expect(acs.thread(threadId).participants.map((participant) => participant.id)).not.toContain(sam.id);
  });
});
