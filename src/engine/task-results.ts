/** Runs slot validators and turns fulfilment results into messages and directives. */
import type { Directive, Message, SlotValue } from '../core/turn.js';
import type { Candidate } from './slot-filling.js';
import type { FulfilResult, Slots, TaskContext, ValidationResult } from './define-dialog.js';
import type { DialogContent } from './dialog-content.js';
import type { ConversationContext } from './dialog-protocol.js';

export type Verdict = { slot: string; text: string; ok: true; value: SlotValue } | { slot: string; text: string; ok: false; reason: string | null };

export interface ValidationRequest {
  candidates: Candidate[];
  slots: Slots;
  conversation: ConversationContext;
}

/**
 * Validates each candidate against the slots as they would be with the others applied. Synchronous
 * validators give verdicts at once; if any validator returns a promise, the verdicts come as one
 * promise (with the controller that aborts it), for the dialog to await in its `validating` state.
 */
export function startValidation(
  content: DialogContent,
  request: ValidationRequest,
): Verdict[] | { pending: Promise<Verdict[]>; abort: LazyAbort } {
  const proposed: Slots = { ...request.slots };
  for (const candidate of request.candidates) proposed[candidate.slot] = candidate.value;
  const abort = new LazyAbort();
  const results: Array<ValidationResult | Promise<ValidationResult>> = [];
  for (const candidate of request.candidates) {
    const validate = content.slots.find((slot) => slot.name === candidate.slot)?.validate;
    if (!validate) {
      results.push(undefined);
      continue;
    }
    const context = taskContext(request.conversation, proposed, abort);
    try {
      results.push(validate(candidate.value, context));
    } catch (error) {
      results.push(Promise.reject(error));
    }
  }
  if (!results.some(isThenable)) {
    return results.map((result, index) => verdictOf(request.candidates[index]!, result as ValidationResult));
  }
  const verdicts = Promise.all(results).then((settled) => settled.map((result, index) => verdictOf(request.candidates[index]!, result)));
  return { pending: verdicts, abort };
}

/** Starts a fulfilment: its outcome at once when it is synchronous, else the promise of it. */
export function startFulfilment(
  content: DialogContent,
  slots: Slots,
  conversation: ConversationContext,
): FulfilmentOutcome | { pending: Promise<FulfilmentOutcome>; abort: LazyAbort } {
  const fallback = content.fulfilled.length ? content.fulfilled[conversation.turn % content.fulfilled.length] : undefined;
  const abort = new LazyAbort();
  let result: FulfilResult | Promise<FulfilResult>;
  try {
    result = content.fulfil?.(slots, taskContext(conversation, slots, abort));
  } catch (error) {
    return { pending: Promise.reject(error), abort };
  }
  if (!isThenable(result)) return readFulfilment(result, fallback);
  return { pending: Promise.resolve(result).then((settled) => readFulfilment(settled, fallback)), abort };
}

/** An AbortController made only if a task asks for its signal (most never do, and it costs). */
export class LazyAbort {
  private controller: AbortController | undefined;
  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    return this.controller.signal;
  }
  abort(): void {
    this.controller?.abort();
  }
}

/** What a validator or fulfilment receives; `signal` is made on first use. */
class Task {
  readonly slots: Slots;
  readonly #abort: LazyAbort;
  constructor(conversation: ConversationContext, slots: Slots, abort: LazyAbort) {
    Object.assign(this, conversation);
    this.slots = slots;
    this.#abort = abort;
  }
  get signal(): AbortSignal {
    return this.#abort.signal;
  }
}

function taskContext(conversation: ConversationContext, slots: Slots, abort: LazyAbort): TaskContext {
  return new Task(conversation, slots, abort) as unknown as TaskContext;
}

function isThenable(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function verdictOf({ slot, text, value }: Candidate, result: ValidationResult): Verdict {
  if (result === undefined || result === true) return { slot, text, ok: true, value };
  if (result === false) return { slot, text, ok: false, reason: null };
  if (typeof result === 'string') return { slot, text, ok: false, reason: result };
  if ('reason' in result) return { slot, text, ok: false, reason: result.reason };
  return { slot, text, ok: true, value: result.value };
}

export interface FulfilmentOutcome {
  messages: Message[];
  directives: Directive[];
}

/** What a fulfilment's return value means. */
export function readFulfilment(result: FulfilResult, fallback: string | undefined): FulfilmentOutcome {
  const messages: Message[] = [];
  const directives: Directive[] = [];
  const addSay = (say: string | string[] | Message | Message[]) => {
    for (const item of Array.isArray(say) ? say : [say]) messages.push(typeof item === 'string' ? { text: item } : item);
  };
  if (typeof result === 'string' || Array.isArray(result)) addSay(result);
  else if (result && 'text' in result) addSay(result);
  else if (result) {
    if (result.say !== undefined) addSay(result.say);
    if (result.handoff !== undefined) {
      const queue = typeof result.handoff === 'string' ? result.handoff : result.handoff.queue;
      directives.push({ kind: 'handoff', queue, reason: 'dialog' });
    }
    if (result.end) directives.push({ kind: 'end' });
  }
  if (messages.length === 0 && fallback) messages.push({ text: fallback });
  return { messages, directives };
}
