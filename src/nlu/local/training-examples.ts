import { isBuiltInSlotType, type Intent, type LocaleModel, type Utterance } from '../../content/intent-model.js';
import { sampleValuesOf } from './sample-values.js';
import { createSeededRandom, hashText, shuffleInPlace } from '../../core/seeded-random.js';

/** Words of a text that stand for a value of a slot type, and are read as that type's token. */
export interface ValueSpan {
  start: number;
  end: number;
  type: string;
}

export interface TrainingExample {
  intent: string;
  text: string;
  /** The utterance it came from: samples of one utterance are held out together when calibrating. */
  utterance: string;
  /** Where the utterance's slots were filled in. */
  values: ValueSpan[];
}

/** Types the recognizer finds in any message; free text and alphanumerics are only read when asked for. */
const unpromptedTypes = new Set(['date', 'time', 'number', 'phone', 'email']);

/**
 * The texts a locale's classifier learns from: each utterance once, or `variants` times when it has
 * `{slot}` placeholders, each filled with sampled values of the slot's type. The samples depend only on
 * the intent and the utterance, never on the order of the model, and the result is sorted.
 *
 * @example
 * buildTrainingExamples(localeModel).filter((example) => example.intent === 'BookAppointment')
 * // [{ intent: 'BookAppointment', text: 'book a fix for next friday', values: [ … ] }, …]
 */
export function buildTrainingExamples(localeModel: LocaleModel, variants = 3): TrainingExample[] {
  const byKey = new Map<string, TrainingExample>();
  for (const intent of localeModel.intents) {
    for (const utterance of intent.utterances) {
      for (const example of fillUtterance(intent, utterance, localeModel, variants)) {
        byKey.set(`${example.intent}\u0000${example.text}`, example);
      }
    }
  }
  return Array.from(byKey.values()).sort((a, b) => compare(a.intent, b.intent) || compare(a.text, b.text));
}

function fillUtterance(intent: Intent, utterance: Utterance, localeModel: LocaleModel, variants: number): TrainingExample[] {
  const template = utterance.parts.map((part) => (part.kind === 'text' ? part.text : `{${part.slot}}`)).join('');
  const random = createSeededRandom(hashText(`${intent.name}\u0000${template}`));
  const pools = utterance.parts.map((part) => {
    if (part.kind === 'text') return undefined;
    const type = intent.slots.find((slot) => slot.name === part.slot)?.type ?? part.slot;
    const values = part.example !== undefined ? [part.example] : sampleValuesOf(type, localeModel);
    return { type, values: shuffleInPlace([...values], random) };
  });
  const count = pools.some((pool) => pool && pool.values.length > 1) ? variants : 1;
  const examples: TrainingExample[] = [];
  for (let variant = 0; variant < count; variant++) {
    let text = '';
    const values: ValueSpan[] = [];
    utterance.parts.forEach((part, index) => {
      const pool = pools[index];
      if (part.kind === 'text' || !pool) {
        text += part.kind === 'text' ? part.text : '';
        return;
      }
      // With no sample at all, the type's name holds the place; it is read as the type's token anyway.
      const value = pool.values[variant % Math.max(pool.values.length, 1)] ?? pool.type;
      if (isFoundUnprompted(pool.type, localeModel) || pool.values.length === 0) {
        values.push({ start: text.length, end: text.length + value.length, type: pool.type });
      }
      text += value;
    });
    examples.push({ intent: intent.name, text, values, utterance: template });
  }
  return examples;
}

function isFoundUnprompted(type: string, localeModel: LocaleModel): boolean {
  if (isBuiltInSlotType(type)) return unpromptedTypes.has(type);
  return localeModel.slotTypes.some((slotType) => slotType.name === type);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
