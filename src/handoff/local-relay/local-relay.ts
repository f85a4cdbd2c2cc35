/**
 * Parley's local relay: a HandoffProvider that keeps handoffs in this process, for Parley's agent desk
 * (`channels/agent-desk/`) to staff, so a handoff to a person works with no contact center — on a
 * laptop, in a demo, in tests. The customer's side is the runtime's, as with any provider (it relays
 * their words and follows the person's); the person's side is `relay.desk`.
 *
 * It is for one process: its handoffs live in memory, so `parley serve --workers N` or several
 * machines each have their own, and a restart forgets them — the runtime then finds the handoff gone
 * (send, follow and history reject) and gives the conversation back to the bot. It keeps no customer
 * text: the desk reads what the customer says from the conversation's transcript.
 */
import { randomUUID } from 'node:crypto';
import { ParleyError, ProviderCallError } from '../../core/errors.js';
import { DeskHandoffError, type AgentDeskSide, type DeskHandoff } from '../agent-desk-side.js';
import type { AgentEvent, AgentHandle, HandoffProvider } from '../handoff-provider.js';

export interface LocalRelayOptions {
  /** Handoffs waiting or joined at once (default 100): one more is refused, and the customer told no one can be reached. */
  maxOpenHandoffs?: number;
  /** Events one handoff holds — the person joining, their messages, leaving (default 500): past it, the person can only end it. */
  maxEventsPerHandoff?: number;
  /** The longest message a person may write, in characters (default 4000). */
  maxMessageLength?: number;
  /** Ended handoffs kept, newest, so a process catching up can still read how they ended (default 100). */
  keptEnded?: number;
}

/** The local relay: a HandoffProvider named `local`, with the desk that staffs it. */
export interface LocalRelay extends HandoffProvider {
  readonly name: 'local';
  readonly desk: AgentDeskSide;
}

interface Handoff {
  id: string;
  conversationId: string;
  since: string;
  state: 'waiting' | 'joined' | 'ended';
  agentName?: string;
  events: AgentEvent[];
  followers: Set<(event: AgentEvent) => void>;
}

const defaults = { maxOpenHandoffs: 100, maxEventsPerHandoff: 500, maxMessageLength: 4000, keptEnded: 100 };
/** A person's name as the customer sees it. */
const maxNameLength = 80;
// Control characters (C0, DEL, C1) in a name or message; one character at a time, no backtracking.
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const nameControl = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * @example
 * const handoff = createLocalRelay();
 * const bot = await createBot(definition, { handoff });
 * app.route('/agent-desk', createAgentDeskApp({ bot, desk: handoff.desk, token, logger, metrics, proxyHops: 0 }));
 */
