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
): Verdict[] | { verdicts: Promise<Verdict[]>; abort: AbortController } {
  const proposed: Slots = { ...request.slots };
  for (const candidate of request.candidates) proposed[candidate.slot] = candidate.value;
  let abort: AbortController | undefined;
  const results: Array<ValidationResult | Promise<ValidationResult>> = [];
  for (const candidate of request.candidates) {
    const validate = content.slots.find((slot) => slot.name === candidate.slot)?.validate;
    if (!validate) {
      results.push(undefined);
      continue;
    }
    abort ??= new AbortController();
    const context: TaskContext = { ...request.conversation, slots: proposed, signal: abort.signal };
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
  return { verdicts, abort: abort! };
}

function isThenable(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function verdictOf(candidate: Candidate, result: ValidationResult): Verdict {
  const base = { slot: candidate.slot, text: candidate.text };
  if (result === undefined || result === true) return { ...base, ok: true, value: candidate.value };
  if (result === false) return { ...base, ok: false, reason: null };
  if (typeof result === 'string') return { ...base, ok: false, reason: result };
  if ('reason' in result) return { ...base, ok: false, reason: result.reason };
  return { ...base, ok: true, value: result.value };
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
