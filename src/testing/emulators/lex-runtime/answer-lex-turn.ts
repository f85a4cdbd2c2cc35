/**
 * One turn of the emulated bot: Parley's local recognizer reads the text, and the result is shaped as
 * Lex V2 answers it (interpretations, session state with slots and the next dialog action, messages).
 */
import { randomUUID } from 'node:crypto';
import type { LexResponseMessage } from '../../../../channels/connect/lex-code-hook-event.js';
import { lexMultipleValuesRefusal } from '../../../../bot-deploy/lex-v2/lex-multiple-values.js';
import { findIntent, isBuiltInSlotType, type Intent, type LocaleModel, type Slot } from '../../../content/intent-model.js';
import type { LexV2Intent, LexV2Interpretation, LexV2Sentiment, LexV2Slot } from '../../../nlu/lex-v2/lex-v2-response.js';
import { fallbackIntentName } from '../../../nlu/lex-v2/lex-v2-response.js';
import type { Entity, Recognition, Recognizer } from '../../../nlu/recognizer.js';
import { readExactYesNo, readYesNo } from '../../../engine/yes-no.js';
import { readTurnState, type DialogAction, type StoredSession, type TurnState } from './lex-session-state.js';

export interface LexTurn {
  text: string;
  /** The model's locale (`en-US`) serving the path's `localeId`. */
  locale: string;
  model: LocaleModel;
  sessionId: string;
  sessionState: unknown;
  requestAttributes: Record<string, string>;
  stored: StoredSession | undefined;
  now: Date;
  sentiment?: ((text: string) => LexV2Sentiment | undefined) | undefined;
}

export interface LexAnswer {
  messages: LexResponseMessage[];
  sessionState: { dialogAction: DialogAction; intent?: LexV2Intent; sessionAttributes: Record<string, string>; activeContexts?: unknown[]; originatingRequestId: string };
  interpretations: LexV2Interpretation[];
  requestAttributes: Record<string, string>;
  sessionId: string;
}

/** Lex lists at most five interpretations, `FallbackIntent` among them. */
const mostInterpretations = 5;

export interface AnsweredLexTurn {
  answer: LexAnswer;
  /** What the session keeps for the next turn. */
  session: StoredSession;
  /** The intent understood (`FallbackIntent` when none), with its slots. */
  recognized: LexV2Intent & { name: string };
  /** The state the turn started from. */
  started: TurnState;
  /** The slots this utterance filled. */
  said: string[];
}

/** Answers a turn and returns what the session keeps for the next one. */
export async function answerLexTurn(turn: LexTurn, recognizer: Recognizer): Promise<AnsweredLexTurn> {
  const state = readTurnState(turn.sessionState, turn.stored, turn.model);
  const { eliciting, confirming } = state;
  const timeZone = turn.requestAttributes['x-amz-lex:time-zone'] ?? 'UTC';
  const expecting = eliciting
    ? { intent: eliciting.intent.name, slot: eliciting.slot, slotType: eliciting.slotType }
    : confirming ? { intent: confirming.name, confirmation: true } : undefined;
  const recognition = await recognizer.recognize({ text: turn.text, locale: turn.locale, now: turn.now, timeZone, ...(expecting ? { expecting } : {}) });

  // An answer to the slot asked for keeps its intent, as do a bare yes or no to a confirmation and one
  // that changes a slot ("no, at 2pm"); else the text is read as a new request ("no, I want a refund");
  // else Lex asks again.
  const held = eliciting?.intent ?? confirming;
  const yesNo = confirming ? readYesNo(turn.text, turn.locale) : undefined;
  const answered = eliciting
    ? recognition.entities.some((entity) => entity.slot === eliciting.slot)
    : confirming !== undefined && (readExactYesNo(turn.text, turn.locale) !== undefined || recognition.entities.some((entity) => fitsSlotOf(confirming, entity)));
  const chosen: Intent | undefined = answered
    ? held
    : recognition.topIntent
      ? findIntent(turn.model, recognition.topIntent)
      : held;
  const score = answered ? 1 : (recognition.intents.find((intent) => intent.name === chosen?.name)?.confidence ?? 0);
  // An intent a code hook closed (fulfilled or failed) is done: asking for it again starts it afresh.
  const closed = state.intent?.state === 'Fulfilled' || state.intent?.state === 'Failed';
  const carried = chosen && !closed && state.intent?.name === chosen.name ? state.intent.slots : undefined;
  const intent: LexV2Intent & { name: string } = chosen
    ? fillIntent(chosen, carried, recognition, turn.locale)
    : { name: fallbackIntentName, slots: {}, state: 'ReadyForFulfillment', confirmationState: 'None' };
  // Lex sets the confirmation state from the customer's yes or no; an intent carried on keeps its own.
  if (chosen && chosen === confirming && yesNo) intent.confirmationState = yesNo === 'yes' ? 'Confirmed' : 'Denied';
  else if (carried && state.intent?.confirmationState) intent.confirmationState = state.intent.confirmationState;
  const said = Object.keys(intent.slots ?? {}).filter((name) => intent.slots?.[name] && intent.slots[name] !== carried?.[name]);
  const missing = chosen?.slots.find((slot) => slot.required && !intent.slots?.[slot.name]);
  const dialogAction: DialogAction = missing ? { type: 'ElicitSlot', slotToElicit: missing.name } : { type: 'Close' };
  if (chosen) intent.state = missing ? 'InProgress' : 'ReadyForFulfillment';
  const prompt = missing?.prompt?.variations[0];

  const interpretations = interpretationsOf(recognition, chosen ? { intent, score } : undefined, turn.model);
  const sentiment = turn.sentiment?.(turn.text);
  if (sentiment && interpretations[0]) interpretations[0].sentimentResponse = sentiment;
  const answer: LexAnswer = {
    messages: prompt ? [{ contentType: 'PlainText', content: prompt }] : [],
    sessionState: { dialogAction, intent, sessionAttributes: state.sessionAttributes, originatingRequestId: randomUUID() },
    interpretations,
    requestAttributes: turn.requestAttributes,
    sessionId: turn.sessionId,
  };
  return { answer, session: { dialogAction, intent, sessionAttributes: state.sessionAttributes }, recognized: intent, started: state, said };
}

