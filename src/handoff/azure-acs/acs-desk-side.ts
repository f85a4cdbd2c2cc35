/**
 * The agent desk's side of ACS handoffs: the handoffs this process opened, and a person at the desk
 * acting as the ACS identity that has one (joining, writing, ending it). Each is `waiting` until
 * the person joins (or writes first), then `joined`; a Job Router handoff has no one to act as
 * until its job is assigned.
 */
import type { AgentDeskSide, DeskHandoff } from '../agent-desk-side.js';
import { DeskHandoffError } from '../agent-desk-side.js';
import type { AgentHandle } from '../handoff-provider.js';
import { acsMarks } from './agent-side-events.js';

/** A handoff as the desk holds it, with the provider's handle. */
export interface AcsDeskHandoff extends DeskHandoff {
  handle: AgentHandle;
}

export interface AcsDeskParts {
  /** The handoffs this process opened, by id (the thread the person talks in). */
  open: Map<string, AcsDeskHandoff>;
  /** Posts as the handoff's person (`name` instead of theirs); returns their ACS user id. */
  postAsAgent(handoff: AcsDeskHandoff, content: string, metadata: Record<string, string>, name?: string): Promise<string>;
  /** Takes the person out of the handoff's thread. */
  removeAgent(handle: AgentHandle, agentId: string): Promise<void>;
  /** Followers of the thread read it now. */
  threadActivity(threadId: string): void;
}

/**
 * @example
 * const desk = createAcsDeskSide({ open, postAsAgent, removeAgent, threadActivity });
 * await desk.join(threadId, { name: 'Sam' });
 */
export function createAcsDeskSide({ open, postAsAgent, removeAgent, threadActivity }: AcsDeskParts): AgentDeskSide {
  const find = (id: string) => {
    const handoff = open.get(id);
    if (!handoff) throw new DeskHandoffError('not-found', `no handoff ${id} is open here`);
    return handoff;
  };
  return {
    async list() {
      return [...open.values()].map(({ handle: _handle, ...handoff }) => handoff).sort((a, b) => a.since.localeCompare(b.since));
    },
    async join(id, agent) {
      const handoff = find(id);
      if (handoff.state !== 'waiting') throw new DeskHandoffError('not-waiting', `handoff ${id} has been joined already`);
      await postAsAgent(handoff, `${agent.name} has joined the conversation.`, { [acsMarks.desk]: 'joined' }, agent.name);
      Object.assign(handoff, { state: 'joined', agentName: agent.name });
      threadActivity(handoff.handle.threadId!);
    },
    async say(id, text) {
      const handoff = open.get(id);
      if (handoff?.state !== 'joined') throw new DeskHandoffError(handoff ? 'not-joined' : 'not-found', handoff ? `join handoff ${id} first` : `no handoff ${id} is open here`);
      await postAsAgent(handoff, text, {});
      threadActivity(handoff.handle.threadId!);
    },
    async end(id) {
      const handoff = find(id);
      const agentId = await postAsAgent(handoff, `${handoff.agentName ?? 'The person'} has left the conversation.`, { [acsMarks.desk]: 'ended' });
      await removeAgent(handoff.handle, agentId);
      threadActivity(handoff.handle.threadId!);
    },
  };
}
