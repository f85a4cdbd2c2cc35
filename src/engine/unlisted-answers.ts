/**
 * What a dialog says of a value its closed list does not have: "We don't have anchovies. You can
 * choose pepperoni, mushroom, olives or peppers." The recognizer tells which words were such a value
 * (`Recognition.unlisted`); a list too long to read out gets the shorter line, and the question
 * that follows it.
 */
import type { Recognition } from '../nlu/recognizer.js';
import type { ResolvedSlot } from './dialog-content.js';
import { joinList, type EngineMessages } from './engine-messages.js';
import { formatMessage } from './message-format.js';

/**
 * One line per closed-list slot of the dialog that was given a value it does not list, except the
 * slots in `valued` (given a listed value in the same message).
 *
 * @example
 * notAnOptionLines(recognition, content.slots, new Set(), messages, content)
 * // ["We don't have anchovies. You can choose pepperoni, mushroom, olives or peppers."]
 */
export function notAnOptionLines(
  recognition: Recognition,
  slots: readonly ResolvedSlot[],
  valued: ReadonlySet<string>,
  messages: EngineMessages,
  format: { locale: string },
): string[] {
  const told = new Set<string>();
  const lines: string[] = [];
  for (const value of recognition.unlisted ?? []) {
    const slot = value.slot === undefined ? slots.find((candidate) => candidate.type === value.type) : slots.find((candidate) => candidate.name === value.slot);
    if (!slot?.closedList || slot.type !== value.type || valued.has(slot.name) || told.has(slot.name)) continue;
    told.add(slot.name);
    const { values, readOut } = slot.closedList;
    lines.push(
      readOut
        ? formatMessage(messages.notAnOption, { value: value.text, options: joinList(values, messages.or) }, format)
        : formatMessage(messages.notAnOptionBrief, { value: value.text }, format),
    );
  }
  return lines;
}
