/**
 * Runs slot validators and turns fulfilment results into messages and directives. Dialog code is
 * the bot author's: whatever it throws, rejects with or returns is checked here, and every failure
 * arrives at the dialog as a rejected promise (the `validating` or `fulfilling` state's onError).
 */
import { DialogFailedError } from '../core/errors.js';
import { describeKind } from './describe-kind.js';
import type { Directive, Message, SingleSlotValue, SlotValue } from '../core/turn.js';
import type { Candidate } from './slot-filling.js';
import type { FulfilResult, Slots, TaskContext, ValidationResult } from './define-dialog.js';
import type { DialogContent } from './dialog-content.js';
import type { ConversationContext } from './dialog-protocol.js';

export type Verdict = { slot: string; text: string; ok: true; value: SlotValue } | { slot: string; text: string; ok: false; reason: string | null };

export interface ValidationRequest {
  candidates: Candidate[];
  slots: Slots;
  conversation: ConversationContext;
  /** Set while the dialog runs again to change its completed task. */
  change?: TaskContext['change'];
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
    const context = taskContext(request.conversation, proposed, abort, request.change);
    try {
      results.push(validate(candidate.value, context));
    } catch (error) {
      results.push(Promise.reject(error));
    }
  }
  const read = (settled: readonly unknown[]) => settled.map((result, index) => verdictOf(content.name, request.candidates[index]!, result));
  if (!results.some(isThenable)) {
    try {
      return read(results);
    } catch (error) {
      return { pending: handled(Promise.reject(error)), abort };
    }
  }
  const verdicts = Promise.all(results).then(read, (error: unknown) => {
    throw DialogFailedError.from(content.name, 'validate', error);
  });
  return { pending: handled(verdicts), abort };
}

/** Starts a fulfilment: its outcome at once when it is synchronous, else the promise of it. */
export function startFulfilment(
  content: DialogContent,
  slots: Slots,
  conversation: ConversationContext,
  change?: TaskContext['change'],
  /** Said when the fulfilment says nothing: the intent's `fulfilled` text, filled in. */
  fallback?: string,
): FulfilmentOutcome | { pending: Promise<FulfilmentOutcome>; abort: LazyAbort } {
  const abort = new LazyAbort();
  const failed = (error: unknown) => ({ pending: handled(Promise.reject(DialogFailedError.from(content.name, 'fulfil', error))), abort });
  let result: unknown;
  try {
    result = content.fulfil?.(slots, taskContext(conversation, slots, abort, change));
  } catch (error) {
    return failed(error);
  }
  if (!isThenable(result)) {
    try {
      return readFulfilment(result, fallback, content.name);
    } catch (error) {
      return failed(error);
    }
  }
  const outcome = Promise.resolve(result).then(
    (settled) => readFulfilment(settled, fallback, content.name),
    (error: unknown) => {
      throw DialogFailedError.from(content.name, 'fulfil', error);
    },
  );
  return { pending: handled(outcome), abort };
}

/**
 * Marks a task's promise as handled. The dialog awaits it in its `validating` or `fulfilling` state;
 * if the turn ends another way first, a rejection must not become an unhandled one, which would
 * stop the process.
 */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
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
  declare readonly change?: TaskContext['change'];
  readonly #abort: LazyAbort;
  constructor(conversation: ConversationContext, slots: Slots, abort: LazyAbort, change: TaskContext['change']) {
    Object.assign(this, conversation);
    this.slots = slots;
    if (change) this.change = change;
    this.#abort = abort;
  }
  get signal(): AbortSignal {
    return this.#abort.signal;
  }
}

function taskContext(conversation: ConversationContext, slots: Slots, abort: LazyAbort, change?: TaskContext['change']): TaskContext {
  return new Task(conversation, slots, abort, change) as unknown as TaskContext;
}

