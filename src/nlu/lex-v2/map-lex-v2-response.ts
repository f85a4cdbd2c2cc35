/**
 * A Lex V2 answer as a provider-neutral Recognition: interpretations become ranked intents, the chosen
 * intent's slots become entities.
 */
import type { SingleSlotValue } from '../../core/turn.js';
import type { Entity, Recognition, RecognizedIntent, Sentiment } from '../recognizer.js';
import { fallbackIntentName, scoreOf, type LexV2Interpretation, type LexV2Response, type LexV2Sentiment, type LexV2Slot, type LexV2Value } from './lex-v2-response.js';
import { locateSlotValue, type Span } from './locate-slot-value.js';

export interface LexV2MappingContext {
  /** The text Lex read; offsets point into it. */
  text: string;
  locale: string;
  latencyMs: number;
  /** The Parley slot type of an intent's slot, when known (from the intent model or the expectation). */
  slotTypeOf?: (intent: string, slot: string) => string | undefined;
  /** The Parley name of a Lex intent (`RepeatIntent` -> `Repeat`); Lex's own name when absent. */
  intentNameOf?: (lexName: string) => string;
  /** Scores below this make `topIntent` null (default 0). */
  threshold?: number;
  raw?: unknown;
}

/**
 * Maps a RecognizeText answer (or anything shaped like one) to a Recognition.
 *
 * - `intents`: the interpretations in Lex's order, `FallbackIntent` left out. The score is Lex's
 *   `nluConfidence`, which is only comparative (between the intents of one answer, for one bot): it is
 *   not a probability, and comparing it with other providers is the router's calibration.
 *   The chosen intent without a score (Lex omits it for some slot answers) gets 1; others without are dropped.
 * - `topIntent`: the first interpretation, unless it is `FallbackIntent` or scores below `threshold`.
 * - `entities`: the chosen intent's filled slots. `text` is the `originalValue`, `value` the
 *   `interpretedValue` (numbers as numbers for `number` slots); the resolved values stay in `raw`
 *   (see `readLexV2Details`). Offsets come from finding the words in the text; when they are not in
 *   it, `start` and `end` are -1. `type` is the slot's type from `slotTypeOf`, else the slot's name.
 *   List slots give one entity per value; composite slots give their sub-slots as `slot.subSlot`.
 *
 * @example
 * const recognition = mapLexV2Response(response, { text: 'a large pizza', locale: 'en-US', latencyMs: 80 });
 */
export function mapLexV2Response(response: LexV2Response, context: LexV2MappingContext): Recognition {
  const sessionIntent = response.sessionState?.intent;
  const interpretations: LexV2Interpretation[] = response.interpretations?.length ? response.interpretations : sessionIntent ? [{ intent: sessionIntent }] : [];
  const chosen = interpretations[0];
  const rename = context.intentNameOf ?? ((name: string) => name);
  const chosenName = chosen?.intent?.name === undefined ? undefined : rename(chosen.intent.name);
  const intents = rankIntents(interpretations, rename);
  const chosenIntent = intents[0]?.name === chosenName ? intents[0] : undefined;
  const understood = chosenIntent !== undefined && chosenIntent.confidence >= (context.threshold ?? 0);
  const slots = chosen?.intent?.slots ?? (sessionIntent?.name !== undefined && rename(sessionIntent.name) === chosenName ? sessionIntent?.slots : undefined);
  const entities = chosenIntent && slots ? entitiesOf(chosenIntent.name, slots, context) : [];
  const sentiment = sentimentOf(interpretations[0]?.sentimentResponse);
  return {
    text: context.text,
    locale: context.locale,
    intents,
    topIntent: understood ? chosenIntent.name : null,
    entities,
    ...(sentiment ? { sentiment } : {}),
    provider: 'lex-v2',
    latencyMs: context.latencyMs,
    ...(context.raw === undefined ? {} : { raw: context.raw }),
  };
}

/** Lex's sentiment (from Comprehend, when the alias has it on): `NEGATIVE` and its score. */
function sentimentOf(response: LexV2Sentiment | undefined): Sentiment | undefined {
  const label = response?.sentiment?.toLowerCase();
  if (label !== 'positive' && label !== 'negative' && label !== 'neutral' && label !== 'mixed') return undefined;
  const score = response?.sentimentScore?.[label];
  return typeof score === 'number' && Number.isFinite(score) ? { label, score } : { label };
}

function rankIntents(interpretations: readonly LexV2Interpretation[], rename: (lexName: string) => string): RecognizedIntent[] {
  const ranked: RecognizedIntent[] = [];
  interpretations.forEach((interpretation, index) => {
    const lexName = interpretation.intent?.name;
    if (!lexName || lexName === fallbackIntentName) return;
    const name = rename(lexName);
    // Two Lex built-ins of one Parley intent (CancelIntent, StopIntent): the better score counts.
    if (ranked.some((intent) => intent.name === name)) return;
    const score = scoreOf(interpretation.nluConfidence);
    if (score !== undefined) ranked.push({ name, confidence: score });
    else if (index === 0) ranked.push({ name, confidence: 1 });
  });
  return ranked;
}

function entitiesOf(intent: string, slots: Record<string, LexV2Slot | null>, context: LexV2MappingContext): Entity[] {
  const taken: Span[] = [];
  const entities: Entity[] = [];
  for (const { slot, value } of slotValues(slots)) {
    const said = value.originalValue ?? value.interpretedValue ?? value.resolvedValues?.[0];
    const interpreted = value.interpretedValue ?? value.resolvedValues?.[0] ?? value.originalValue;
    if (said === undefined || interpreted === undefined) continue;
    const type = context.slotTypeOf?.(intent, slot) ?? slot;
    const span = locateSlotValue(context.text, said, taken);
    if (span.start >= 0) taken.push(span);
    entities.push({ type, slot, text: said, start: span.start, end: span.end, value: typedValue(interpreted, type) });
  }
  // Located values in reading order; values Lex had but the text does not show come last.
  return entities.sort((a, b) => (a.start < 0 ? 1 : 0) - (b.start < 0 ? 1 : 0) || a.start - b.start);
}

function* slotValues(slots: Record<string, LexV2Slot | null>, prefix = ''): Generator<{ slot: string; value: LexV2Value }> {
  for (const [name, slot] of Object.entries(slots)) {
    if (!slot) continue;
    const slotName = prefix + name;
    if (slot.values?.length) {
      for (const item of slot.values) if (item.value) yield { slot: slotName, value: item.value };
    } else if (slot.value) {
      yield { slot: slotName, value: slot.value };
    }
    if (slot.subSlots) yield* slotValues(slot.subSlots, `${slotName}.`);
  }
}

function typedValue(value: string, type: string): SingleSlotValue {
  if (type !== 'number') return value;
  const number = Number(value);
  return value.trim() !== '' && Number.isFinite(number) ? number : value;
}
