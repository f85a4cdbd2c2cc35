/**
 * The engine's own yes/no questions, asked while no task is active: to take up the second request of
 * an earlier message ("You also asked me to check for outages. Shall I do that now?"), and to change
 * a task already done ("Do you want to change it to Friday?"). Asked on one turn, answered or dropped
 * on the next.
 */
import type { RepairRole } from '../content/intent-model.js';
import type { Recognition } from '../nlu/recognizer.js';
import type { EngineOffer, PendingRequest } from './conversation-state.js';
import type { Slots } from './define-dialog.js';
import type { TaskChange, TaskSummary } from './dialog-protocol.js';
import type { RunnableDialog } from './dialog-registry.js';
import type { EngineMessages } from './engine-messages.js';
import { formatMessage } from './message-format.js';
import { sameSlotValue } from './list-answers.js';
import { readsAsCorrection } from './task-change.js';
import { recognitionOf } from './second-request.js';
import { readExactYesNo, readYesNo } from './yes-no.js';
import { tokenizeWords } from '../slots/text-tokens.js';

export interface Offering {
  offer: EngineOffer;
  /** The question. */
  say: string;
}

export type OfferAnswer =
  /** Yes: start this dialog. */
  | { kind: 'accept'; intent: string; recognition: Recognition; change?: TaskChange }
  /** No. */
  | { kind: 'decline'; say: string }
  /** Another change than the one offered ("no, Saturday"): offer that instead. */
  | { kind: 'offer'; offering: Offering }
  /** Neither: the customer moved on, and the input is handled as usual. */
  | { kind: 'moved-on' };

export interface OfferScope {
  dialogs: ReadonlyMap<string, RunnableDialog>;
  messages: EngineMessages;
  lastTask: TaskSummary | null;
  locale: string;
  /** The conversation's now and time zone. */
  when: { now: Date; timeZone: string };
}

/** Offers a request said with an earlier one, now that no task is left. */
export function offerRequest(request: PendingRequest, scope: OfferScope): Offering {
  const title = scope.dialogs.get(request.intent)?.title ?? request.intent;
  return { offer: { kind: 'request', request }, say: formatMessage(scope.messages.alsoAsked, { task: title }, scope) };
}

/**
 * "Actually make it Friday" while idle: when it gives new values to slots of the last task, which
 * completed and whose dialog is `changeable`, the offer to change it. A message understood as a task
 * is that task, unless it is the same one said as a correction ("actually, book it for Friday").
 */
export function offerChange(recognition: Recognition, scope: OfferScope): Offering | undefined {
  const intent = recognition.topIntent;
  const lastDialog = scope.lastTask?.dialog;
  if (intent && scope.dialogs.has(intent) && !(intent === lastDialog && readsAsCorrection(recognition.text, scope.locale))) return undefined;
  return changeOffering(recognition, scope, {});
}

/** The change a message gives the last task, over what is `offered` already; undefined when it gives none. */
function changeOffering(recognition: Recognition, scope: OfferScope, offered: Slots): Offering | undefined {
  const { lastTask } = scope;
  const change = lastTask?.outcome === 'completed' ? scope.dialogs.get(lastTask.dialog)?.change : undefined;
  if (!change) return undefined;
  // New values: neither what the task holds ("no, keep Thursday") nor what is offered already.
  const found = Object.entries(change.find(recognition, { ...lastTask!.slots, ...offered }, scope.when)).filter(([slot, value]) => !sameSlotValue(lastTask!.slots[slot], value));
  if (found.length === 0) return undefined;
  const values = { ...offered, ...Object.fromEntries(found) };
  return { offer: { kind: 'change', dialog: lastTask!.dialog, values }, say: change.offer(lastTask!.slots, values) };
}

/**
 * What the answer to an offer means. `role` is the answer's repair role, if any: "cancel" declines,
 * and a yes or no that opens a repair request ("ok, start over") is not an answer.
 */
export function answerOffer(offer: EngineOffer, recognition: Recognition, role: RepairRole | undefined, scope: OfferScope): OfferAnswer {
  const answer = role === 'cancel' ? 'no' : readExactYesNo(recognition.text, scope.locale) ?? (role ? undefined : readYesNo(recognition.text, scope.locale));
  if (offer.kind === 'request') {
    if (answer === 'yes' || isOneOf(recognition.text, offer.replies)) return { kind: 'accept', intent: offer.request.intent, recognition: recognitionOf(offer.request, scope.locale) };
    return answer === 'no' ? { kind: 'decline', say: scope.messages.askAnythingElse } : { kind: 'moved-on' };
  }
  const { lastTask } = scope;
  if (lastTask?.dialog !== offer.dialog || lastTask.outcome !== 'completed') return { kind: 'moved-on' };
  // "yes, Saturday" takes the new value; "no, Saturday" asks about it.
  const other = changeOffering(recognition, scope, offer.values);
  if (answer === 'yes') {
    const values = other?.offer.kind === 'change' ? other.offer.values : offer.values;
    const start = recognitionOf({ intent: offer.dialog, text: recognition.text, entities: [] }, scope.locale);
    return { kind: 'accept', intent: offer.dialog, recognition: start, change: { previous: lastTask.slots, values } };
  }
  if (other) return { kind: 'offer', offering: other };
  return answer === 'no' ? { kind: 'decline', say: scope.messages.keptAsIs } : { kind: 'moved-on' };
}

/** Whether a message is one of the words that accept an offer, whole: "change", "CHANGE!" */
function isOneOf(text: string, replies: readonly string[] | undefined): boolean {
  if (!replies) return false;
  const said = wordsOf(text);
  return said !== '' && replies.some((reply) => wordsOf(reply) === said);
}

/** The words of a text in comparable form, punctuation and case aside. */
function wordsOf(text: string): string {
  return tokenizeWords(text).map((token) => token.normal).join(' ');
}
