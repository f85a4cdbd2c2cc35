/**
 * What a flow Lambda does for each `action` of its block: the envelope of the contact's
 * conversation, the queue for the contact, or the bot author's customer lookup. Each is a plain async
 * function of the contact; the bot author's code and the store are called through `call`, which says
 * whose work failed.
 */
import type { HandoffEnvelope } from '../../src/handoff/handoff-envelope.js';
import type { Bot } from '../../src/runtime/create-bot.js';
import type { ConnectContact, ConnectFlowAction } from './connect-flow-event.js';
import { envelopeResponse, flattenAnswer, type ConnectFlowResponse } from './connect-flow-response.js';
import { lexConversationId } from './lex-code-hook.js';

/** What a bot author's function is given besides the contact: aborted when its time is up. */
export interface ConnectFlowCallContext {
  signal: AbortSignal;
}

/** The bot author's functions, which the actions call. */
export interface ConnectFlowAuthorFunctions {
  /**
   * The queue for the `queue` action: a queue name of the bot's (`Billing`), or undefined for none.
   * `envelope` is the conversation's handoff, when it had one. Default: the envelope's queue.
   */
  chooseQueue?: (contact: ConnectContact, envelope: HandoffEnvelope | undefined, context: ConnectFlowCallContext) => string | undefined | Promise<string | undefined>;
  /**
   * The customer's record for the `lookup` action (a CRM call), as an object of flat values, or
   * undefined when there is none. Values become strings; nested objects and lists are refused.
   */
  lookupCustomer?: (contact: ConnectContact, context: ConnectFlowCallContext) => Record<string, unknown> | undefined | Promise<Record<string, unknown> | undefined>;
}

/** Whose work it was: a bot author's function, or reading the conversation. */
export type ConnectFlowSource = 'chooseQueue' | 'lookupCustomer' | 'store';

/** A problem an action answers as `parley_error`, thrown to end the action. */
export class ConnectFlowFailure extends Error {
  constructor(
    readonly kind: 'failed' | 'invalid-answer' | 'not-configured',
    readonly source: ConnectFlowSource,
    readonly reason: unknown,
  ) {
    super(`${source}: ${kind}`);
    this.name = 'ConnectFlowFailure';
  }
}

export interface ActionWork {
  bot: Bot;
  functions: ConnectFlowAuthorFunctions;
  queues: Readonly<Record<string, string>>;
  contact: ConnectContact;
  signal: AbortSignal;
  /** Runs `work` as `source`'s: what it throws becomes a `failed` ConnectFlowFailure. */
  call<T>(source: ConnectFlowSource, work: () => T | Promise<T>): Promise<T>;
}

export const connectFlowActions: Record<ConnectFlowAction, (work: ActionWork) => Promise<ConnectFlowResponse>> = {
  async envelope(work) {
    const envelope = await findEnvelope(work);
    return envelope ? envelopeResponse(envelope, found(envelope)) : found(undefined);
  },

  async queue(work) {
    const envelope = await findEnvelope(work);
    const { chooseQueue } = work.functions;
    const queue = chooseQueue ? await work.call('chooseQueue', () => chooseQueue(work.contact, envelope, { signal: work.signal })) : envelope?.queue;
    if (queue !== undefined && (typeof queue !== 'string' || queue.trim() === '')) {
      const given = typeof queue === 'string' ? 'an empty name' : queue === null ? 'null' : `a ${typeof queue}`;
      throw new ConnectFlowFailure('invalid-answer', 'chooseQueue', new Error(`chooseQueue answered ${given}; answer a queue name of the bot's, like 'Billing', or undefined for none`));
    }
    const response = found(envelope);
    if (queue === undefined) return response;
    response.parley_queue = queue;
    const reference = work.queues[queue];
    if (reference) response.parley_queue_arn = reference;
    return response;
  },

  async lookup(work) {
    const { lookupCustomer } = work.functions;
    if (!lookupCustomer) {
      throw new ConnectFlowFailure('not-configured', 'lookupCustomer', new Error('the flow asked for action lookup, and the handler has no lookupCustomer: give the handler a lookupCustomer(contact) that answers the customer\'s record'));
    }
    const record = await work.call('lookupCustomer', () => lookupCustomer(work.contact, { signal: work.signal }));
    if (record === undefined || record === null) return found(undefined);
    const flattened = flattenAnswer(record, 'lookupCustomer', { parley_found: 'true' });
    if (flattened.kind === 'invalid') throw new ConnectFlowFailure('invalid-answer', 'lookupCustomer', new Error(flattened.message));
    return flattened.map;
  },
};

/**
 * The envelope of the conversation the block names (`conversationId`), else of the contact's Lex
 * session, else of its first contact's (a transferred contact talked to the bot before the transfer).
 */
async function findEnvelope({ bot, contact, call }: ActionWork): Promise<HandoffEnvelope | undefined> {
  const named = contact.parameters.conversationId;
  if (typeof named === 'string') return call('store', () => bot.envelope(named));
  for (const contactId of new Set([contact.contactId, contact.initialContactId])) {
    const envelope = await call('store', () => bot.envelope(lexConversationId(contactId), { channel: 'connect' }));
    if (envelope) return envelope;
  }
  return undefined;
}

function found(something: unknown): ConnectFlowResponse {
  return { parley_found: String(something !== undefined) };
}