export function createLocalRelay(options: LocalRelayOptions = {}): LocalRelay {
  const limits = { ...defaults, ...options };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) throw new ParleyError('configuration', `createLocalRelay: ${key} must be a whole number above 0 (got ${String(value)})`);
  }
  /** Waiting or joined, oldest first (a Map keeps insertion order). */
  const open = new Map<string, Handoff>();
  /** Ended, oldest first, at most `keptEnded`. */
  const ended = new Map<string, Handoff>();

  const gone = (operation: string) =>
    new ProviderCallError({
      provider: 'local',
      operation,
      retryable: false,
      message: 'the handoff is gone: it ended long ago, or the process that held it restarted (the local relay keeps handoffs in one process)',
    });

  /** The handoff a handle names, open or recently ended; undefined when this process does not know it. */
  function find(handle: AgentHandle): Handoff | undefined {
    const id = typeof handle?.id === 'string' ? handle.id : '';
    return open.get(id) ?? ended.get(id);
  }

  function deskHandoff(id: string): Handoff {
    const handoff = open.get(id);
    if (!handoff) throw new DeskHandoffError('not-found', `No handoff ${id} is open at this desk: it ended, or the process that held it restarted.`);
    return handoff;
  }

  /** Adds an event (its id one more than the last) and tells whoever follows, in order. */
  function emit(handoff: Handoff, event: DistributiveOmit<AgentEvent, 'id'>): void {
    const added = { ...event, id: String(handoff.events.length + 1) } as AgentEvent;
    handoff.events.push(added);
    for (const follower of [...handoff.followers]) follower(added);
  }

  function finish(handoff: Handoff): void {
    handoff.state = 'ended';
    handoff.followers.clear();
    open.delete(handoff.id);
    ended.set(handoff.id, handoff);
    for (const oldest of ended.keys()) {
      if (ended.size <= limits.keptEnded) break;
      ended.delete(oldest);
    }
  }

  /** Events after `after` (an event id; none: all). */
  function eventsAfter(handoff: Handoff, after: string | undefined, operation: string): AgentEvent[] {
    if (after === undefined) return [...handoff.events];
    if (!/^\d{1,9}$/.test(after)) throw new ProviderCallError({ provider: 'local', operation, retryable: false, message: '"after" must be an event id of this handoff' });
    // Ids count from 1 in order, so the events after id n start at index n.
    return handoff.events.slice(Number(after));
  }

  const desk: AgentDeskSide = {
    async list() {
      return [...open.values()].map((handoff): DeskHandoff => ({
        id: handoff.id,
        conversationId: handoff.conversationId,
        state: handoff.state === 'joined' ? 'joined' : 'waiting',
        since: handoff.since,
        ...(handoff.agentName ? { agentName: handoff.agentName } : {}),
      }));
    },
    async join(id, agent) {
      const handoff = deskHandoff(id);
      if (handoff.state !== 'waiting') throw new DeskHandoffError('not-waiting', `Handoff ${id} is not waiting: ${handoff.agentName ?? 'someone'} has joined it.`);
      const name = typeof agent?.name === 'string' ? agent.name.trim() : '';
      if (name === '' || name.length > maxNameLength || nameControl.test(name)) {
        throw new ParleyError('input-rejected', `a person joins with a name of 1–${maxNameLength} characters, without control characters`);
      }
      handoff.state = 'joined';
      handoff.agentName = name;
      emit(handoff, { kind: 'joined', name });
    },
    async say(id, text) {
      const handoff = deskHandoff(id);
      if (handoff.state !== 'joined') throw new DeskHandoffError('not-joined', `No one has joined handoff ${id} yet: join it before writing.`);
      const message = typeof text === 'string' ? text.trim() : '';
      if (message === '' || message.length > limits.maxMessageLength || controlCharacter.test(message)) {
        throw new ParleyError('input-rejected', `a message is 1–${limits.maxMessageLength} characters of text`);
      }
      // Two places stay free: the person leaving, and the end.
      if (handoff.events.length >= limits.maxEventsPerHandoff - 2) {
        throw new DeskHandoffError('full', `Handoff ${id} holds ${limits.maxEventsPerHandoff} events, its most: end it (the customer can be handed off again).`);
      }
      emit(handoff, { kind: 'message', text: message });
    },
    async end(id) {
      const handoff = deskHandoff(id);
      if (handoff.state === 'joined') emit(handoff, { kind: 'left' });
      emit(handoff, { kind: 'ended' });
      finish(handoff);
    },
  };

  return {
    name: 'local',
    desk,
    async open(envelope) {
      for (const handoff of open.values()) {
        if (handoff.conversationId !== envelope.conversationId) continue;
        // The same handoff opened again (a turn run again after a write conflict) is one handoff.
        if (handoff.since === envelope.at) return { id: handoff.id };
        // An earlier handoff of the conversation no one can reach any more: it ends.
        emit(handoff, { kind: 'ended' });
        finish(handoff);
      }
      if (open.size >= limits.maxOpenHandoffs) {
        throw new ProviderCallError({
          provider: 'local',
          operation: 'open',
          retryable: true,
          message: `${limits.maxOpenHandoffs} handoffs are open, the most the local relay holds: end some at the agent desk, or raise maxOpenHandoffs`,
        });
      }
      const handoff: Handoff = { id: randomUUID(), conversationId: envelope.conversationId, since: envelope.at, state: 'waiting', events: [], followers: new Set() };
      open.set(handoff.id, handoff);
      return { id: handoff.id };
    },
    async send(handle) {
      // The customer's words reach the person through the transcript the desk reads; here, only whether someone can still read them.
      const handoff = find(handle);
      if (!handoff || handoff.state === 'ended') throw gone('send');
    },
    async history(handle, after) {
      const handoff = find(handle);
      if (!handoff) throw gone('history');
      return eventsAfter(handoff, after, 'history');
    },
    async follow(handle, { after, onEvent, signal }) {
      const handoff = find(handle);
      if (!handoff) throw gone('follow');
      const missed = eventsAfter(handoff, after, 'follow');
      if (signal.aborted) return;
      const tell = (event: AgentEvent) => {
        if (signal.aborted) return;
        // A follower's failure is its own: the person's action stands, and the others are told.
        try {
          onEvent(event);
        } catch {
          // nothing more to do here: the follower reports its own failures
        }
      };
      for (const event of missed) tell(event);
      if (handoff.state === 'ended') return;
      handoff.followers.add(tell);
      signal.addEventListener('abort', () => handoff.followers.delete(tell), { once: true });
    },
    async close(handle) {
      const handoff = find(handle);
      if (!handoff || handoff.state === 'ended') return;
      emit(handoff, { kind: 'ended' });
      finish(handoff);
    },
  };
}

/** Omit over each member of a union, keeping it a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