/** A value for one of the intent's slots: tied to it by the recognizer, or untied and of its type. */
function fitsSlotOf(intent: Intent, entity: Entity): boolean {
  return intent.slots.some((slot) => (entity.slot ? slot.name === entity.slot : slot.type === entity.type));
}

/**
 * The intent with every slot present (`null` when unfilled): the carried values, then this turn's. A
 * slot Lex lets take several values (a `multiple` slot of a custom type, in en-US) is a `List` of them,
 * as Lex answers it; any other takes the first value said.
 */
function fillIntent(intent: Intent, carried: LexV2Intent['slots'], recognition: Recognition, locale: string): LexV2Intent & { name: string } {
  const slots: Record<string, LexV2Slot | null> = Object.fromEntries(intent.slots.map((slot) => [slot.name, carried?.[slot.name] ?? null]));
  const several = (slot: Slot) => slot.multiple === true && lexMultipleValuesRefusal(locale, { customSlotType: !isBuiltInSlotType(slot.type) }) === undefined;
  const said = new Map<Slot, Entity[]>();
  for (const entity of recognition.entities) {
    // A value the recognizer tied to a slot goes there; an untied one to the first slot of its type with room for it.
    const hasRoom = (slot: Slot) => !said.has(slot) || several(slot);
    const target = intent.slots.find((slot) => slot.name === entity.slot) ?? (entity.slot ? undefined : intent.slots.find((slot) => slot.type === entity.type && hasRoom(slot)));
    if (target && hasRoom(target)) said.set(target, [...(said.get(target) ?? []), entity]);
  }
  for (const [slot, values] of said) {
    const scalars = values.map((entity): LexV2Slot => ({ shape: 'Scalar', value: lexValue(entity.text, String(entity.value)) }));
    if (!several(slot)) slots[slot.name] = scalars[0]!;
    else {
      // The list's own value is the words from its first value to its last, as said.
      const located = values.filter((entity) => entity.start >= 0);
      const words = located.length ? recognition.text.slice(Math.min(...located.map((entity) => entity.start)), Math.max(...located.map((entity) => entity.end))) : values.map((entity) => entity.text).join(' ');
      slots[slot.name] = { shape: 'List', value: lexValue(words, words), values: scalars };
    }
  }
  return { name: intent.name, slots, state: 'InProgress', confirmationState: 'None' };
}

function lexValue(originalValue: string, interpretedValue: string): LexV2Slot['value'] {
  return { originalValue, interpretedValue, resolvedValues: [interpretedValue] };
}

/** The chosen intent first, then the recognizer's runners-up, with `FallbackIntent` (unscored) among them. */
function interpretationsOf(recognition: Recognition, chosen: { intent: LexV2Intent; score: number } | undefined, model: LocaleModel): LexV2Interpretation[] {
  const fallback: LexV2Interpretation = { intent: { name: fallbackIntentName, slots: {}, state: 'InProgress', confirmationState: 'None' }, interpretationSource: 'Lex' };
  const scored = (intent: LexV2Intent, score: number): LexV2Interpretation => ({ intent, nluConfidence: { score: Math.round(score * 100) / 100 }, interpretationSource: 'Lex' });
  const runnersUp = recognition.intents
    .filter((candidate) => candidate.name !== chosen?.intent.name)
    .flatMap((candidate) => {
      const intent = findIntent(model, candidate.name);
      if (!intent) return [];
      const slots = Object.fromEntries(intent.slots.map((slot) => [slot.name, null]));
      return [scored({ name: intent.name, slots, state: 'InProgress', confirmationState: 'None' }, candidate.confidence)];
    });
  const ranked = chosen ? [scored(chosen.intent, chosen.score), ...runnersUp] : [fallback, ...runnersUp];
  const listed = ranked.slice(0, mostInterpretations - (chosen ? 1 : 0));
  return chosen ? [...listed, fallback] : listed;
}
