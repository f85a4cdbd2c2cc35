import { findSlotType, type LocaleModel, type Slot } from '../../content/intent-model.js';
import { findListValues } from '../../slots/list-values.js';

/** Where one value lies in an example, `end` exclusive. */
export interface ValueSpan {
  start: number;
  end: number;
}

/**
 * Where the values of a slot's example lie in it, for labelling training text: each value of the
 * slot's list type for a slot that takes several (`{toppings=pepperoni and mushroom}` gives
 * "pepperoni" and "mushroom", not the words between them), else the whole example. The local
 * tagger and CLU's labels then learn values, as one-value examples teach them, not lists.
 *
 * @example
 * exampleValueSpans('pepperoni and mushroom', { type: 'Topping', multiple: true }, localeModel) // [{ start: 0, end: 9 }, { start: 14, end: 22 }]
 */
export function exampleValueSpans(example: string, slot: Pick<Slot, 'type' | 'multiple'>, locale: LocaleModel): ValueSpan[] {
  const slotType = slot.multiple ? findSlotType(locale, slot.type) : undefined;
  const values = slotType?.kind === 'list' ? findListValues(example, slotType) : [];
  return values.length > 0 ? values.map(({ start, end }) => ({ start, end })) : [{ start: 0, end: example.length }];
}
