/** The channel's render step: a turn's output as transcript entries, in the order the page shows them. */
import type { TurnOutput } from '../../src/core/turn.js';
import type { NewEntry } from '../../src/runtime/conversation-hub.js';

/**
 * Bot messages first, then one entry per directive (empty `text`, the directive attached), so a
 * page that reloads, or another tab, can show "connecting you with a person" where it happened.
 */
export function renderTurn(output: Pick<TurnOutput, 'messages' | 'directives'>): NewEntry[] {
  const said: NewEntry[] = output.messages.map((message) =>
    message.quickReplies?.length
      ? { from: 'bot', text: message.text, quickReplies: message.quickReplies.map(({ title, value }) => ({ title, value })) }
      : { from: 'bot', text: message.text },
  );
  const done: NewEntry[] = output.directives.map((directive) => ({ from: 'bot', text: '', directive }));
  return [...said, ...done];
}

/** How much of a customer's message the transcript keeps; the bot refuses long ones anyway. */
export const maxTranscriptText = 4000;

export function customerEntry(text: string): NewEntry | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return { from: 'customer', text: trimmed.length > maxTranscriptText ? `${trimmed.slice(0, maxTranscriptText)}…` : trimmed };
}
