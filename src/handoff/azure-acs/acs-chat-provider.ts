/**
 * Handoff to a person in Azure Communication Services chat. The person is an ACS identity: taken
 * from a configured pool (the one with the fewest handoffs in this process), or, with `jobRouter`,
 * the worker ACS Job Router assigns the handoff's job to (brought into its threads once the job is
 * assigned). They work in any ACS chat client, or at Parley's agent desk, which acts as them (`desk`).
 *
 * - A customer already in an ACS chat thread (the `acs-chat` channel): the person is added to that
 *   thread, with its history, and talks to the customer there; the envelope goes to a briefing thread
 *   of the bot and the person only, so the customer never sees it.
 * - A customer anywhere else (web chat, Bot Framework, SMS): the bot opens a thread with the person,
 *   posts the envelope first, and relays the customer's messages into it (marked `customer`).
 *
 * Chat is followed by reading the thread (a Node bot gets no real-time chat notifications): every
 * `pollMs`, or at once when the channel's Event Grid events say something happened
 * (`threadActivity`); a job is read as often until it is assigned. The person has left when they are
 * removed from the thread or the desk ends it; a job is then completed and closed.
 */
import { ParleyError } from '../../core/errors.js';
import type { AgentDeskSide } from '../agent-desk-side.js';
import { DeskHandoffError } from '../agent-desk-side.js';
import type { HandoffEnvelope } from '../handoff-envelope.js';
import type { AgentEvent, AgentHandle, FollowOptions, HandoffProvider } from '../handoff-provider.js';
import { acsConnection, type AcsConnectionOptions } from './acs-connection.js';
import { createAcsDeskSide, type AcsDeskHandoff } from './acs-desk-side.js';
import { acsMarks, agentEvents, eventsAfter } from './agent-side-events.js';
import { followByPolling } from './follow-by-polling.js';
import { bringIn, openHandoffThreads, type AcsAgent } from './handoff-threads.js';
import { createJobRouterHandoffs, type AcsJobRouterOptions } from './job-router-handoffs.js';

export type { AcsAgent, AcsJobRouterOptions };

export interface AcsChatProviderOptions extends AcsConnectionOptions {
  /** The bot's ACS user id: it opens handoff threads, posts the envelope and relays. */
  botUserId: string;
  /** The people who take over, a pool (or `jobRouter`). */
  agents?: readonly AcsAgent[];
  /** People offered each handoff as a job by ACS Job Router (instead of `agents`). */
  jobRouter?: AcsJobRouterOptions;
  /** How often a followed thread (or a job not yet assigned) is read, in ms (default 1,000). */
  pollMs?: number;
  /** The customer's name in a thread the bot opens for them (default `Customer`). */
  customerName?: string;
  /** The bot's name in handoff threads (default `Assistant`). */
  botName?: string;
}

export interface AcsChatProvider extends HandoffProvider {
  readonly desk: AgentDeskSide;
  /** Whether an ACS user is one of the people who take over (their messages in a customer's thread are not turns). */
  isAgent(userId: string): boolean;
  /** Something happened in a thread (an Event Grid event): a follower of it reads it now. */
  threadActivity(threadId: string): void;
}

/** Handoffs whose person this process brought in, kept for at most this many (oldest forgotten first). */
const keptAdmissions = 10_000;

/**
 * @example
 * const provider = createAcsChatProvider({ connectionString, botUserId, agents: [{ id: '8:acs:…', name: 'Sam' }] });
 * const routed = createAcsChatProvider({ connectionString, botUserId, jobRouter: { queueId: 'support' } });
 * const bot = await createBot(definition, { handoff: provider });
 */
