/**
 * Changing a task that is already done: "actually make it Friday" after a booking, for a dialog
 * declared `changeable`. The engine offers the change; on yes the dialog runs again with the new
 * values (see `TaskContext.change`).
 */
import type { SlotType } from '../content/intent-model.js';
import type { Recognition } from '../nlu/recognizer.js';
import { readExpectedValue } from '../slots/read-expected-value.js';
import type { Slots } from './define-dialog.js';
import type { DialogContent } from './dialog-content.js';
import { joinList, type EngineMessages } from './engine-messages.js';
import { formatSlotValues } from './format-values.js';
import { formatMessage } from './message-format.js';
import { renderSlots } from './render-slots.js';
import { candidatesFrom } from './slot-filling.js';

/**
 * Words that make a message a correction, per language: at its start ("actually…", "make it…") or
 * anywhere ("…instead"). Two regexes rather than one alternation: each keeps its lookarounds at its
 * edges, where the backtracking audit can prove the search linear.
 */
const correctionWords: Record<string, { opening: RegExp; anywhere: RegExp }> = {
  en: {
    opening: /^(?:(?:no|oh|sorry|wait|hmm|um)\b[\s,.!]*)*(?:actually|make (?:it|that)|change (?:it|that)|move (?:it|that)|switch (?:it|that))\b/iu,
    anywhere: /\b(?:instead|rather)\b/iu,
  },
  es: {
    opening: /^(?:no\b[\s,.!]*)?(?:en realidad|mejor|que sea|c[aá]mbi[ae]lo|mu[eé]v[ae]lo)(?![\p{L}\p{N}])/iu,
    anywhere: /(?<![\p{L}\p{N}])en su lugar(?![\p{L}\p{N}])/iu,
  },
};

/**
 * Whether a message corrects something said before ("actually make it Friday"), so that a recognizer
 * reading it as the same task again is not a new request for it.
 *
 * @example
 * readsAsCorrection('actually, book it for Friday', 'en-US') // true
 */
export function readsAsCorrection(text: string, locale: string): boolean {
  const words = correctionWords[locale.split('-')[0]?.toLowerCase() ?? ''];
  if (!words) return false;
  const said = text.trim();
  return words.opening.test(said) || words.anywhere.test(said);
}

export interface TaskChanges {
  /**
   * The values a correction gives the task's slots that differ from what it holds (none: not a
   * correction of it). `when` is the conversation's now and time zone, for reading "Friday".
   */
  find(recognition: Recognition, held: Slots, when: { now: Date; timeZone: string }): Slots;
  /** The offer: "Your repair visit is booked for Thursday, March 7. Do you want to change it to Friday, March 8?" */
  offer(completed: Slots, values: Slots): string;
}

/** What a `changeable` dialog needs to offer a change; `wording` is its own offer, or true for the engine's. */
export function taskChangesOf(content: DialogContent, messages: EngineMessages, wording: string | true, slotTypes: readonly SlotType[]): TaskChanges {
  const said = (values: Slots) =>
    joinList(content.slots.filter((slot) => values[slot.name] !== undefined).map((slot) => formatSlotValues(values[slot.name]!, slot.type, content.locale, messages.and)), messages.and);
  return {
    find(recognition, held, when) {
      let candidates = candidatesFrom(recognition, content.slots, held, null);
      if (candidates.length === 0) {
        // A cloud recognizer that found no intent in "actually make it Friday" gives no values either:
        // read the text as an answer to each of the task's questions, with Parley's own readers.
        const context = { slotTypes, locale: content.locale, now: when.now, timeZone: when.timeZone };
        const entities = content.slots.flatMap((slot) => {
          const read = slot.type === 'text' ? undefined : readExpectedValue(recognition.text, slot.type, context);
          // Not the whole text taken as a value of an open list (a guess, at confidence 0.5).
          return read && (read.confidence ?? 1) > 0.5 ? [{ ...read, slot: slot.name }] : [];
        });
        candidates = candidatesFrom({ ...recognition, entities }, content.slots, held, null);
      }
      return Object.fromEntries(candidates.map((candidate) => [candidate.slot, candidate.value]));
    },
    offer(completed, values) {
      const change = said(values);
      if (wording !== true) return renderSlots(wording, content, completed, messages.and, { change });
      const changed = content.slots.filter((slot) => values[slot.name] !== undefined);
      const previous = Object.fromEntries(changed.map((slot) => [slot.name, completed[slot.name]]).filter(([, value]) => value !== undefined));
      return formatMessage(messages.offerChange, {
        task: content.title,
        label: joinList(changed.map((slot) => slot.label), messages.and),
        previous: said(previous),
        change,
      }, content);
    },
  };
}
