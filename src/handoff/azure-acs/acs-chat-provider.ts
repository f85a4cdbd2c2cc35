/**
 * Handoff to a person in Azure Communication Services chat. The person is an ACS identity taken from
 * a configured pool (the one with the fewest handoffs in this process); they work in any ACS chat
 * client, or at Parley's agent desk, which acts as them (`desk`).
 *
 * - A customer already in an ACS chat thread (the `acs-chat` channel): the person is added to that
 *   thread, with its history, and talks to the customer there; the envelope goes to a briefing thread
 *   of the bot and the person only, so the customer never sees it.
 * - A customer anywhere else (web chat, Bot Framework, SMS): the bot opens a thread with the person,
 *   posts the envelope first, and relays the customer's messages into it (marked `customer`).
 *
 * Chat is followed by reading the thread (a Node bot gets no real-time chat notifications): every
 * `pollMs`, or at once when the channel's Event Grid events say something happened
 * (`threadActivity`). The person has left when they are removed from the thread or the desk ends it.
 */
import type { ChatClient } from '@azure/communication-chat';
import { ParleyError } from '../../core/errors.js';
import type { AgentDeskSide, DeskHandoff } from '../agent-desk-side.js';
import { DeskHandoffError } from '../agent-desk-side.js';
import type { HandoffEnvelope } from '../handoff-envelope.js';
import type { AgentEvent, AgentHandle, FollowOptions, HandoffProvider } from '../handoff-provider.js';
import { acsConnection, type AcsConnectionOptions } from './acs-connection.js';
import { acsMarks, agentEvents, eventsAfter } from './agent-side-events.js';
import { envelopeMessage } from './envelope-message.js';

export interface AcsAgent {
  /** The person's ACS user id (`8:acs:…`). */
  id: string;
  /** Their name as customers see it. */
  name: string;
}

export interface AcsChatProviderOptions extends AcsConnectionOptions {
  /** The bot's ACS user id: it opens handoff threads, posts the envelope and relays. */
  botUserId: string;
  /** The people who take over. */
  agents: readonly AcsAgent[];
  /** How often a followed thread is read for the person's messages, in ms (default 1,000). */
  pollMs?: number;
  /** The customer's name in a thread the bot opens for them (default `Customer`). */
  customerName?: string;
  /** The bot's name in handoff threads (default `Assistant`). */
  botName?: string;
}

export interface AcsChatProvider extends HandoffProvider {
  readonly desk: AgentDeskSide;
  /** Whether an ACS user is one of the pool's people (their messages in a customer's thread are not turns). */
  isAgent(userId: string): boolean;
  /** Something happened in a thread (an Event Grid event): a follower of it reads it now. */
  threadActivity(threadId: string): void;
}

/** Reads of a thread that may fail in a row before following it gives up. */
const maxFailedReads = 5;

/**
 * @example
 * const provider = createAcsChatProvider({ connectionString, botUserId, agents: [{ id: '8:acs:…', name: 'Sam' }] });
 * const bot = await createBot(definition, { handoff: provider });
 */
