/**
 * CLU utterances as intent-model utterances: labels become `{slot=example}` parts. What a part cannot
 * hold is reported: overlapping or out-of-range labels, braces (intent files use them for markup),
 * `None` examples, the Test dataset.
 */
import type { Utterance, UtterancePart } from '../../src/content/intent-model.js';
import type { CluProjectInput } from './clu-project.js';
import type { LossItem } from './import-report.js';

export interface ReadUtterance {
  language: string;
  intent: string;
  utterance: Utterance;
  text: string;
  path: string;
  /** The CLU categories it labels, in order. */
  categories: string[];
  /** The words labelled, by category. */
  examples: Map<string, string[]>;
}

export interface UtteranceNames {
  intentOf(category: string): string | undefined;
  slotOf(category: string): string;
}

/** Every utterance that can be an intent-model utterance, in the project's order; the others are reported. */
export function readUtterances(project: CluProjectInput, names: UtteranceNames, report: LossItem[]): ReadUtterance[] {
  const projectLanguage = project.metadata.language.toLowerCase();
  const read: ReadUtterance[] = [];
  project.assets.utterances.forEach((item, index) => {
    const path = `assets.utterances[${index}]`;
    const lose = (message: string) => report.push({ kind: 'utterance', subject: item.text, path, message });
    const intent = names.intentOf(item.intent);
    if (intent === undefined) return lose(`an example of ${item.intent}, CLU's out-of-scope intent: intent files have no out-of-scope examples, so it is left out`);
    if (/[{}]/.test(item.text)) return lose('holds { or }, which intent files read as slot markup: left out');
    if (item.text.trim() === '') return lose('is empty: left out');
    if (item.dataset === 'Test') lose('is in the Test dataset; intent files have no test set, so it becomes a training utterance');
    const { parts, categories, examples } = partsOf(item, path, names, report);
    read.push({ language: (item.language ?? projectLanguage).toLowerCase(), intent, utterance: { parts }, text: item.text, path, categories, examples });
  });
  return read;
}

interface Parts {
  parts: UtterancePart[];
  categories: string[];
  examples: Map<string, string[]>;
}

function partsOf(item: CluProjectInput['assets']['utterances'][number], path: string, names: UtteranceNames, report: LossItem[]): Parts {
  const text = item.text;
  const lose = (message: string) => report.push({ kind: 'utterance', subject: text, path, message });
  const labels = item.entities
    .map((label, index) => ({ ...label, index }))
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  const parts: UtterancePart[] = [];
  const examples = new Map<string, string[]>();
  let at = 0;
  for (const label of labels) {
    const where = `label ${label.category} at ${label.offset}+${label.length} (entities[${label.index}])`;
    if (label.offset + label.length > text.length) {
      lose(`${where} runs past the end of the text: left out`);
      continue;
    }
    let start = label.offset;
    let end = label.offset + label.length;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (start === end) {
      lose(`${where} covers no words: left out`);
      continue;
    }
    if (start < at) {
      lose(`${where} overlaps an earlier label; an utterance part holds one slot: left out`);
      continue;
    }
    if (start !== label.offset || end !== label.offset + label.length) lose(`${where} starts or ends with spaces; the slot example leaves them out`);
    if (start > at) parts.push({ kind: 'text', text: text.slice(at, start) });
    parts.push({ kind: 'slot', slot: names.slotOf(label.category), example: text.slice(start, end) });
    examples.set(label.category, [...(examples.get(label.category) ?? []), text.slice(start, end)]);
    at = end;
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) });
  return { parts, categories: [...examples.keys()], examples };
}