function isThenable(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function verdictOf(dialog: string, { slot, text, value }: Candidate, result: unknown): Verdict {
  if (result === undefined || result === null || result === true) return { slot, text, ok: true, value };
  if (result === false) return { slot, text, ok: false, reason: null };
  if (typeof result === 'string') return { slot, text, ok: false, reason: result };
  if (typeof result === 'object' && !Array.isArray(result)) {
    const { reason, value: replacement } = result as { reason?: unknown; value?: unknown };
    if ('reason' in result && typeof reason === 'string') return { slot, text, ok: false, reason };
    if ('value' in result && !('reason' in result) && isSlotValue(replacement)) {
      // A list slot's candidate is a list: a single replacement is a list of one.
      if (Array.isArray(value)) return { slot, text, ok: true, value: Array.isArray(replacement) ? replacement : [replacement] };
      if (!Array.isArray(replacement)) return { slot, text, ok: true, value: replacement };
      throw new DialogFailedError(dialog, 'validate', `of slot ${slot} returned { value } with a list, but the slot holds one value; return one value, or declare the slot multiple: true`);
    }
  }
  throw new DialogFailedError(
    dialog,
    'validate',
    `of slot ${slot} returned ${describeKind(result)}; return nothing or true to accept, false or a reason (a string, or { reason }) to reject, or { value } to accept a replacement`,
  );
}

function isSlotValue(value: unknown): value is SlotValue {
  return isSingleSlotValue(value) || (Array.isArray(value) && value.every(isSingleSlotValue));
}

function isSingleSlotValue(value: unknown): value is SingleSlotValue {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

export interface FulfilmentOutcome {
  messages: Message[];
  directives: Directive[];
}

/** What a fulfilment's return value means; a value of another shape is the dialog's failure, never half-read. */
export function readFulfilment(result: unknown, fallback: string | undefined, dialog = 'unknown'): FulfilmentOutcome {
  const messages: Message[] = [];
  const directives: Directive[] = [];
  const wrong = (what: string): never => {
    throw new DialogFailedError(
      dialog,
      'fulfil',
      `returned ${what}; return text, a list of texts, a message { text }, or { say?, handoff?, end? } (say: text or a list of texts or messages; handoff: a queue name or { queue }; end: true or false)`,
    );
  };
  const addSay = (say: unknown, where: string) => {
    for (const item of Array.isArray(say) ? say : [say]) {
      if (typeof item === 'string') messages.push({ text: item });
      else if (isMessage(item)) messages.push(item.quickReplies ? { text: item.text, quickReplies: item.quickReplies.map(({ title, value }) => ({ title, value })) } : { text: item.text });
      else wrong(`${where} holding ${describeKind(item)}`);
    }
  };
  if (typeof result === 'string' || Array.isArray(result)) addSay(result, 'a list');
  else if (result && typeof result === 'object' && 'text' in result) addSay(result, 'a message');
  else if (result && typeof result === 'object') {
    const { say, handoff, end, ...rest } = result as { say?: unknown; handoff?: unknown; end?: unknown };
    const unknownKeys = Object.keys(rest);
    if (unknownKeys.length > 0) wrong(`an object with ${unknownKeys.length === 1 ? 'a key' : 'keys'} it does not know (${unknownKeys.slice(0, 3).map((key) => JSON.stringify(key.slice(0, 30))).join(', ')})`);
    if (say !== undefined) addSay(say, '`say`');
    if (handoff !== undefined) {
      const queue = typeof handoff === 'string' ? handoff : (handoff as { queue?: unknown } | null)?.queue;
      if (typeof queue !== 'string' || queue.trim() === '') wrong(`\`handoff\` as ${describeKind(handoff)}`);
      directives.push({ kind: 'handoff', queue: queue as string, reason: 'dialog' });
    }
    if (end !== undefined && typeof end !== 'boolean') wrong(`\`end\` as ${describeKind(end)}`);
    if (end === true) directives.push({ kind: 'end' });
  } else if (result !== undefined && result !== null) {
    wrong(describeKind(result));
  }
  if (messages.length === 0 && fallback) messages.push({ text: fallback });
  return { messages, directives };
}

function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null || typeof (value as Message).text !== 'string') return false;
  const { quickReplies } = value as Message;
  return (
    quickReplies === undefined ||
    (Array.isArray(quickReplies) && quickReplies.every((reply) => typeof reply?.title === 'string' && typeof reply?.value === 'string'))
  );
}
