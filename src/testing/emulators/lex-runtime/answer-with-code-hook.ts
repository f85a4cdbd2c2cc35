/**
 * One turn of a bot whose dialog a code hook runs, as Lex V2 runs it: the text is understood as
 * without one (answer-lex-turn.ts), the dialog code hook is invoked with what Lex understood and
 * proposes, and its response decides the next step; when that is to fulfil the intent (a `Delegate`
 * with nothing left to ask), the fulfilment code hook is invoked too. The session keeps what the last
 * response set. A hook that fails leaves the session as it was (the caller writes it only on success).
 */
import type { LexResponseMessage } from '../../../../channels/connect/lex-code-hook-event.js';
import type { Recognizer } from '../../../nlu/recognizer.js';
import { answerLexTurn, type LexAnswer, type LexTurn } from './answer-lex-turn.js';
import { applyCodeHookResponse, fulfilledAgain, type AppliedResponse } from './apply-code-hook-response.js';
import { buildCodeHookEvent, type CodeHookEventInput } from './build-code-hook-event.js';
import { invokeCodeHook, type CodeHookCall } from './invoke-code-hook.js';
import type { StoredSession, TurnState } from './lex-session-state.js';

export interface CodeHookTurn {
  turn: LexTurn;
  bot: CodeHookEventInput['bot'];
  /** The reply's MIME type the request asked for. */
  responseContentType: string;
  call: Omit<CodeHookCall, 'model'>;
}

export async function answerWithCodeHook(input: CodeHookTurn, recognizer: Recognizer): Promise<{ answer: LexAnswer; session: StoredSession }> {
  const { turn } = input;
  const { answer, recognized, started, said } = await answerLexTurn(turn, recognizer);
  const call = { ...input.call, model: turn.model };
  const { dialogAction: proposed, sessionAttributes, originatingRequestId } = answer.sessionState;
  const event = (source: CodeHookEventInput['invocationSource'], state: Pick<AppliedResponse, 'sessionAttributes' | 'activeContexts'>, intent: CodeHookEventInput['intent']) =>
    buildCodeHookEvent({
      invocationSource: source,
      bot: input.bot,
      sessionId: turn.sessionId,
      text: turn.text,
      responseContentType: input.responseContentType,
      interpretations: answer.interpretations,
      intent,
      ...state,
      requestAttributes: turn.requestAttributes,
      originatingRequestId,
      // Lex proposes its next step only when it would elicit a slot.
      ...(source === 'DialogCodeHook' && proposed.type === 'ElicitSlot'
        ? { proposedSlot: { slot: proposed.slotToElicit!, attempt: retriesOf(started, turn.stored, recognized.name, proposed.slotToElicit!) } }
        : {}),
      said,
      model: turn.model,
    });

  const before = { sessionAttributes, activeContexts: turn.stored?.activeContexts ?? [] };
  const dialogEvent = event('DialogCodeHook', before, recognized);
  let applied = applyCodeHookResponse(await invokeCodeHook(dialogEvent, call), { source: 'DialogCodeHook', eventIntent: dialogEvent.sessionState.intent!, ...before, model: turn.model });
  const messages: LexResponseMessage[] = [];
  if (applied.step.kind === 'fulfil') {
    messages.push(...applied.step.messages);
    const now = { sessionAttributes: applied.sessionAttributes, activeContexts: applied.activeContexts };
    const fulfilEvent = event('FulfillmentCodeHook', now, applied.step.intent);
    applied = applyCodeHookResponse(await invokeCodeHook(fulfilEvent, call), { source: 'FulfillmentCodeHook', eventIntent: fulfilEvent.sessionState.intent!, ...now, model: turn.model });
  }
  const step = applied.step;
  if (step.kind === 'fulfil') throw fulfilledAgain();
  messages.push(...step.messages);

  const { dialogAction, intent } = step;
  const retries = dialogAction.type === 'ElicitSlot' && intent ? retriesOf(started, turn.stored, intent.name, dialogAction.slotToElicit!) : undefined;
  const contexts = applied.activeContexts.length > 0 ? { activeContexts: applied.activeContexts } : {};
  return {
    answer: {
      messages,
      sessionState: { dialogAction, ...(intent ? { intent } : {}), sessionAttributes: applied.sessionAttributes, ...contexts, originatingRequestId },
      interpretations: answer.interpretations,
      requestAttributes: applied.requestAttributes ?? turn.requestAttributes,
      sessionId: turn.sessionId,
    },
    session: { dialogAction, ...(intent ? { intent } : {}), sessionAttributes: applied.sessionAttributes, activeContexts: applied.activeContexts, ...(retries === undefined ? {} : { retries }) },
  };
}

/** How many times this slot of this intent was asked for already, in a row (0: never). */
function retriesOf(started: TurnState, stored: StoredSession | undefined, intent: string, slot: string): number {
  const asking = started.dialogAction?.type === 'ElicitSlot' && started.dialogAction.slotToElicit === slot && started.intent?.name === intent;
  return asking ? (stored?.retries ?? 0) + 1 : 0;
}
