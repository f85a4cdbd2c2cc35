/**
 * A dataset's training split as an intent model: each example an utterance, each slot span a
 * `{slot=value}` part, each slot name a list slot type (not restricted) of the values seen in training.
 */
import { builtInIntents } from '../../content/builtin-intents.js';
import { builtInSlotTypes, utteranceText, type Intent, type IntentModel, type SlotType, type UtterancePart } from '../../content/intent-model.js';
import { normaliseUtterance } from '../../content/utterance-overlap.js';
import type { DatasetExample } from './dataset.js';
import { createNameMap, type NameMap } from './model-names.js';

export interface DatasetModelOptions {
  /** BCP 47; default `en-US`. */
  locale?: string;
  /** Values kept per slot type, most frequent first; default 200. */
  maxSlotValues?: number;
}

export interface DatasetModel {
  model: IntentModel;
  /** Dataset intent names <-> model intent names. */
  intents: NameMap;
  /** Dataset slot names <-> model slot names. */
  slots: NameMap;
  /** What was changed on the way, in words, for the report. */
  notes: string[];
}

export const defaultMaxSlotValues = 200;

/**
 * Builds a one-locale model from training examples. Parley's repair intents are left out: the
 * dataset's intents are the whole label set. Utterances repeated word for word (ignoring case and punctuation) are kept once.
 *
 * @example
 * const { model, intents } = datasetToIntentModel(dataset.intents, dataset.train)
 * createLocalRecognizer({ model })
 */
export function datasetToIntentModel(intentNames: readonly string[], examples: readonly DatasetExample[], options: DatasetModelOptions = {}): DatasetModel {
  const locale = options.locale ?? 'en-US';
  const maxSlotValues = options.maxSlotValues ?? defaultMaxSlotValues;
  const intents = createNameMap(intentNames, builtInIntents.map((intent) => intent.name));
  const slotNames = Array.from(new Set(examples.flatMap((example) => (example.slots ?? []).map((slot) => slot.name)))).sort();
  const slots = createNameMap(slotNames);
  // Slot types are named for their slots, but never for a built-in type (`date`, `time`…).
  const slotTypeNames = createNameMap(slotNames.map(slots.toModel), builtInSlotTypes);

  const byIntent = new Map<string, Intent>(intentNames.map((name) => [name, { name: intents.toModel(name), utterances: [], slots: [] }]));
  const valueCounts = new Map<string, Map<string, { value: string; count: number }>>();
  const seen = new Set<string>();
  let repeated = 0;
  let braces = 0;
  for (const example of examples) {
    const intent = byIntent.get(example.intent)!;
    const parts = utteranceParts(example, slots);
    if (parts.braces) braces++;
    // Compared as said (slot values included): "play {artist=Adele}" and "play {artist=Muse}" are two
    // examples here, though the intent-file lint would call the second a repeat of the first.
    const key = normaliseUtterance({ parts: [{ kind: 'text', text: utteranceText({ parts: parts.parts }) }] });
    if (seen.has(key)) {
      repeated++;
      continue;
    }
    seen.add(key);
    intent.utterances.push({ parts: parts.parts });
    for (const part of parts.parts) {
      if (part.kind !== 'slot') continue;
      if (!intent.slots.some((slot) => slot.name === part.slot)) {
        intent.slots.push({ name: part.slot, type: slotTypeNames.toModel(part.slot), required: false, aliases: [] });
      }
      countValue(valueCounts, part.slot, part.example!);
    }
  }

  const slotTypes: SlotType[] = [];
  let capped = 0;
  for (const slot of slotNames.map(slots.toModel)) {
    const counted = [...(valueCounts.get(slot)?.values() ?? [])].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    if (counted.length > maxSlotValues) capped++;
    const values = counted.slice(0, maxSlotValues).map(({ value }) => ({ value, synonyms: [] }));
    slotTypes.push({ kind: 'list', name: slotTypeNames.toModel(slot), values, restrict: false });
  }

  const notes: string[] = [];
  if (repeated > 0) notes.push(`${repeated} repeated training utterance${repeated === 1 ? '' : 's'} kept once`);
  if (braces > 0) notes.push(`{ and } in ${braces} training utterance${braces === 1 ? '' : 's'} written as ( and ), as slot markup reserves them`);
  if (capped > 0) notes.push(`${capped} slot type${capped === 1 ? '' : 's'} kept only the ${maxSlotValues} values most frequent in training`);
  const emptyIntents = [...byIntent.values()].filter((intent) => intent.utterances.length === 0).map((intent) => intents.toDataset(intent.name));
  if (emptyIntents.length > 0) notes.push(`no training examples for ${emptyIntents.join(', ')}`);
  const modelIntents = [...byIntent.values()].filter((intent) => intent.utterances.length > 0);
  return { model: { locales: { [locale]: { locale, intents: modelIntents, slotTypes } } }, intents, slots, notes };
}

/** The example as text and slot parts; the slot's example is its value without surrounding spaces. */
function utteranceParts(example: DatasetExample, slots: NameMap): { parts: UtterancePart[]; braces: boolean } {
  const braces = /[{}]/.test(example.text);
  const clean = (text: string) => text.replaceAll('{', '(').replaceAll('}', ')');
  const parts: UtterancePart[] = [];
  const addText = (text: string) => {
    if (text === '') return;
    const last = parts.at(-1);
    if (last?.kind === 'text') last.text += clean(text);
    else parts.push({ kind: 'text', text: clean(text) });
  };
  let at = 0;
  for (const span of [...(example.slots ?? [])].sort((a, b) => a.start - b.start)) {
    const value = example.text.slice(span.start, span.end);
    const trimmed = value.trim();
    addText(example.text.slice(at, span.start));
    if (trimmed === '') {
      addText(value);
    } else {
      const lead = value.length - value.trimStart().length;
      addText(value.slice(0, lead));
      parts.push({ kind: 'slot', slot: slots.toModel(span.name), example: clean(trimmed) });
      addText(value.slice(lead + trimmed.length));
    }
    at = span.end;
  }
  addText(example.text.slice(at));
  return { parts, braces };
}

function countValue(counts: Map<string, Map<string, { value: string; count: number }>>, slot: string, value: string): void {
  const forSlot = counts.get(slot) ?? new Map<string, { value: string; count: number }>();
  counts.set(slot, forSlot);
  // Values that differ only in case or spacing are one value: the list finder ignores both.
  const key = value.toLowerCase().replace(/\s+/g, ' ');
  const entry = forSlot.get(key);
  if (entry) entry.count++;
  else forSlot.set(key, { value, count: 1 });
}
