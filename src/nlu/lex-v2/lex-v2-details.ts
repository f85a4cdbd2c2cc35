/**
 * What a Lex V2 answer says beyond the provider-neutral Recognition: the session's attributes, the
 * sentiment, Lex's own dialog state and every slot's original, interpreted and resolved values.
 */
import type { Recognition } from '../recognizer.js';
import type { LexV2Response, LexV2Slot } from './lex-v2-response.js';

export type SentimentLabel = 'positive' | 'negative' | 'neutral' | 'mixed';

export interface LexV2SlotValues {
  originalValue?: string;
  interpretedValue?: string;
  resolvedValues: string[];
}

export interface LexV2Details {
  sessionId?: string;
  /** The session attributes as Lex answered them (a code hook may have changed them). */
  sessionAttributes: Record<string, string>;
  /** Only when sentiment analysis is on for the bot alias; scores are 0–1. */
  sentiment?: { label: SentimentLabel; scores: Record<SentimentLabel, number> };
  /** What Lex would do next on its own (`ElicitSlot`, `Close`…): Parley's engine decides, this is for tracing. */
  dialogAction?: { type: string; slotToElicit?: string };
  intentState?: string;
  confirmationState?: string;
  /** The chosen intent's filled slots, by slot name (list values under the same name, in order). */
  slots: Record<string, LexV2SlotValues[]>;
  messages: Array<{ contentType: string; content: string }>;
}

/**
 * The Lex details of a Recognition made by the Lex V2 recognizer, read from its `raw` answer;
 * undefined for other providers. Holds customer data: do not log it.
 *
 * @example
 * const details = readLexV2Details(recognition);
 * details?.sessionAttributes.plan; details?.sentiment?.label; details?.slots.size?.[0]?.resolvedValues
 */
export function readLexV2Details(recognition: Pick<Recognition, 'provider' | 'raw'>): LexV2Details | undefined {
  if (recognition.provider !== 'lex-v2' || typeof recognition.raw !== 'object' || recognition.raw === null) return undefined;
  const response = recognition.raw as LexV2Response;
  const top = response.interpretations?.[0];
  const state = response.sessionState;
  const details: LexV2Details = {
    sessionAttributes: { ...state?.sessionAttributes },
    slots: slotValuesOf(top?.intent?.slots ?? state?.intent?.slots ?? {}),
    messages: (response.messages ?? []).map((message) => ({ contentType: message.contentType ?? 'PlainText', content: message.content ?? '' })),
  };
  if (response.sessionId) details.sessionId = response.sessionId;
  const sentiment = top?.sentimentResponse;
  const label = sentiment?.sentiment?.toLowerCase();
  if (label === 'positive' || label === 'negative' || label === 'neutral' || label === 'mixed') {
    const score = sentiment?.sentimentScore ?? {};
    details.sentiment = { label, scores: { positive: score.positive ?? 0, negative: score.negative ?? 0, neutral: score.neutral ?? 0, mixed: score.mixed ?? 0 } };
  }
  if (state?.dialogAction?.type) {
    details.dialogAction = { type: state.dialogAction.type, ...(state.dialogAction.slotToElicit ? { slotToElicit: state.dialogAction.slotToElicit } : {}) };
  }
  if (state?.intent?.state) details.intentState = state.intent.state;
  if (state?.intent?.confirmationState) details.confirmationState = state.intent.confirmationState;
  return details;
}

function slotValuesOf(slots: Record<string, LexV2Slot | null>, prefix = ''): Record<string, LexV2SlotValues[]> {
  const result: Record<string, LexV2SlotValues[]> = {};
  for (const [name, slot] of Object.entries(slots)) {
    if (!slot) continue;
    const items = slot.values?.length ? slot.values : [slot];
    const values = items.flatMap((item) => (item.value ? [valuesOf(item.value)] : []));
    if (values.length) result[prefix + name] = values;
    if (slot.subSlots) Object.assign(result, slotValuesOf(slot.subSlots, `${prefix}${name}.`));
  }
  return result;
}

function valuesOf(value: NonNullable<LexV2Slot['value']>): LexV2SlotValues {
  return {
    ...(value.originalValue === undefined ? {} : { originalValue: value.originalValue }),
    ...(value.interpretedValue === undefined ? {} : { interpretedValue: value.interpretedValue }),
    resolvedValues: [...(value.resolvedValues ?? [])],
  };
}
