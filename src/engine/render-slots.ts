/** Prompts that name slots ("{service} on {date}"), filled with the values as they are said back. */
import type { Slots } from './define-dialog.js';
import type { DialogContent } from './dialog-content.js';
import { formatSlotValues } from './format-values.js';
import { compileMessage, type MessageValue } from './message-format.js';

/**
 * Fills a prompt's slot placeholders, and any other names given; a list reads "pepperoni, mushroom and olives".
 * Prompts are message templates: a plain `{date}` reads as the slot is said back, while a typed
 * argument gets the slot's own value (`{count, plural, one {# pizza} other {# pizzas}}`,
 * `{date, date, short}`). A slot not filled yet stays as written.
 *
 * @example
 * renderSlots('{service} on {date}', content, { service: 'repair', date: '2030-03-08' }, 'and') // 'repair on Friday, March 8'
 */
export function renderSlots(
  template: string,
  content: Pick<DialogContent, 'slots' | 'locale'>,
  slots: Slots,
  and: string,
  more: Record<string, string> = {},
): string {
  const values: Record<string, MessageValue> = { ...more };
  for (const slot of content.slots) {
    const value = slots[slot.name];
    if (value !== undefined) values[slot.name] = value;
  }
  const showAsText = (name: string, value: MessageValue): string | undefined => {
    const slot = content.slots.find((candidate) => candidate.name === name);
    return slot && (typeof value === 'string' || typeof value === 'number' || Array.isArray(value))
      ? formatSlotValues(value as Slots[string], slot.type, content.locale, and)
      : undefined;
  };
  return compileMessage(template, content.locale).format(values, { showAsText });
}
