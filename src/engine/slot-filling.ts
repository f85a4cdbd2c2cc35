/**
 * Which slot each recognised value belongs to. Pure functions, shared by compiled dialogs and usable
 * by raw machines.
 */
import type { SlotValue } from '../core/turn.js';
import type { Entity, Recognition } from '../nlu/recognizer.js';
import { addsToList, listOf, sameSlotValue, uniqueValues } from './list-answers.js';

export interface SlotShape {
  name: string;
  type: string;
  /** Words that name the slot: its label and aliases ("date", "day"). */
  mentions: string[];
  /** The slot holds a list of values (`multiple: true`). */
  multiple?: boolean;
}

/** A value the customer gave for a slot, before validation. */
export interface Candidate {
  slot: string;
  value: SlotValue;
  text: string;
}

/**
 * Maps a recognition's entities to slots: the slot the provider named; else the only slot of the
 * entity's type; else, among several of that type, the awaited one, then the first still empty.
 * When two values land on one slot, the one read for the awaited slot wins, then the later one
 * ("not Friday, Saturday"); a slot that holds a list (`multiple`) takes them all, in reading order, as
 * its new list, or added to the one it holds when the customer says so ("add olives", see
 * list-answers.ts). Values equal to what the slot holds are dropped.
 */
export function candidatesFrom(
  recognition: Recognition,
  slots: readonly SlotShape[],
  filled: Readonly<Record<string, SlotValue>>,
  awaiting: string | null,
): Candidate[] {
  const chosen = new Map<string, { entity: Entity; tagged: boolean }>();
  const listed = new Map<string, Entity[]>();
  for (const entity of recognition.entities) {
    const slot = slotFor(entity, slots, filled, awaiting);
    if (!slot) continue;
    if (slots.some((shape) => shape.name === slot && shape.multiple)) {
      listed.set(slot, [...(listed.get(slot) ?? []), entity]);
      continue;
    }
    const tagged = entity.slot === slot;
    const previous = chosen.get(slot);
    if (previous && previous.tagged && !tagged) continue;
    chosen.set(slot, { entity, tagged });
  }
  const candidates: Candidate[] = [];
  for (const shape of slots) {
    if (shape.multiple) {
      const candidate = listCandidate(shape.name, listed.get(shape.name), filled[shape.name], recognition);
      if (candidate) candidates.push(candidate);
      continue;
    }
    const pick = chosen.get(shape.name);
    if (!pick || sameSlotValue(filled[shape.name], pick.entity.value)) continue;
    candidates.push({ slot: shape.name, value: pick.entity.value, text: pick.entity.text });
  }
  return candidates;
}

/** A list slot's values as said, in reading order and each once; added to what it holds when the customer says so. */
function listCandidate(slot: string, entities: Entity[] | undefined, held: SlotValue | undefined, recognition: Recognition): Candidate | undefined {
  if (!entities?.length) return undefined;
  // Values a recognizer could not place in the text (start -1) come last.
  const ordered = [...entities].sort((a, b) => Number(a.start < 0) - Number(b.start < 0) || a.start - b.start);
  const said = uniqueValues(ordered.map((entity) => entity.value));
  const value = held !== undefined && addsToList(recognition.text, recognition.locale) ? uniqueValues([...listOf(held), ...said]) : said;
  if (sameSlotValue(held, value)) return undefined;
  return { slot, value, text: ordered.map((entity) => entity.text).join(' ') };
}

function slotFor(
  entity: Entity,
  slots: readonly SlotShape[],
  filled: Readonly<Record<string, SlotValue>>,
  awaiting: string | null,
): string | undefined {
  if (entity.slot && slots.some((slot) => slot.name === entity.slot)) return entity.slot;
  const sameType = slots.filter((slot) => slot.type === entity.type);
  if (sameType.length === 0) return undefined;
  if (sameType.length === 1) return sameType[0]!.name;
  return (
    sameType.find((slot) => slot.name === awaiting)?.name ??
    sameType.find((slot) => filled[slot.name] === undefined)?.name
  );
}

/** The slot a customer names ("change the time", "the date"), if exactly one is named. */
export function mentionedSlot(text: string, slots: readonly SlotShape[]): string | undefined {
  const said = ` ${text.toLowerCase().replace(/[^\p{L}\p{N} ]+/gu, ' ').replace(/\s+/g, ' ').trim()} `;
  const named = slots.filter((slot) => slot.mentions.some((mention) => said.includes(` ${mention.toLowerCase()} `)));
  return named.length === 1 ? named[0]!.name : undefined;
}
