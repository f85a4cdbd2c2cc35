/**
 * The persisted conversation: the dialog stack (each frame an xstate persisted snapshot) in a
 * versioned envelope, plus the little the orchestrator remembers between turns. Plain JSON.
 */
import { StateCorruptError } from '../core/errors.js';
import type { Message, SlotValue } from '../core/turn.js';
import type { Entity, Sentiment } from '../nlu/recognizer.js';
import type { TaskSummary } from './dialog-protocol.js';

export const conversationStateVersion = 1;

export interface Frame {
  dialog: string;
  /** The dialog machine's persisted snapshot. */
  snapshot: unknown;
  /** What the dialog waits for (from its `awaiting:*` tag), kept so the next turn need not restore it to know. */
  awaiting: string | null;
  /** The question is a yes/no one (a raw machine's `yes-no` tag; compiled dialogs' confirmations are by name). */
  yesNo?: true;
  /** The dialog runs again to change `lastTask`; unless it completes, `lastTask` stays as it was. */
  changing?: true;
}

/** A request said in the same message as the one being served ("…and is there an outage in 94105?"). */
export interface PendingRequest {
  intent: string;
  /** Its words, and the values found in them (offsets into `text`), so what was said is not asked again. */
  text: string;
  entities: Entity[];
  /** The turn it was said in: taken up at once when the request before it ends in that turn, else offered. */
  turn: number;
}

/** A yes/no question the engine asked while no task is active. */
export type EngineOffer =
  /** "You also asked me to check for outages. Shall I do that now?" */
  | { kind: 'request'; request: PendingRequest; /** Words besides yes that accept it (a notification's "CHANGE"). */ replies?: string[] }
  /** "Do you want to change it to Friday?": the last task, run again with these values. */
  | { kind: 'change'; dialog: string; values: Record<string, SlotValue> };

export interface ConversationState {
  v: typeof conversationStateVersion;
  locale: string;
  turn: number;
  /** Bottom first; the last frame is the active dialog. */
  stack: Frame[];
  lastIntent: string | null;
  /** What the bot said last turn, for Repeat. */
  lastMessages: Message[];
  /** Turns in a row with nothing understood while idle. */
  unrecognized: number;
  lastTask: TaskSummary | null;
  handoff: { queue: string } | null;
  ended: boolean;
  /** A second request of an earlier message, waiting for the tasks before it to end. */
  pendingRequest?: PendingRequest;
  /** The engine's own open question, answered on the next turn or dropped. */
  offer?: EngineOffer;
  /** The intents the conversation has been about, oldest first, each once (at most 10), for a person taking over. */
  intentsSeen?: string[];
  /** The tone of the customer's latest message that a provider judged. */
  sentiment?: Sentiment;
}

export function initialConversationState(locale: string): ConversationState {
  return {
    v: conversationStateVersion,
    locale,
    turn: 0,
    stack: [],
    lastIntent: null,
    lastMessages: [],
    unrecognized: 0,
    lastTask: null,
    handoff: null,
    ended: false,
  };
}

/**
 * Checks a stored value is a conversation this version can continue. Cheap on purpose: it runs on
 * every turn, and the engine wrote the value itself.
 */
export function readConversationState(conversationId: string, value: unknown): ConversationState {
  const state = value as Partial<ConversationState> | null;
  if (typeof state !== 'object' || state === null) {
    throw new StateCorruptError(conversationId, 'stored state is not an object');
  }
  if (state.v !== conversationStateVersion) {
    throw new StateCorruptError(conversationId, `stored state has version ${String(state.v)}; this Parley reads version ${conversationStateVersion}`);
  }
  if (!Array.isArray(state.stack) || typeof state.turn !== 'number' || typeof state.locale !== 'string') {
    throw new StateCorruptError(conversationId, 'stored state is missing its stack, turn or locale');
  }
  return state as ConversationState;
}
