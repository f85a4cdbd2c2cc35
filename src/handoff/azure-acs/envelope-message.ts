/**
 * The handoff envelope as the first message a person reads in an ACS thread: the summary, why and
 * where, the task's values and what is missing, the tone, and the (redacted) transcript, within ACS's
 * 28 KB per message; the oldest transcript lines go first when it is long. The metadata carries what a
 * program needs (the conversation, queue and reason), within ACS's small metadata budget.
 */
import type { HandoffEnvelope } from '../handoff-envelope.js';
import { transcriptText } from '../envelope-attributes.js';
import { acsMarks } from './agent-side-events.js';

/** ACS's limit on one message's content. */
export const acsMessageLimit = 28 * 1024;

export function envelopeMessage(envelope: HandoffEnvelope, maxBytes = acsMessageLimit): { content: string; metadata: Record<string, string> } {
  const head = [
    envelope.summary,
    '',
    `Reason: ${envelope.reason} · Queue: ${envelope.queue} · Channel: ${envelope.channel} · Language: ${envelope.locale}`,
  ];
  const { task } = envelope;
  if (task) {
    const given = Object.entries(task.slots).map(([slot, value]) => `${slot} = ${Array.isArray(value) ? value.join(', ') : String(value)}`);
    head.push(`Task: ${task.title} (${task.outcome})${given.length ? ` · ${given.join(' · ')}` : ''}${task.missing.length ? ` · still needed: ${task.missing.join(', ')}` : ''}`);
  }
  if (envelope.sentiment) head.push(`Tone of the last message: ${envelope.sentiment.label.toLowerCase()}`);
  head.push('', 'Conversation so far:');
  const top = head.join('\n');
  const room = maxBytes - Buffer.byteLength(top) - 1;
  const content = room > 0 ? `${top}\n${transcriptText(envelope.transcript, room)}` : top.slice(0, maxBytes);
  return {
    content,
    metadata: {
      [acsMarks.role]: 'envelope',
      [acsMarks.conversationId]: envelope.conversationId,
      'parley.queue': envelope.queue,
      'parley.reason': envelope.reason,
    },
  };
}