export function createAcsChatProvider(options: AcsChatProviderOptions): AcsChatProvider {
  if (options.agents.length === 0) throw new ParleyError('configuration', 'an ACS handoff needs at least one agent: agents: [{ id: "8:acs:…", name: "Sam" }]');
  const acs = acsConnection(options);
  const asBot = () => acs.chatAs(options.botUserId);
  const pollMs = options.pollMs ?? 1000;
  const pool = new Map(options.agents.map((agent) => [agent.id, agent]));
  /** Handoffs per agent in this process. */
  const load = new Map<string, number>();
  /** The handoffs this process opened, for the desk, by id (the thread). */
  const open = new Map<string, DeskHandoff & { handle: AgentHandle }>();
  /** Followers to wake, by thread. */
  const wakers = new Map<string, Set<() => void>>();

  const pick = (): AcsAgent => [...pool.values()].reduce((best, agent) => ((load.get(agent.id) ?? 0) < (load.get(best.id) ?? 0) ? agent : best));
  const release = (handle: AgentHandle) => {
    const left = (load.get(handle.agentId!) ?? 1) - 1;
    if (left > 0) load.set(handle.agentId!, left);
    else load.delete(handle.agentId!);
    open.delete(handle.threadId!);
  };
  const participant = (id: string, displayName: string) => ({ id: { communicationUserId: id }, displayName });

  async function read(handle: AgentHandle): Promise<AgentEvent[]> {
    const client = await asBot();
    const messages = [];
    for await (const message of client.getChatThreadClient(handle.threadId!).listMessages({ startTime: new Date(handle.since!) })) messages.push(message);
    return agentEvents(messages, handle.agentId!, handle.agentName!);
  }

  async function postAsAgent(id: string, content: string, metadata: Record<string, string>, name?: string): Promise<DeskHandoff & { handle: AgentHandle }> {
    const handoff = open.get(id);
    if (!handoff) throw new DeskHandoffError('not-found', `no handoff ${id} is open here`);
    const client: ChatClient = await acs.chatAs(handoff.handle.agentId!);
    await client.getChatThreadClient(handoff.handle.threadId!).sendMessage({ content }, { senderDisplayName: name ?? handoff.agentName ?? handoff.handle.agentName!, type: 'text', metadata });
    return handoff;
  }

  const desk: AgentDeskSide = {
    async list() {
      return [...open.values()].map(({ handle: _handle, ...handoff }) => handoff).sort((a, b) => a.since.localeCompare(b.since));
    },
    async join(id, agent) {
      const handoff = open.get(id);
      if (!handoff) throw new DeskHandoffError('not-found', `no handoff ${id} is open here`);
      if (handoff.state !== 'waiting') throw new DeskHandoffError('not-waiting', `handoff ${id} has been joined already`);
      await postAsAgent(id, `${agent.name} has joined the conversation.`, { [acsMarks.desk]: 'joined' }, agent.name);
      Object.assign(handoff, { state: 'joined', agentName: agent.name });
      threadActivity(handoff.handle.threadId!);
    },
    async say(id, text) {
      const handoff = open.get(id);
      if (handoff?.state !== 'joined') throw new DeskHandoffError(handoff ? 'not-joined' : 'not-found', handoff ? `join handoff ${id} first` : `no handoff ${id} is open here`);
      await postAsAgent(id, text, {});
      threadActivity(handoff.handle.threadId!);
    },
    async end(id) {
      const handoff = await postAsAgent(id, `${open.get(id)?.agentName ?? 'The person'} has left the conversation.`, { [acsMarks.desk]: 'ended' });
      await removeAgent(handoff.handle);
      threadActivity(handoff.handle.threadId!);
    },
  };

  async function removeAgent(handle: AgentHandle): Promise<void> {
    const client = await asBot();
    await client
      .getChatThreadClient(handle.threadId!)
      .removeParticipant({ communicationUserId: handle.agentId! })
      .catch(() => undefined); // already gone
  }

  function threadActivity(threadId: string): void {
    for (const wake of wakers.get(threadId) ?? []) wake();
  }

  return {
    name: 'azure-acs',
    desk,
    isAgent: (userId) => pool.has(userId),
    threadActivity,
    async open(envelope: HandoffEnvelope, customer) {
      const agent = pick();
      const client = await asBot();
      const since = new Date().toISOString();
      const botName = options.botName ?? 'Assistant';
      const briefing = envelopeMessage(envelope);
      const customerThread = customer?.channel === 'acs-chat' ? customer.address?.threadId : undefined;
      let threadId: string;
      if (customerThread) {
        // The person joins the customer's own thread, seeing what was said; the envelope is for them alone.
        await client.getChatThreadClient(customerThread).addParticipants({ participants: [{ ...participant(agent.id, agent.name), shareHistoryTime: new Date(0) }] });
        const side = await client.createChatThread({ topic: `Handoff briefing (${envelope.queue})` }, { participants: [participant(options.botUserId, botName), participant(agent.id, agent.name)] });
        await client.getChatThreadClient(side.chatThread!.id).sendMessage({ content: briefing.content }, { senderDisplayName: botName, type: 'text', metadata: briefing.metadata });
        threadId = customerThread;
      } else {
        const created = await client.createChatThread({ topic: `Handoff (${envelope.queue})` }, { participants: [participant(options.botUserId, botName), participant(agent.id, agent.name)] });
        threadId = created.chatThread!.id;
        await client.getChatThreadClient(threadId).sendMessage({ content: briefing.content }, { senderDisplayName: botName, type: 'text', metadata: briefing.metadata });
      }
      load.set(agent.id, (load.get(agent.id) ?? 0) + 1);
      const handle: AgentHandle = { threadId, agentId: agent.id, agentName: agent.name, since, mode: customerThread ? 'same-thread' : 'relay' };
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
      return eventsAfter(await read(handle), after);
    },
    async follow(handle, { after, onEvent, onError, signal }: FollowOptions) {
      let last = after;
      let failures = 0;
      let wake: () => void = () => undefined;
      const waker = () => wake();
      const threadId = handle.threadId!;
      if (!wakers.has(threadId)) wakers.set(threadId, new Set());
      wakers.get(threadId)!.add(waker);
      const stop = () => {
        wakers.get(threadId)?.delete(waker);
        if (wakers.get(threadId)?.size === 0) wakers.delete(threadId);
      };
      const poll = async (): Promise<boolean> => {
        const events = eventsAfter(await read(handle), last);
        for (const event of events) {
          if (signal.aborted) return false;
          last = event.id;
          const handoff = open.get(threadId);
          if (handoff && event.kind === 'joined') Object.assign(handoff, { state: 'joined', agentName: handoff.agentName ?? event.name });
          onEvent(event);
          if (event.kind === 'ended') {
            release(handle);
            return false;
          }
        }
        return true;
      };
      // The first read proves the thread can be followed; then it goes on in the background.
      if (!(await poll())) return stop();
      void (async () => {
        while (!signal.aborted) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pollMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
            signal.addEventListener('abort', wake, { once: true });
          });
          if (signal.aborted) break;
          try {
            if (!(await poll())) break;
            failures = 0;
          } catch (error) {
            if (++failures >= maxFailedReads || isGone(error)) {
              if (!signal.aborted) onError(error instanceof Error ? error : new Error(String(error)));
              break;
            }
          }
        }
        stop();
      })();
    },
    async close(handle) {
      const client = await asBot();
      await client
        .getChatThreadClient(handle.threadId!)
        .sendMessage({ content: 'The customer has left the conversation.' }, { senderDisplayName: options.botName ?? 'Assistant', type: 'text', metadata: { [acsMarks.role]: 'notice' } })
        .catch(() => undefined);
      await removeAgent(handle);
      release(handle);
    },
  };
}

/** The thread is gone or the bot is no longer in it: following cannot work again. */
function isGone(error: unknown): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return status === 403 || status === 404;
}
