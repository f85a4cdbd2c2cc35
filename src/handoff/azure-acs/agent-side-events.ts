/**
 * What a person did in an ACS handoff thread, read from its messages: the agent's words, their
 * joining (the desk's `joined` mark, or their first message) and their leaving (the desk's `ended`
 * mark, or their removal from the thread). Read afresh from the thread each time, so any process
 * reads the same events with the same ids: `<sequenceId>` or `<sequenceId>:<n>` for several events
 * one message makes.
 */
import type { ChatMessage } from '@azure/communication-chat';
import type { AgentEvent } from '../handoff-provider.js';
import { idOf, textOfHtml } from './chat-text.js';

/** Message metadata Parley writes into handoff threads. */
export const acsMarks = {
  /** On messages the desk posts for the agent: `joined` or `ended`. */
  desk: 'parley.desk',
  /** On the bot's messages in a handoff thread: `envelope`, `customer` (a relayed message), `notice`. */
  role: 'parley.role',
  conversationId: 'parley.conversationId',
} as const;

/**
 * The agent's events among a thread's messages (any order), oldest first, ending with `left` and
 * `ended` once the agent is gone.
 */
export function agentEvents(messages: readonly ChatMessage[], agentId: string, agentName: string): AgentEvent[] {
  const events: AgentEvent[] = [];
  let joined = false;
  const ordered = [...messages].sort((a, b) => Number(a.sequenceId) - Number(b.sequenceId));
  for (const message of ordered) {
    const seq = message.sequenceId;
    if ((message.type === 'participantRemoved' && message.content?.participants?.some((participant) => idOf(participant.id) === agentId)) || (fromAgent(message, agentId) && message.metadata?.[acsMarks.desk] === 'ended')) {
      events.push({ kind: 'left', id: `${seq}:0` }, { kind: 'ended', id: `${seq}:1` });
      break;
    }
    if (!fromAgent(message, agentId) || message.deletedOn || (message.type !== 'text' && message.type !== 'html')) continue;
    const mark = message.metadata?.[acsMarks.desk];
    if (!joined) {
      joined = true;
      events.push({ kind: 'joined', name: message.senderDisplayName || agentName, id: `${seq}:0` });
      if (mark === 'joined') continue;
    } else if (mark === 'joined') continue;
    const text = message.content?.message ?? '';
    if (text.trim() !== '') events.push({ kind: 'message', text: message.type === 'html' ? textOfHtml(text) : text, id: `${seq}:1` });
  }
  return events;
}

/** The events after `after` (all without it). */
export function eventsAfter(events: readonly AgentEvent[], after: string | undefined): AgentEvent[] {
  if (after === undefined) return [...events];
  const mark = orderOf(after);
  return events.filter((event) => compare(orderOf(event.id), mark) > 0);
}

function orderOf(id: string): [number, number] {
  const [seq, n] = id.split(':');
  return [Number(seq) || 0, Number(n) || 0];
}

function compare(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

function fromAgent(message: ChatMessage, agentId: string): boolean {
  return idOf(message.sender) === agentId;
}
