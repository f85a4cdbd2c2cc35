/** `defineDialog`: an intent-triggered task declared as data and a few functions. */
import type { AnyStateMachine } from 'xstate';
import { checkDialogSpec, checkMachineDialog } from './check-definitions.js';
import type { Message, SlotValue } from '../core/turn.js';
import type { ConversationContext } from './dialog-protocol.js';

export type Slots = Record<string, SlotValue>;

/** What a validator decides: accept (nothing, `true`, or a replacement `{ value }`) or reject with a reason to say. */
export type ValidationResult = void | undefined | true | false | string | { value: SlotValue } | { reason: string };

export interface TaskContext<S extends Slots = Slots> extends ConversationContext {
  /** The slots filled so far (all of them, in fulfil). */
  slots: Partial<S>;
  /** Aborted when the task takes too long. */
  signal: AbortSignal;
  /**
   * Present when the task runs again to change what it completed with (a `changeable` dialog, after
   * "actually make it Friday" and a yes): the slots it had then. `slots` holds the changed ones.
   */
  change?: { previous: S };
}

/** Options of one slot; `V` is the slot's value as the dialog's slots type declares it. */
export interface SlotOptions<S extends Slots = Slots, V extends SlotValue = SlotValue> {
  /** A built-in type or a slot type of the intent files. Taken from the intent files when absent. */
  type?: string;
  /** Taken from the intent files when absent. */
  prompt?: string | string[];
  reprompt?: string | string[];
  help?: string;
  /** Failed answers before a person is offered (default 3). */
  maxAttempts?: number;
  required?: boolean;
  /**
   * The slot holds a list of values, in the order the customer gave them: "pepperoni and mushroom"
   * fills `['pepperoni', 'mushroom']`, "actually olives" replaces the list, "add olives" or "olives
   * too" adds to it. Validators and fulfilment receive the array. Taken from the intent files when absent.
   */
  multiple?: boolean;
  /** How the slot is named to the customer ("appointment date"); default from its name. */
  label?: string;
  /** Sync or async; see ValidationResult. Receives the slot's value as declared (a list for a `multiple` slot). */
  validate?: (value: V, context: TaskContext<S>) => ValidationResult | Promise<ValidationResult>;
}

/** What a fulfilment returns: words to say, and optionally a handoff or the end of the conversation. */
export type FulfilResult =
  | void
  | string
  | string[]
  | Message
  | { say?: string | Message | Array<string | Message>; handoff?: string | { queue: string }; end?: boolean };

export interface DialogSpec<S extends Slots = Slots> {
  /** The intent that starts this dialog; also the dialog's name. */
  intent: string;
  /**
   * What the task does, as a verb phrase that follows "I can …" and "To …": "book a technician
   * visit". Listed in help (and the welcome) when given; default: the intent's name in words, unlisted.
   */
  title?: string;
  /**
   * The task under way, as a noun phrase that follows "Back to …" when the conversation returns to
   * it after another task or a cancel: "your technician visit booking". Default: the engine's
   * `resumeTitle` message with the title ("your request to book a technician visit").
   */
  resumeTitle?: string;
  /** Per-slot behaviour; slot order and content come from the intent files, extra slots go last. */
  slots?: { [K in keyof S & string]?: SlotOptions<S, S[K]> };
  /** Ask before fulfilling. Default: when the intent files give a confirmation prompt. A string is the prompt. */
  confirm?: boolean | string;
  /**
   * Once the task has completed, a correction of one of its slots ("actually make it Friday") offers
   * to change it; on yes the changed values are validated and `fulfil` runs again, with
   * `context.change`, without asking to confirm again. `true` words the offer with the engine's
   * `offerChange`; a string is the offer itself: slot placeholders are the values it completed with,
   * `{change}` the new ones ("Your visit is booked for {date}. Do you want to change it to {change}?").
   */
  changeable?: boolean | string;
  fulfil?: (slots: S, context: TaskContext<S>) => FulfilResult | Promise<FulfilResult>;
  /** The queue a person takes this task in (after failed retries or "talk to an agent"). */
  queue?: string | ((slots: Partial<S>) => string);
  /** How long a validation or fulfilment may run (default 10 s). */
  timeoutMs?: number;
}

export type DialogDefinition =
  | { kind: 'spec'; intent: string; spec: DialogSpec<any> }
  | { kind: 'machine'; intent: string; machine: AnyStateMachine; title?: string; resumeTitle?: string; queue?: string; timeoutMs?: number };

/**
 * Declares a task. Prompts and slot order come from the intent files; the dialog adds behaviour.
 * Help, cancel, start over, repeat, corrections, switching and resuming, and bounded retries
 * work without a line here.
 *
 * @example
 * export const bookAppointment = defineDialog<{ service: string; date: string; time: string }>({
 *   intent: 'BookAppointment',
 *   title: 'book an appointment',
 *   resumeTitle: 'your appointment booking',
 *   slots: { date: { validate: (date, { today }) => (date < today ? 'That day has passed.' : undefined) } },
 *   fulfil: ({ service, date }) => `Booked your ${service} visit for ${date}.`,
 * });
 */
export function defineDialog<S extends Slots = Slots>(spec: DialogSpec<S>): DialogDefinition {
  checkDialogSpec(spec);
  return { kind: 'spec', intent: spec.intent, spec };
}

/**
 * Uses a raw xstate machine as a dialog (see dialog-protocol.ts for what it receives and emits).
 * A machine passed straight to `defineBot({ dialogs })` is started by the intent named by its id.
 *
 * @example
 * dialogFromMachine(refundMachine, { intent: 'RequestRefund', queue: 'Billing' })
 */
export function dialogFromMachine(
  machine: AnyStateMachine,
  options: { intent?: string; title?: string; resumeTitle?: string; queue?: string; timeoutMs?: number } = {},
): DialogDefinition {
  checkMachineDialog(machine, options);
  const { title, resumeTitle, queue, timeoutMs } = options;
  return { kind: 'machine', intent: options.intent ?? machine.id, machine, title, resumeTitle, queue, timeoutMs };
}

/** A dialog as given: a definition, or a raw machine (started by the intent named by its id). */
export type DialogLike = DialogDefinition | AnyStateMachine;

export function toDialogDefinition(dialog: DialogLike): DialogDefinition {
  const kind = (dialog as { kind?: unknown } | null)?.kind;
  // Definitions built by hand, not through defineDialog, are checked here, before any turn.
  if (kind === 'spec') checkDialogSpec((dialog as Extract<DialogDefinition, { kind: 'spec' }>).spec);
  return kind === 'spec' || kind === 'machine' ? (dialog as DialogDefinition) : dialogFromMachine(dialog as AnyStateMachine);
}
