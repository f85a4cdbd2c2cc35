import type { Intent, LocaleModel, SlotType, Utterance } from '../../content/intent-model.js';

/** Values a `{slot}` placeholder of a built-in type is filled with when training. */
export const builtInSampleValues: Record<string, readonly string[]> = {
  date: ['today', 'tomorrow', 'next friday', 'monday', 'on tuesday', 'march 10', 'the 12th', 'the day after tomorrow', 'this weekend', 'june 3rd'],
  time: ['3pm', '9 am', 'noon', '10:30', 'at 4', '5:45 pm', 'half past two', 'eleven o\'clock', '8 in the morning', '14:00'],
  number: ['42', '3', 'one', 'two', '10', 'a hundred', '7.5', '1,200', 'twenty five', '5'],
  phone: ['555 123 4567', '(617) 555-0123', '+1 212 555 0199', '617-253-1000', '+44 20 7946 0958'],
  email: ['jane@example.com', 'sam.lee@mail.net', 'j.smith@company.org', 'maria+bills@example.co.uk', 'tom99@inbox.com'],
  alphanumeric: ['AB12CD', 'X9Y8', '7QK2M', 'ZX81', 'P4SS'],
  text: ['it makes a buzzing noise', 'the usual', 'my neighbour has the same problem', 'nothing else', 'please hurry'],
};

/**
 * The values a slot type's placeholder is filled with: list values and synonyms, regex examples, or
 * the built-in samples. Empty when nothing is known (the placeholder then stays a type token).
 *
 * @example
 * sampleValuesOf('date', localeModel) // ['today', 'tomorrow', …]
 */
export function sampleValuesOf(type: string, localeModel: LocaleModel): readonly string[] {
  const slotType: SlotType | undefined = localeModel.slotTypes.find((candidate) => candidate.name === type);
  if (!slotType) return builtInSampleValues[type] ?? [];
  if (slotType.kind === 'regex') return slotType.examples;
  return slotType.values.flatMap((value) => [value.value, ...value.synonyms]);
}

/**
 * A sample utterance as a customer would say it: slot examples as written, a bare `{slot}` filled with
 * the first sample of its type (the slot's name when its type has none).
 *
 * @example
 * spokenText(bookAppointment, utterance, localeModel) // 'book a repair for today'
 */
export function spokenText(intent: Intent, utterance: Utterance, localeModel: LocaleModel): string {
  return utterance.parts
    .map((part) => {
      if (part.kind === 'text') return part.text;
      if (part.example !== undefined) return part.example;
      const type = intent.slots.find((slot) => slot.name === part.slot)?.type ?? part.slot;
      return sampleValuesOf(type, localeModel)[0] ?? part.slot;
    })
    .join('');
}
