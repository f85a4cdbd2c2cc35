/**
 * What Lex does with a code hook's (valid) response: the dialog action it names is the next step, with
 * the hook's messages, or the bot's own message for that step when it gives none. `Delegate` lets Lex
 * choose: decline a denied intent, elicit the first missing required slot, confirm the intent if it has
 * a confirmation prompt, else fulfil it (the fulfilment code hook is invoked next).
 */
import type { LexCodeHookEvent, LexCodeHookResponse, LexResponseMessage } from '../../../../channels/connect/lex-code-hook-event.js';
import { findIntent, type LocaleModel, type Prompt } from '../../../content/intent-model.js';
import type { LexV2Intent } from '../../../nlu/lex-v2/lex-v2-response.js';
import { withEverySlot } from './build-code-hook-event.js';
import { dependencyFailed } from './invoke-code-hook.js';
import type { DialogAction } from './lex-session-state.js';

type NamedIntent = LexV2Intent & { name: string };

/** The next step: answer the customer, or fulfil the intent (invoke the fulfilment code hook). */
export type LexDialogStep =
  | { kind: 'reply'; dialogAction: DialogAction; intent: NamedIntent | undefined; messages: LexResponseMessage[] }
  | { kind: 'fulfil'; intent: NamedIntent; messages: LexResponseMessage[] };

export interface AppliedResponse {
  step: LexDialogStep;
  sessionAttributes: Record<string, string>;
  activeContexts: unknown[];
  requestAttributes: Record<string, string> | undefined;
}

export interface ApplyContext {
  source: LexCodeHookEvent['invocationSource'];
  /** The intent the event carried: what a `Delegate` without an intent goes on with. */
  eventIntent: NamedIntent;
  sessionAttributes: Record<string, string>;
  activeContexts: unknown[];
  model: LocaleModel;
}

/**
 * @example
 * applyCodeHookResponse({ sessionState: { dialogAction: { type: 'Delegate' } } }, context).step // { kind: 'reply', dialogAction: { type: 'ElicitSlot', slotToElicit: 'size' }, ... }
 */
export function applyCodeHookResponse(response: LexCodeHookResponse, context: ApplyContext): AppliedResponse {
  const { sessionState } = response;
  const said = response.messages ?? [];
  const intent = sessionState.intent ? withEverySlot(sessionState.intent, context.model) : undefined;
  const known = intent ? findIntent(context.model, intent.name) : undefined;
  const type = sessionState.dialogAction.type;
  let step: LexDialogStep;
  if (type === 'Delegate') step = delegate(intent ?? context.eventIntent, said, context);
  else if (type === 'ElicitSlot') {
    const slotToElicit = sessionState.dialogAction.slotToElicit!;
    const prompt = known?.slots.find((slot) => slot.name === slotToElicit)?.prompt;
    step = reply({ type, slotToElicit }, intent, said.length ? said : botMessage(prompt, intent));
  } else if (type === 'Close') {
    // With no messages Lex says the closing response the intent has for a fulfilled intent.
    step = reply({ type }, intent, said.length || intent?.state !== 'Fulfilled' ? said : botMessage(known?.fulfilled, intent));
  } else step = reply({ type }, intent, said);
  return {
    step,
    sessionAttributes: sessionState.sessionAttributes ?? context.sessionAttributes,
    activeContexts: sessionState.activeContexts ?? context.activeContexts,
    requestAttributes: response.requestAttributes,
  };
}

/** Lex's own next step for an intent, as its settings in the bot say. */
function delegate(intent: NamedIntent, said: LexResponseMessage[], context: ApplyContext): LexDialogStep {
  const known = findIntent(context.model, intent.name);
  if (intent.confirmationState === 'Denied') {
    return reply({ type: 'Close' }, { ...intent, state: 'Failed' }, [...said, ...botMessage(known?.confirmation?.declined, intent)]);
  }
  const missing = known?.slots.find((slot) => slot.required && !intent.slots?.[slot.name]);
  if (missing) return reply({ type: 'ElicitSlot', slotToElicit: missing.name }, { ...intent, state: 'InProgress' }, [...said, ...botMessage(missing.prompt, intent)]);
  if (context.source === 'FulfillmentCodeHook') throw fulfilledAgain();
  if (known?.confirmation && (intent.confirmationState ?? 'None') === 'None') {
    return reply({ type: 'ConfirmIntent' }, { ...intent, state: 'InProgress' }, [...said, ...botMessage(known.confirmation.prompt, intent)]);
  }
  return { kind: 'fulfil', intent: { ...intent, state: 'ReadyForFulfillment' }, messages: said };
}

/**
 * A fulfilment code hook that delegates with every slot filled: fulfilling again would ask it the same
 * thing, so Lex answers DependencyFailedException (as its runtime API reference documents).
 */
export function fulfilledAgain(): Error {
  return dependencyFailed('the fulfillment code hook returned a Delegate dialog action without removing any slot values');
}

function reply(dialogAction: DialogAction, intent: NamedIntent | undefined, messages: LexResponseMessage[]): LexDialogStep {
  return { kind: 'reply', dialogAction, intent, messages };
}

/**
 * A message the bot defines, as Lex says it: its first wording, with `{slot}` references replaced by
 * the slots' values.
 */
function botMessage(prompt: Prompt | undefined, intent: LexV2Intent | undefined): LexResponseMessage[] {
  const wording = prompt?.variations[0];
  if (wording === undefined) return [];
  const content = wording.replace(/\{(\w+)\}/g, (reference, name: string) => intent?.slots?.[name]?.value?.interpretedValue ?? reference);
  return [{ contentType: 'PlainText', content }];
}
