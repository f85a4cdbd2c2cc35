/**
 * Values a closed list does not have ("anchovies" for a Topping of pepperoni, mushroom, olives and
 * peppers), told apart from everything else a customer may say that no value matches.
 *
 * Two places hold one: the words the slot tagger reads as a closed list's slot, in a message
 * understood as the tagger's intent, that resolve to none of its values ("a pizza with {anchovies}");
 * and an answer to a closed list's question that is not another request. In either, the value is the
 * **unknown words** (words neither the content nor the everyday messages the classifier learnt from
 * use, nor a slot's name), when they are a few and every other word is the content's own framing
 * ("I'd like … please"). "What's the weather like" holds a word known from elsewhere, so it is no
 * value, and neither is "tell me a joke" or "actually make it olives".
 */
import type { LocaleModel, SlotType } from '../../content/intent-model.js';
import { overlaps } from '../../slots/entity-match.js';
import { tokenizeWords, type WordToken } from '../../slots/text-tokens.js';
import type { Entity, Expectation, UnlistedValue } from '../recognizer.js';
import type { TaggedSlot } from './tagger/slot-tagger.js';

/** More unknown words than this, or a longer run, is a sentence the bot did not follow, not a value. */
const mostUnknownWords = 3;
const mostValueWords = 5;

export interface UnlistedReading {
  text: string;
  /** The values found, tagged slots included. */
  entities: readonly Entity[];
  /** The slot tagger's spans, for the intent the message was understood as. */
  tagged: readonly TaggedSlot[];
  /** The question being answered, when the message answers it rather than asking for something else. */
  answering: Expectation | undefined;
}

export type UnlistedReader = (reading: UnlistedReading) => UnlistedValue[];

/**
 * Prepares a locale's reader of unlisted values. `knowsWord` says whether the classifier learnt a word.
 *
 * @example
 * const readUnlisted = createUnlistedReader(localeModel, classifier.knowsWord);
 * readUnlisted({ text: 'anchovies please', entities: [], tagged: [], answering: { intent: 'OrderPizza', slot: 'topping', slotType: 'Topping' } })
 * // [{ slot: 'topping', type: 'Topping', text: 'anchovies', start: 0, end: 9 }]
 */
export function createUnlistedReader(localeModel: LocaleModel, knowsWord: (word: string) => boolean): UnlistedReader {
  const closed = new Set(localeModel.slotTypes.filter((slotType: SlotType) => slotType.kind === 'list' && slotType.restrict).map((slotType) => slotType.name));
  if (closed.size === 0) return () => [];
  const framing = framingWords(localeModel);
  const isUnknown = (word: string) => !framing.has(word) && !knowsWord(word);

  /**
   * The value among some words: their unknown words, from the first to the last (framing words may
   * stand between), when they are a few and every other word frames them.
   */
  const valueIn = (words: readonly WordToken[]): WordToken[] | undefined => {
    const first = words.findIndex((token) => isUnknown(token.normal));
    if (first < 0) return undefined;
    const last = words.findLastIndex((token) => isUnknown(token.normal));
    const run = words.slice(first, last + 1);
    if (run.filter((token) => isUnknown(token.normal)).length > mostUnknownWords || run.length > mostValueWords) return undefined;
    const framesIt = (token: WordToken) => framing.has(token.normal) || isUnknown(token.normal);
    return words.every(framesIt) ? run : undefined;
  };

  return ({ text, entities, tagged, answering }) => {
    const found: UnlistedValue[] = [];
    const tokens = tokenizeWords(text);
    const unvalued = (span: { start: number; end: number }) =>
      tokens.filter((token) => token.start >= span.start && token.end <= span.end && !entities.some((entity) => overlaps(entity, token)));
    for (const span of tagged) {
      if (!closed.has(span.type) || entities.some((entity) => (entity.slot === span.slot || entity.type === span.type) && overlaps(entity, span))) continue;
      const run = valueIn(unvalued(span));
      if (run) found.push(unlisted(text, run, span.type, span.slot));
    }
    const asked = answering?.slotType;
    if (asked === undefined || !closed.has(asked) || found.some((value) => value.slot === answering!.slot)) return found;
    if (entities.some((entity) => entity.slot === answering!.slot || entity.type === asked)) return found;
    const run = valueIn(unvalued({ start: 0, end: text.length }));
    if (run) found.push(unlisted(text, run, asked, answering!.slot));
    return found;
  };
}

function unlisted(text: string, run: readonly WordToken[], type: string, slot: string | undefined): UnlistedValue {
  const { start } = run[0]!;
  const { end } = run[run.length - 1]!;
  const value = { type, text: text.slice(start, end), start, end };
  return slot === undefined ? value : { slot, ...value };
}

/**
 * The words that frame a value rather than being one: what the sample utterances say outside their
 * slots (the repair intents' included), and the words of slots' names and aliases ("size" in "a
 * family size pizza").
 */
function framingWords(localeModel: LocaleModel): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const token of tokenizeWords(text)) words.add(token.normal);
  };
  for (const intent of localeModel.intents) {
    for (const utterance of intent.utterances) for (const part of utterance.parts) if (part.kind === 'text') add(part.text);
    for (const slot of intent.slots) [slot.name.replace(/([a-z0-9])([A-Z])/g, '$1 $2'), ...slot.aliases].forEach(add);
  }
  return words;
}
