import { findSlotType, type Intent } from '../../content/intent-model.js';
import type { SingleSlotValue } from '../../core/turn.js';
import type { Entity, Expectation } from '../recognizer.js';
import { resolutionKindOf, scoreOf, type CluEntity, type CluResolution } from './clu-result.js';
import { readCluDateTime } from './read-clu-date-time.js';
import { readEntityWords, type WordsContext } from './read-entity-words.js';

export interface EntityContext extends WordsContext {
  /** The text sent to CLU: offsets point into it. */
  text: string;
  /** Whose slots CLU's entities fill, first match wins: the top intent, then the one being asked about. */
  slotIntents: readonly Intent[];
  expecting: Expectation | undefined;
}

/** What an entity's category means in the intent model. */
interface Target {
  slot?: string;
  type?: string;
}

const quantityKinds = new Set(['Number', 'Age', 'Currency', 'Volume', 'Speed', 'Area', 'Length', 'Information', 'Temperature', 'Weight']);

/**
 * One CLU entity as Parley entities. By convention a CLU entity is named after the slot it fills
 * (`date`, `service`), so its category finds the slot, and the slot its type. The value is, in
 * order: the list key (a list entity's canonical value), CLU's prebuilt resolution (DateTime →
 * `YYYY-MM-DD` and/or `HH:MM`; Number, Ordinal and quantities → a number), else the words read by
 * Parley's slot readers for the slot's type, else the words as said. A DateTime may give two
 * entities over the same words, a date and a time, as the local recognizer does.
 */
export function mapCluEntity(entity: CluEntity, context: EntityContext): Entity[] {
  const span = locate(entity, context.text);
  const target = targetOf(entity.category, context);
  const confidence = scoreOf(entity);
  const make = (type: string, value: SingleSlotValue): Entity => {
    const tied = target.slot !== undefined && (target.type === undefined || target.type === type);
    return { type, ...(tied ? { slot: target.slot } : {}), ...span, value, confidence };
  };

  const listKey = entity.extraInformation?.find((info) => info.extraInformationKind === 'ListKey')?.key;
  if (typeof listKey === 'string') return [make(target.type ?? entity.category, listKey)];

  const resolutions = entity.resolutions ?? [];
  const wantsDateTime = target.type === undefined || target.type === 'date' || target.type === 'time';
  const dateTime = wantsDateTime ? readCluDateTime(resolutions, context) : undefined;
  if (dateTime) {
    const found: Entity[] = [];
    if (dateTime.date !== undefined && target.type !== 'time') found.push(make('date', dateTime.date));
    if (dateTime.time !== undefined && target.type !== 'date') found.push(make('time', dateTime.time));
    // A date said for a time slot (or the reverse) is still a value, just not that slot's.
    if (found.length === 0 && dateTime.date !== undefined) found.push(make('date', dateTime.date));
    if (found.length === 0 && dateTime.time !== undefined) found.push(make('time', dateTime.time));
    return found;
  }

  const number = target.type === undefined || target.type === 'number' ? numberOf(resolutions) : undefined;
  if (number !== undefined) return [make('number', number)];

  const type = target.type ?? entity.category;
  return [make(type, readEntityWords(type, span.text, context) ?? span.text)];
}

function targetOf(category: string, context: EntityContext): Target {
  for (const intent of context.slotIntents) {
    const slot = intent.slots.find((candidate) => candidate.name === category);
    if (slot) return { slot: slot.name, type: slot.type };
  }
  const expecting = context.expecting;
  if (expecting?.slot === category) return { slot: category, ...(expecting.slotType ? { type: expecting.slotType } : {}) };
  const model = context.localeModel;
  if (!model) return {};
  // A slot of another intent: its type is known, but CLU's entity is not this turn's slot.
  const elsewhere = model.intents.flatMap((intent) => intent.slots).find((slot) => slot.name === category);
  if (elsewhere) return { type: elsewhere.type };
  return findSlotType(model, category) ? { type: category } : {};
}

/** A number from a Number, quantity or from-the-start Ordinal resolution ("third" → 3; "last" is not one). */
function numberOf(resolutions: readonly CluResolution[]): number | undefined {
  for (const resolution of resolutions) {
    const kind = resolutionKindOf(resolution);
    if (quantityKinds.has(kind) && typeof resolution.value === 'number' && Number.isFinite(resolution.value)) return resolution.value;
    if (kind === 'Ordinal' && resolution.relativeTo === 'Start') {
      const value = Number(resolution.value ?? resolution.offset);
      if (Number.isFinite(value)) return value;
    }
  }
  return undefined;
}

/**
 * The entity's words in the text. Parley asks for UTF-16 offsets, so they match JavaScript strings;
 * an answer counted otherwise (graphemes, a replayed recording) is found by its words nearest the offset.
 */
function locate(entity: CluEntity, text: string): { text: string; start: number; end: number } {
  const start = entity.offset;
  const end = entity.offset + entity.length;
  if (text.slice(start, end) === entity.text) return { text: entity.text, start, end };
  let best = -1;
  for (let index = text.indexOf(entity.text); index !== -1 && entity.text; index = text.indexOf(entity.text, index + 1)) {
    if (best === -1 || Math.abs(index - start) < Math.abs(best - start)) best = index;
  }
  if (best !== -1) return { text: entity.text, start: best, end: best + entity.text.length };
  const clippedStart = Math.min(start, text.length);
  return { text: entity.text, start: clippedStart, end: Math.min(Math.max(end, clippedStart), text.length) };
}
