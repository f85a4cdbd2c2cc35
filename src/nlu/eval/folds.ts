/**
 * Stratified k-fold cross-validation over an intent folder's utterances: each intent's utterances are
 * shuffled (seeded) and dealt round the folds, so every fold holds about 1/k of every intent.
 */
import { isBuiltInSlotType, type Intent, type LocaleModel, type Utterance } from '../../content/intent-model.js';
import type { ExpectedSlot, LabelledUtterance } from './prediction.js';
import { hashText, shuffleSeeded } from './seeded-shuffle.js';

export interface Fold {
  index: number;
  /** The locale without this fold's utterances (slot types and everything else kept). */
  train: LocaleModel;
  test: LabelledUtterance[];
}

export const defaultFoldSeed = 20300304;

/** Values said in place of a `{slot}` with no example, for built-in types. */
const builtInSayings: Record<string, string> = {
  date: 'tomorrow',
  time: '3pm',
  number: '2',
  phone: '555 123 4567',
  email: 'jane@example.com',
  alphanumeric: 'AB12CD',
  text: 'it is not working',
};

/**
 * Splits a locale's utterances into `k` folds. The same model, `k` and seed always give the same
 * folds. An intent with a single utterance is never tested: held out, it could not be learnt.
 *
 * @example
 * const folds = splitIntoFolds(model.locales['en-US']!, 5)
 * folds[0].test.length // about a fifth of the utterances
 */
export function splitIntoFolds(localeModel: LocaleModel, k: number, seed = defaultFoldSeed): Fold[] {
  const foldOf = new Map<Utterance, number>();
  let dealt = 0;
  const intents = [...localeModel.intents].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const intent of intents) {
    if (intent.utterances.length < 2) continue;
    const order = shuffleSeeded(intent.utterances, seed ^ hashText(intent.name));
    // Dealing continues where the last intent stopped, so that the folds come out the same size.
    for (const utterance of order) foldOf.set(utterance, dealt++ % k);
  }
  return Array.from({ length: k }, (_, index) => ({
    index,
    train: {
      ...localeModel,
      intents: localeModel.intents.map((intent) => ({ ...intent, utterances: intent.utterances.filter((utterance) => foldOf.get(utterance) !== index) })),
    },
    test: intents.flatMap((intent) =>
      intent.utterances.filter((utterance) => foldOf.get(utterance) === index).map((utterance) => labelUtterance(intent, utterance, localeModel)),
    ),
  }));
}

/**
 * An utterance as a customer would say it, with its slots labelled: `{slot=example}` says the
 * example, a bare `{slot}` a value of its type.
 *
 * @example
 * labelUtterance(bookAppointment, utterance, localeModel)
 * // { text: 'book a repair for tomorrow', intent: 'BookAppointment', slots: [{ name: 'service', start: 7, end: 13, value: 'repair' }, …] }
 */
export function labelUtterance(intent: Intent, utterance: Utterance, localeModel: LocaleModel): LabelledUtterance {
  let text = '';
  const slots: ExpectedSlot[] = [];
  for (const part of utterance.parts) {
    if (part.kind === 'text') {
      text += part.text;
      continue;
    }
    const type = intent.slots.find((slot) => slot.name === part.slot)?.type ?? part.slot;
    const value = part.example ?? sayingOf(type, localeModel, `${intent.name} ${part.slot} ${text}`);
    slots.push({ name: part.slot, start: text.length, end: text.length + value.length, value });
    text += value;
  }
  return { text, intent: intent.name, slots };
}

function sayingOf(type: string, localeModel: LocaleModel, key: string): string {
  if (isBuiltInSlotType(type)) return builtInSayings[type]!;
  const slotType = localeModel.slotTypes.find((candidate) => candidate.name === type);
  const choices = slotType?.kind === 'list' ? slotType.values.map((value) => value.value) : slotType?.kind === 'regex' ? slotType.examples : [];
  return choices[hashText(key) % Math.max(choices.length, 1)] ?? type;
}
