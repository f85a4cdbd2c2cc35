import { isBuiltInSlotType } from '../../../content/intent-model.js';
import { overlaps, type EntityMatch, type ValueContext } from '../../../slots/entity-match.js';
import { findListValues } from '../../../slots/list-values.js';
import { readExpectedValue } from '../../../slots/read-expected-value.js';
import type { Entity } from '../../recognizer.js';
import type { TaggedSlot } from './slot-tagger.js';

/** A value the words of a slot were said as, when their type has no better reading: an unrestricted list's new value. */
const saidValueConfidence = 0.5;

/**
 * The recognition's entities with the tagged slots' values added: each tagged span is resolved as a
 * value of its slot's type (the finders' reading of the same words first, then the type's own reader)
 * and dropped when its type cannot read it. A finder's reading of the same words (the same type, or a
 * list or pattern value of exactly those words) is merged into the tagged entity; other readings stay.
 * Words of a restricted list that hold several of its values ("pepperoni and mushroom") give each of
 * them, for a slot that takes several (`multiple`); a slot that takes one keeps the last.
 *
 * @example
 * withTaggedSlots('play adele', [], [{ slot: 'artist', type: 'artist', start: 5, end: 10 }], context)
 * // [{ type: 'artist', slot: 'artist', text: 'adele', start: 5, end: 10, value: 'adele', confidence: 0.5 }]
 */
export function withTaggedSlots(text: string, found: readonly Entity[], tagged: readonly TaggedSlot[], context: ValueContext): Entity[] {
  const slotted: Entity[] = [];
  for (const span of tagged) {
    for (const value of resolveTagged(text, span, found, context)) {
      if (slotted.some((other) => other.slot === span.slot && overlaps(other, value))) continue;
      slotted.push({ ...value, slot: span.slot });
    }
  }
  if (slotted.length === 0) return [...found];
  const listed = new Set(context.slotTypes.map((slotType) => slotType.name));
  const absorbed = (entity: Entity): boolean =>
    slotted.some(
      (value) =>
        (value.type === entity.type && overlaps(value, entity)) ||
        (value.start === entity.start && value.end === entity.end && listed.has(entity.type)),
    );
  return [...slotted, ...found.filter((entity) => !absorbed(entity))].sort((a, b) => a.start - b.start || a.end - b.end);
}

function resolveTagged(text: string, span: TaggedSlot, found: readonly Entity[], context: ValueContext): EntityMatch[] {
  const reading = readTagged(text, span, found, context);
  return Array.isArray(reading) ? reading : reading ? [reading] : [];
}

function readTagged(text: string, span: TaggedSlot, found: readonly Entity[], context: ValueContext): EntityMatch | EntityMatch[] | undefined {
  const words = text.slice(span.start, span.end);
  if (span.listValue !== undefined) return { type: span.type, text: words, start: span.start, end: span.end, value: span.listValue, confidence: 1 };
  const sameType = found.filter((entity) => entity.type === span.type && overlaps(entity, span));
  const exact = sameType.find((entity) => entity.start === span.start && entity.end === span.end);
  const slotType = context.slotTypes.find((candidate) => candidate.name === span.type);
  if (slotType?.kind === 'list') {
    // A typo-tolerant reading names a listed value; of an unrestricted list, only a word-for-word one does.
    if (exact && (slotType.restrict || exact.confidence === 1)) return withoutSlot(exact);
    if (!slotType.restrict) return { type: span.type, text: words, start: span.start, end: span.end, value: words, confidence: saidValueConfidence };
    // A restricted list takes its values inside the words ("a repair" → repair), or nothing.
    return findListValues(words, slotType, undefined, context.guardedWords).map((match) => shifted(match, span.start));
  }
  if (!slotType && !isBuiltInSlotType(span.type)) return { type: span.type, text: words, start: span.start, end: span.end, value: words, confidence: saidValueConfidence };
  // Dates, times, numbers, patterns: the finders' reading of these words ("tomorrow at 3pm" keeps its
  // date), else the type's reader on the words alone.
  const reading = exact ?? longest(sameType);
  return reading ? withoutSlot(reading) : shifted(readExpectedValue(words, span.type, context), span.start);
}

function withoutSlot(entity: Entity): EntityMatch {
  const { slot: _slot, ...match } = entity;
  return match;
}

function shifted<Match extends EntityMatch | undefined>(match: Match, offset: number): Match {
  return (match && { ...match, start: match.start + offset, end: match.end + offset }) as Match;
}

function longest<T extends { start: number; end: number }>(matches: readonly T[]): T | undefined {
  return matches.reduce<T | undefined>((best, match) => (!best || match.end - match.start > best.end - best.start ? match : best), undefined);
}
