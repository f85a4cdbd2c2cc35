/**
 * What a dialog machine and the orchestrator say to each other. Compiled dialogs (defineDialog) and
 * raw xstate machines speak the same protocol, so the orchestrator treats them alike.
 *
 * In: a dialog starts with `DialogInput` and then receives `DialogEvent`s.
 * Out: it emits `parley.say` and `parley.directive` events (use `say()` and `handoff()`), tags the
 * state that waits for an answer `awaiting:<name>` (and `yes-no` when it is a yes/no question), keeps filled slots in `context.slots`, and
 * finishes by reaching a final state (output: `DialogOutput`).
 */
import { emit } from 'xstate';
import type { Directive, Message, SlotValue } from '../core/turn.js';
import type { Recognition } from '../nlu/recognizer.js';

/** What the dialog knows of the conversation around it. */
export interface ConversationContext {
  conversationId: string;
  locale: string;
  timeZone: string;
  /** ISO instant of this turn. */
  now: string;
  /** `YYYY-MM-DD` in the bot's time zone. */
  today: string;
  /** The task below this one on the stack (when this one interrupted it). */
  interruptedTask: TaskSummary | null;
  /** The last task that ended before this turn, if any. */
  lastTask: TaskSummary | null;
  /** Counts turns, from 1; useful to vary wording. */
  turn: number;
}

/** A dialog on the stack or one that ended, as other dialogs see it. */
export interface TaskSummary {
  dialog: string;
  slots: Record<string, SlotValue>;
  /** The queue a person would take this task in. */
  queue: string;
  outcome: 'active' | 'completed' | 'cancelled' | 'handoff';
}

export interface DialogInput {
  recognition: Recognition;
  conversation: ConversationContext;
  /** Set when the dialog runs again to change its completed `lastTask` ("actually make it Friday", then "yes"). */
  change?: TaskChange;
}

/** A completed task run again with some values changed. */
export interface TaskChange {
  /** The slots it completed with. */
  previous: Record<string, SlotValue>;
  /** The new values the customer agreed to, by slot. */
  values: Record<string, SlotValue>;
}

export type DialogEvent =
  /** The customer said something meant for this dialog. */
  | { type: 'user.input'; recognition: Recognition; conversation: ConversationContext }
  /** An interrupting task ended; ask the pending question again. */
  | { type: 'dialog.resume'; conversation: ConversationContext }
  /** The customer asked for help; explain what is being asked and ask again. */
  | { type: 'dialog.help'; conversation: ConversationContext };

export interface DialogOutput {
  outcome: 'completed' | 'cancelled' | 'handoff';
}

export type DialogEmitted =
  | { type: 'parley.say'; message: Message }
  | { type: 'parley.directive'; directive: Directive };

/**
 * An xstate action that makes the dialog say something.
 *
 * @example
 * entry: say('What is your account number?')
 */
export function say(text: string | ((args: { context: any; event: any }) => string)) {
  return emit((args: { context: any; event: any }) => ({
    type: 'parley.say' as const,
    message: { text: typeof text === 'function' ? text(args) : text },
  }));
}

/**
 * An xstate action that hands the conversation to a person in a queue.
 *
 * @example
 * on: { 'user.input': { guard: 'wantsPerson', actions: handoff('Billing'), target: 'done' } }
 */
export function handoff(queue: string | ((args: { context: any; event: any }) => string)) {
  return emit((args: { context: any; event: any }) => ({
    type: 'parley.directive' as const,
    directive: {
      kind: 'handoff' as const,
      queue: typeof queue === 'function' ? queue(args) : queue,
      reason: 'dialog' as const,
    },
  }));
}

export const awaitingTagPrefix = 'awaiting:';
/** Tag a waiting state `yes-no` as well, and yes/no answers ("yes thanks") stay with the dialog. */
export const yesNoTag = 'yes-no';
