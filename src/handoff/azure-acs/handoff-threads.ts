/**
 * The ACS chat threads of a handoff, as the bot makes them: for a customer in their own thread, a
 * briefing thread holding the envelope (the person joins the customer's thread, with its history);
 * for anyone else, a thread of the bot and the person with the envelope first. The person is there
 * from the start (a pool's) or brought in later (a Job Router assignee), with the history either
 * way, so the envelope is the first thing they read.
 */
import type { ChatClient, ChatThreadClient } from '@azure/communication-chat';
import { ParleyError } from '../../core/errors.js';
import type { HandoffEnvelope } from '../handoff-envelope.js';
import { idOf } from './chat-text.js';
import { envelopeMessage } from './envelope-message.js';

/** A person in ACS chat: their ACS user id (`8:acs:…`) and the name customers see. */
export interface AcsAgent {
  id: string;
  name: string;
}

const participant = (person: AcsAgent) => ({ id: { communicationUserId: person.id }, displayName: person.name });
/** Joining with the thread's whole history. */
const joining = (person: AcsAgent) => ({ participants: [{ ...participant(person), shareHistoryTime: new Date(0) }] });

/**
 * Opens a handoff's threads (with `agent` in them, when there is one yet): the thread the person
 * talks in, and the briefing thread when that is the customer's own.
 *
 * @example
 * const { threadId, briefingThreadId } = await openHandoffThreads(client, { bot, envelope, customerThread, agent });
 */
export async function openHandoffThreads(
  client: ChatClient,
  { bot, envelope, customerThread, agent }: { bot: AcsAgent; envelope: HandoffEnvelope; customerThread: string | undefined; agent: AcsAgent | undefined },
): Promise<{ threadId: string; briefingThreadId?: string }> {
  const briefing = envelopeMessage(envelope);
  const members = [participant(bot), ...(agent ? [participant(agent)] : [])];
  const postEnvelope = (threadId: string) => client.getChatThreadClient(threadId).sendMessage({ content: briefing.content }, { senderDisplayName: bot.name, type: 'text', metadata: briefing.metadata });
  if (customerThread) {
    // The person joins the customer's own thread, seeing what was said; the envelope is for them alone.
    if (agent) refused(await client.getChatThreadClient(customerThread).addParticipants(joining(agent)));
    const side = refused(await client.createChatThread({ topic: `Handoff briefing (${envelope.queue})` }, { participants: members }));
    await postEnvelope(side.chatThread!.id);
    return { threadId: customerThread, briefingThreadId: side.chatThread!.id };
  }
  const created = refused(await client.createChatThread({ topic: `Handoff (${envelope.queue})` }, { participants: members }));
  await postEnvelope(created.chatThread!.id);
  return { threadId: created.chatThread!.id };
}

/**
 * Brings a person into the briefing thread, then the conversation's, where they are not yet; unless
 * `hasLeft` says they were in the conversation's thread and left (they are not brought back).
 *
 * @example
 * await bringIn(client, { threadId, briefingThreadId }, agent, async () => (await events()).some((event) => event.kind === 'ended'));
 */
export async function bringIn(client: ChatClient, threads: { threadId: string; briefingThreadId?: string | undefined }, person: AcsAgent, hasLeft: () => Promise<boolean>): Promise<void> {
  const main = client.getChatThreadClient(threads.threadId);
  const inMain = await isIn(main, person.id);
  if (!inMain && (await hasLeft())) return;
  if (threads.briefingThreadId) {
    const briefing = client.getChatThreadClient(threads.briefingThreadId);
    if (!(await isIn(briefing, person.id))) refused(await briefing.addParticipants(joining(person)));
  }
  if (!inMain) refused(await main.addParticipants(joining(person)));
}

/**
 * ACS answers a participant it does not know (an agent id from another resource, a deleted identity)
 * inside a success, in `invalidParticipants`: a handoff to no one is a failure to open it.
 */
function refused<T extends { invalidParticipants?: Array<{ code?: string; message?: string }> }>(result: T): T {
  const invalid = result.invalidParticipants?.[0];
  if (invalid) {
    throw new ParleyError('configuration', `ACS refused a person of the handoff (${invalid.code ?? 'invalid'}: ${invalid.message ?? 'no reason given'}); check handoff.agents (or the Job Router worker's acsUserId) against the resource's identities`);
  }
  return result;
}

async function isIn(thread: ChatThreadClient, userId: string): Promise<boolean> {
  for await (const member of thread.listParticipants()) if (idOf(member.id) === userId) return true;
  return false;
}
