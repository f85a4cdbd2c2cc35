// Drives the planned conversations through the web API of several processes, as customers would:
// the turns of one conversation in order (the next is sent once the previous is answered), many
// conversations at once (at most `concurrency`), each turn to its planned process, and the planned
// duplicates at their planned moment.
import type { TranscriptEntry } from '../../src/core/turn.js';
import type { PlannedConversation, PlannedTurn, ScalePlan } from './scale-plan.js';
import type { WebAnswer, WebConversation, WebCustomer } from './web-customer.js';

export interface DrivenConversation {
  planned: PlannedConversation;
  conversationId: string;
  /** The answer to each turn's first delivery. */
  answers: WebAnswer[];
  /** The answer to each duplicated turn's second delivery, by turn index. */
  duplicateAnswers: Map<number, WebAnswer>;
  /** The transcript read after the last turn; undefined when it could not be read. */
  transcript: TranscriptEntry[] | undefined;
  /** Why the conversation could not be driven to its end. */
  failure?: string;
}

/**
 * @example
 * const driven = await driveConversations(plan, createWebCustomer(urls), 16);
 */
export async function driveConversations(plan: ScalePlan, customer: WebCustomer, concurrency: number): Promise<DrivenConversation[]> {
  const results: DrivenConversation[] = [];
  let next = 0;
  const worker = async () => {
    while (next < plan.conversations.length) {
      const planned = plan.conversations[next++]!;
      results[planned.index] = await driveOne(planned, customer);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

async function driveOne(planned: PlannedConversation, customer: WebCustomer): Promise<DrivenConversation> {
  const { turns } = planned;
  let conversation: WebConversation;
  try {
    conversation = await customer.start(turns[0]!.process);
  } catch (error) {
    return { planned, conversationId: '', answers: [], duplicateAnswers: new Map(), transcript: undefined, failure: (error as Error).message };
  }
  const driven: DrivenConversation = { planned, conversationId: conversation.conversationId, answers: [], duplicateAnswers: new Map(), transcript: undefined };
  const deliver = (turn: PlannedTurn, process: number) => customer.send(process, conversation, { text: turn.text, clientMessageId: turn.clientMessageId });
  // A duplicate planned to race the next turn, sent with it.
  let late: (() => Promise<void>) | undefined;
  const sendLate = () => {
    const send = late ?? (async () => {});
    late = undefined;
    return send();
  };
  for (const [index, turn] of turns.entries()) {
    const duplicate = turn.duplicate;
    const duplicated = (answer: WebAnswer) => void driven.duplicateAnswers.set(index, answer);
    const [answer] = await Promise.all([
      deliver(turn, turn.process),
      sendLate(),
      duplicate?.timing === 'together' ? deliver(turn, duplicate.process).then(duplicated) : undefined,
    ]);
    driven.answers.push(answer);
    if (duplicate?.timing === 'after') duplicated(await deliver(turn, duplicate.process));
    if (duplicate?.timing === 'with-next') late = () => deliver(turn, duplicate.process).then(duplicated);
  }
  // The last turn's late duplicate goes before the transcript is read, so that a second run of it would show.
  await sendLate();
  try {
    driven.transcript = await customer.transcript(turns[turns.length - 1]!.process, conversation);
  } catch (error) {
    driven.failure = (error as Error).message;
  }
  return driven;
}
