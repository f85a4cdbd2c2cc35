/** Slot markup in sample utterances: `book a {service=repair} for {date}`. */
import type { UtterancePart } from './intent-model.js';
import { namePattern } from './intent-schema.js';

export interface ParsedUtterance {
  parts: UtterancePart[];
  /** Where each slot's `{` is, in the utterance as written. */
  slots: { slot: string; offset: number }[];
  problems: MarkupProblem[];
}

export interface MarkupProblem {
  /** Characters into the utterance as written. */
  offset: number;
  message: string;
  hint?: string;
}

const markupHint = 'mark a slot as {slot} or {slot=example}';

/**
 * Splits an utterance into text and slot parts.
 *
 * @example
 * parseUtteranceMarkup('at {time=3pm}').parts
 * // [{ kind: 'text', text: 'at ' }, { kind: 'slot', slot: 'time', example: '3pm' }]
 */
export function parseUtteranceMarkup(written: string): ParsedUtterance {
  const parts: UtterancePart[] = [];
  const slots: ParsedUtterance['slots'] = [];
  const problems: MarkupProblem[] = [];
  const lead = written.length - written.trimStart().length;
  const source = written.trim();
  if (source === '') return { parts, slots, problems: [{ offset: 0, message: 'utterance is empty' }] };
  let text = '';
  let index = 0;
  while (index < source.length) {
    const char = source[index]!;
    if (char === '}') {
      problems.push({ offset: lead + index, message: `\`}\` in "${source}" has no matching \`{\``, hint: markupHint });
      index++;
      continue;
    }
    if (char !== '{') {
      text += char;
      index++;
      continue;
    }
    const close = source.indexOf('}', index + 1);
    const reopen = source.indexOf('{', index + 1);
    if (close === -1 || (reopen !== -1 && reopen < close)) {
      problems.push({ offset: lead + index, message: `\`{\` in "${source}" is never closed`, hint: markupHint });
      index++;
      continue;
    }
    const inside = source.slice(index + 1, close);
    const slot = readSlotMarkup(inside);
    if (typeof slot === 'string') {
      problems.push({ offset: lead + index, message: `\`{${inside}}\` in "${source}" ${slot}`, hint: markupHint });
    } else {
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      parts.push(slot);
      if (slot.kind === 'slot') slots.push({ slot: slot.slot, offset: lead + index });
    }
    index = close + 1;
  }
  if (text !== '') parts.push({ kind: 'text', text });
  return { parts, slots, problems };
}

/** A slot part, or what is wrong with the markup. */
function readSlotMarkup(inside: string): UtterancePart | string {
  const equals = inside.indexOf('=');
  const slot = (equals === -1 ? inside : inside.slice(0, equals)).trim();
  const example = equals === -1 ? undefined : inside.slice(equals + 1).trim();
  if (inside.trim() === '') return 'is empty: it names no slot';
  if (slot === '') return 'has no slot name before `=`';
  if (!namePattern.test(slot)) return `is not slot markup: \`${slot}\` is not a slot name`;
  if (example === '') return 'has an empty example after `=`';
  return example === undefined ? { kind: 'slot', slot } : { kind: 'slot', slot, example };
}

/**
 * An utterance written back in markup.
 *
 * @example
 * formatUtteranceMarkup(utterance) // 'book a {service=repair} for {date}'
 */
export function formatUtteranceMarkup(utterance: { parts: readonly UtterancePart[] }): string {
  return utterance.parts
    .map((part) => (part.kind === 'text' ? part.text : `{${part.slot}${part.example === undefined ? '' : `=${part.example}`}}`))
    .join('');
}
