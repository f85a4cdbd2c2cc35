/**
 * The event Lex V2 sends its code hook for one turn, shaped as the real ones are (the Lex V2 guide's
 * "input event format", and events Lex sent): interpretations with a bare-number `nluConfidence`, the
 * intent with every slot present (`null` when unfilled), `proposedNextState` only when Lex would elicit
 * a slot next, a transcription of the text, and no `dialogAction` in the session state.
 */
import type { LexCodeHookEvent } from '../../../../channels/connect/lex-code-hook-event.js';
import { findIntent, type LocaleModel } from '../../../content/intent-model.js';
import { scoreOf, type LexV2Intent, type LexV2Interpretation, type LexV2Slot } from '../../../nlu/lex-v2/lex-v2-response.js';

export interface CodeHookEventInput {
  invocationSource: LexCodeHookEvent['invocationSource'];
  bot: { id: string; name: string; aliasId: string; aliasName: string; localeId: string; version: string };
  sessionId: string;
  text: string;
  /** The reply's MIME type: `text/plain; charset=utf-8` for RecognizeText. */
  responseContentType: string;
  /** As the runtime answers them (`nluConfidence: {score}`). */
  interpretations: readonly LexV2Interpretation[];
  intent: LexV2Intent & { name: string };
  sessionAttributes: Record<string, string>;
  activeContexts: unknown[];
  requestAttributes: Record<string, string>;
  /** The id of the RecognizeText request the invocation serves. */
  originatingRequestId: string;
  /** The slot Lex would elicit next, and how many times it asked for it already (a DialogCodeHook only). */
  proposedSlot?: { slot: string; attempt: number };
  /** The slots this utterance filled. */
  said: readonly string[];
  model: LocaleModel;
}

const attemptNames = ['Initial', 'Retry1', 'Retry2', 'Retry3', 'Retry4', 'Retry5'] as const;

/**
 * @example
 * buildCodeHookEvent({ invocationSource: 'DialogCodeHook', text: 'a large pizza', intent, ... }).sessionState.intent.slots // { size: {...}, date: null }
 */
export function buildCodeHookEvent(input: CodeHookEventInput): LexCodeHookEvent {
  const intent = withEverySlot(input.intent, input.model);
  const resolvedSlots = Object.fromEntries(input.said.flatMap((name) => (intent.slots?.[name] ? [[name, asTranscribed(intent.slots[name])]] : [])));
  const event = {
    messageVersion: '1.0',
    invocationSource: input.invocationSource,
    inputMode: 'Text',
    responseContentType: input.responseContentType,
    sessionId: input.sessionId,
    inputTranscript: input.text,
    bot: { ...input.bot },
    interpretations: input.interpretations.map(asEventInterpretation),
    ...(input.proposedSlot
      ? {
          proposedNextState: {
            dialogAction: { slotToElicit: input.proposedSlot.slot, type: 'ElicitSlot' },
            intent: { ...intent, state: 'InProgress' },
            prompt: { attempt: attemptNames[Math.min(input.proposedSlot.attempt, attemptNames.length - 1)] },
          },
        }
      : {}),
    // Real events leave out request attributes when the request had none.
    ...(Object.keys(input.requestAttributes).length > 0 ? { requestAttributes: { ...input.requestAttributes } } : {}),
    sessionState: {
      sessionAttributes: { ...input.sessionAttributes },
      activeContexts: [...input.activeContexts],
      intent,
      originatingRequestId: input.originatingRequestId,
    },
    transcriptions: [{ transcription: input.text, transcriptionConfidence: 1, resolvedContext: { intent: intent.name }, resolvedSlots }],
  };
  // The contract's loose objects have an index signature the Lex response interfaces do not declare.
  return event as LexCodeHookEvent;
}

/**
 * The intent as Lex sends it: every slot of the bot's intent present, `null` when unfilled, and a
 * state and confirmation state always set.
 *
 * @example
 * withEverySlot({ name: 'OrderPizza' }, model) // { name: 'OrderPizza', slots: { size: null, date: null }, state: 'InProgress', confirmationState: 'None' }
 */
export function withEverySlot(intent: LexV2Intent & { name: string }, model: LocaleModel): LexV2Intent & { name: string; slots: Record<string, LexV2Slot | null> } {
  const names = findIntent(model, intent.name)?.slots.map((slot) => slot.name) ?? [];
  const slots = Object.fromEntries(names.map((name) => [name, intent.slots?.[name] ?? null]));
  return { ...intent, slots, state: intent.state ?? 'InProgress', confirmationState: intent.confirmationState ?? 'None' };
}

function asEventInterpretation(interpretation: LexV2Interpretation): LexV2Interpretation {
  const { nluConfidence, ...rest } = interpretation;
  const score = scoreOf(nluConfidence);
  return score === undefined ? rest : { ...rest, nluConfidence: score };
}

/** A transcription's resolved slot, as real events show it: the value without its interpretation. */
function asTranscribed(slot: LexV2Slot): LexV2Slot {
  const { interpretedValue: _interpreted, ...value } = slot.value ?? {};
  return { ...slot, value };
}