export function createAcsChatProvider(options: AcsChatProviderOptions): AcsChatProvider {
  const pool = new Map((options.agents ?? []).map((agent) => [agent.id, agent]));
  if (options.jobRouter && pool.size > 0) throw new ParleyError('configuration', 'an ACS handoff takes people from agents or from jobRouter, not both');
  if (!options.jobRouter && pool.size === 0) throw new ParleyError('configuration', 'an ACS handoff needs at least one agent, agents: [{ id: "8:acs:…", name: "Sam" }], or a Job Router queue, jobRouter: { queueId: "support" }');
  const acs = acsConnection(options);
  const jobs = options.jobRouter && createJobRouterHandoffs(options.jobRouter, options);
  const asBot = () => acs.chatAs(options.botUserId);
  const botName = options.botName ?? 'Assistant';
  const pollMs = options.pollMs ?? 1000;
  /** Handoffs per pool agent in this process. */
  const load = new Map<string, number>();
  /** The handoffs this process opened, for the desk, by id (the thread). */
  const open = new Map<string, AcsDeskHandoff>();
  /** Followers to wake, by thread. */
  const wakers = new Map<string, Set<() => void>>();
  /** Job Router handoffs whose person this process brought into the threads (or found there), by job. */
  const admissions = new Map<string, Promise<void>>();

  const pick = (): AcsAgent => [...pool.values()].reduce((best, agent) => ((load.get(agent.id) ?? 0) < (load.get(best.id) ?? 0) ? agent : best));
  const jobsOf = () => jobs || raise(new ParleyError('configuration', 'this handoff is a Job Router job: configure handoff.jobRouter to follow it'));

  /** The handoff is over in this process. */
  function forget(handle: AgentHandle): void {
    open.delete(handle.threadId!);
    if (handle.jobId) {
      admissions.delete(handle.jobId);
      return;
    }
    const left = (load.get(handle.agentId!) ?? 1) - 1;
    if (left > 0) load.set(handle.agentId!, left);
    else load.delete(handle.agentId!);
  }

  async function read(handle: AgentHandle, agent: AcsAgent): Promise<AgentEvent[]> {
    const client = await asBot();
    const messages = [];
    for await (const message of client.getChatThreadClient(handle.threadId!).listMessages({ startTime: new Date(handle.since!) })) messages.push(message);
    return agentEvents(messages, agent.id, agent.name);
  }

  /** The person who has the handoff, in its threads; undefined while its job waits; `over` when it ended with no one. */
  async function personOf(handle: AgentHandle): Promise<AcsAgent | undefined | 'over'> {
    if (!handle.jobId) return { id: handle.agentId!, name: handle.agentName! };
    const who = await jobsOf().assignee(handle.jobId);
    if (who.kind !== 'assigned') return who.kind === 'over' ? 'over' : undefined;
    let admitted = admissions.get(handle.jobId);
    if (!admitted) {
      // A job already completed had its person and lost them: they are not brought back.
      const threads = { threadId: handle.threadId!, briefingThreadId: handle.briefingThreadId };
      const hasLeft = async () => (await read(handle, who.agent)).some((event) => event.kind === 'ended');
      admitted = who.status === 'assigned' ? asBot().then((client) => bringIn(client, threads, who.agent, hasLeft)) : Promise.resolve();
      admissions.set(handle.jobId, admitted);
      admitted.catch(() => admissions.delete(handle.jobId!));
      if (admissions.size > keptAdmissions) admissions.delete(admissions.keys().next().value!);
    }
    await admitted;
    return who.agent;
  }

  /** What the person did after `after`: nothing while no one has the handoff; its end when its job ended with no one. */
  async function eventsOf(handle: AgentHandle, after: string | undefined): Promise<AgentEvent[]> {
    const person = await personOf(handle);
    if (person === 'over') return [{ kind: 'ended', id: '0:0' }];
    return person ? eventsAfter(await read(handle, person), after) : [];
  }

  async function removeAgent(handle: AgentHandle, agentId: string): Promise<void> {
    const client = await asBot();
    await client
      .getChatThreadClient(handle.threadId!)
      .removeParticipant({ communicationUserId: agentId })
      .catch(() => undefined); // already gone
  }

  function threadActivity(threadId: string): void {
    for (const wake of wakers.get(threadId) ?? []) wake();
  }

  const desk = createAcsDeskSide({
    open,
    removeAgent,
    threadActivity,
    async postAsAgent(handoff, content, metadata, name) {
      const person = await personOf(handoff.handle);
      if (person === 'over') throw new DeskHandoffError('not-found', `handoff ${handoff.id} has ended`);
      if (!person) throw new DeskHandoffError('not-waiting', `handoff ${handoff.id} has no person yet: Job Router has not assigned it`);
      const client = await acs.chatAs(person.id);
      await client.getChatThreadClient(handoff.handle.threadId!).sendMessage({ content }, { senderDisplayName: name ?? handoff.agentName ?? person.name, type: 'text', metadata });
      return person.id;
    },
  });

  return {
    name: 'azure-acs',
    desk,
    isAgent: (userId) => pool.has(userId) || (jobs?.isAgent(userId) ?? false),
    threadActivity,
    async open(envelope: HandoffEnvelope, customer) {
      // From the pool, the person now; from Job Router, whoever its job is assigned to, later.
      const agent = jobs ? undefined : pick();
      const client = await asBot();
      const since = new Date().toISOString();
      const customerThread = customer?.channel === 'acs-chat' ? customer.address?.threadId : undefined;
      const { threadId, briefingThreadId } = await openHandoffThreads(client, { bot: { id: options.botUserId, name: botName }, envelope, customerThread, agent });
      const handle: AgentHandle = { threadId, since, mode: customerThread ? 'same-thread' : 'relay' };
      if (agent) {
        Object.assign(handle, { agentId: agent.id, agentName: agent.name });
        load.set(agent.id, (load.get(agent.id) ?? 0) + 1);
      } else {
        // The job names the thread; when it cannot be made, the thread the bot made goes too.
        const { jobId } = await jobsOf()
          .open(envelope, threadId)
          .catch(async (error: unknown) => {
            await client.deleteChatThread(briefingThreadId ?? threadId).catch(() => undefined);
            throw error;
          });
        Object.assign(handle, { jobId, ...(briefingThreadId ? { briefingThreadId } : {}) });
      }
      open.set(threadId, { id: threadId, conversationId: envelope.conversationId, state: 'waiting', since, handle });
      return handle;
    },
    async send(handle, text) {
      // In the customer's own thread, the person reads them there already.
      if (handle.mode === 'same-thread') return;
      const client = await asBot();
      await client.getChatThreadClient(handle.threadId!).sendMessage({ content: text }, { senderDisplayName: options.customerName ?? 'Customer', type: 'text', metadata: { [acsMarks.role]: 'customer' } });
    },
    async history(handle, after) {
      const events = await eventsOf(handle, after);
      if (handle.jobId && events.some((event) => event.kind === 'ended')) await jobsOf().finish(handle.jobId);
      return events;
    },
    async follow(handle, { after, onEvent, onError, signal }: FollowOptions) {
      let last = after;
      const threadId = handle.threadId!;
      const poll = async (): Promise<boolean> => {
        for (const event of await eventsOf(handle, last)) {
          if (signal.aborted) return false;
          if (event.kind === 'ended') {
            // The job is finished before the end is told: a failure is tried again at the next read.
            if (handle.jobId) await jobsOf().finish(handle.jobId);
            forget(handle);
          }
          last = event.id;
          const handoff = open.get(threadId);
          if (handoff && event.kind === 'joined') Object.assign(handoff, { state: 'joined', agentName: handoff.agentName ?? event.name });
          onEvent(event);
          if (event.kind === 'ended') return false;
        }
        return true;
      };
      // Following failed for good and the conversation goes back to the bot: a job is not left holding a worker.
      const withdraw = () => void (handle.jobId && jobsOf().withdraw(handle.jobId).catch(() => undefined));
      await followByPolling({
        poll,
        pollMs,
        signal,
        onError(error) {
          withdraw();
          onError(error);
        },
        wakeOn(wake) {
          if (!wakers.has(threadId)) wakers.set(threadId, new Set());
          wakers.get(threadId)!.add(wake);
          return () => {
            wakers.get(threadId)?.delete(wake);
            if (wakers.get(threadId)?.size === 0) wakers.delete(threadId);
          };
        },
      }).catch((error: unknown) => {
        if (!signal.aborted) withdraw();
        throw error;
      });
    },
    async close(handle) {
      const client = await asBot();
      await client
        .getChatThreadClient(handle.threadId!)
        .sendMessage({ content: 'The customer has left the conversation.' }, { senderDisplayName: botName, type: 'text', metadata: { [acsMarks.role]: 'notice' } })
        .catch(() => undefined);
      if (handle.jobId) {
        const who = await jobsOf().assignee(handle.jobId);
        if (who.kind === 'assigned') await removeAgent(handle, who.agent.id);
        await jobsOf().withdraw(handle.jobId);
      } else {
        await removeAgent(handle, handle.agentId!);
      }
      forget(handle);
    },
  };
}

function raise(error: Error): never {
  throw error;
}
