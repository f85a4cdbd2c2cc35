import type { Intent, LocaleModel, Utterance } from '../../../content/intent-model.js';
import { exampleValueSpans } from '../example-value-spans.js';
import { sampleValuesOf } from '../sample-values.js';
import { createSeededRandom, hashText } from '../../../core/seeded-random.js';

/** Where a slot's value sits in a training text. */
export interface SlotSpan {
  slot: string;
  type: string;
  start: number;
  /** Exclusive. */
  end: number;
}

/** A training text of an intent, with its slots' values marked. */
export interface TaggedText {
  text: string;
  spans: SlotSpan[];
}

/** What one intent's tagger learns from: its slots (in a fixed order) and its texts. */
export interface IntentTexts {
  intent: string;
  slots: readonly string[];
  texts: TaggedText[];
}

/**
 * The texts a slot tagger learns from, per intent, for the intents whose utterances give at least one
 * slot an example value (`{service=repair}`): every utterance of such an intent, with `{slot}`
 * placeholders filled by a sample of the slot's type (skipped when the type has none). The example of a
 * slot that takes several values (`{toppings=pepperoni and mushroom}`) marks each value of its list
 * type, so the tagger learns values, not lists. The result does not depend on the order of the model:
 * intents, slots and texts are sorted.
 *
 * @example
 * buildTaggedTexts(localeModel)[0] // { intent: 'BookAppointment', slots: ['date', 'service', 'time'], texts: [ … ] }
 */
export function buildTaggedTexts(localeModel: LocaleModel): IntentTexts[] {
  const result: IntentTexts[] = [];
  for (const intent of localeModel.intents) {
    if (!intent.utterances.some((utterance) => utterance.parts.some((part) => part.kind === 'slot' && part.example !== undefined))) continue;
    const byText = new Map<string, TaggedText>();
    for (const utterance of intent.utterances) {
      const tagged = fillUtterance(intent, utterance, localeModel);
      if (tagged && tagged.text.trim() !== '') byText.set(`${tagged.text}\u0000${JSON.stringify(tagged.spans)}`, tagged);
    }
    const texts = Array.from(byText).sort(([a], [b]) => compare(a, b)).map(([, text]) => text);
    const slots = Array.from(new Set(texts.flatMap((text) => text.spans.map((span) => span.slot)))).sort(compare);
    if (slots.length > 0) result.push({ intent: intent.name, slots, texts });
  }
  return result.sort((a, b) => compare(a.intent, b.intent));
}

function fillUtterance(intent: Intent, utterance: Utterance, localeModel: LocaleModel): TaggedText | undefined {
  let text = '';
  const spans: SlotSpan[] = [];
  const template = utterance.parts.map((part) => (part.kind === 'text' ? part.text : `{${part.slot}}`)).join('');
  const random = createSeededRandom(hashText(`${intent.name}\u0000${template}`));
  for (const part of utterance.parts) {
    if (part.kind === 'text') {
      text += part.text;
      continue;
    }
    const slot = intent.slots.find((candidate) => candidate.name === part.slot);
    const type = slot?.type ?? part.slot;
    const samples = part.example === undefined ? sampleValuesOf(type, localeModel) : [part.example];
    const value = samples[Math.floor(random() * samples.length)];
    if (value === undefined) return undefined;
    for (const { start, end } of exampleValueSpans(value, { type, multiple: slot?.multiple }, localeModel)) {
      spans.push({ slot: part.slot, type, start: text.length + start, end: text.length + end });
    }
    text += value;
  }
  return { text, spans };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
