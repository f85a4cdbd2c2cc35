import { describe, expect, it } from 'vitest';
import type { LocaleModel } from '../../../src/content/intent-model.js';
import { beginLabel, insideLabel, labelCount, labelledRuns, outsideLabel } from '../../../src/nlu/local/tagger/bio-labels.js';
import { trainSlotTagger, type SlotTagger } from '../../../src/nlu/local/tagger/slot-tagger.js';
import { bioConstraints, viterbi } from '../../../src/nlu/local/tagger/structured-perceptron.js';
import { createSeededRandom, shuffleInPlace } from '../../../src/core/seeded-random.js';
import { musicModel, unseenValues } from './slot-tagger-music-model.js';

const noValues = () => [];

function slotsOf(tagger: SlotTagger, intent: string, text: string): Record<string, string> {
  return Object.fromEntries(tagger.tag(text, intent, []).map((span) => [span.slot, text.slice(span.start, span.end)]));
}

describe('BIO decoding', () => {
  const width = labelCount(2);
  const constraints = bioConstraints(width);
  const noTransitions = new Float64Array((width + 1) * width);
  const noEnd = new Float64Array(width);

  it('never continues a slot that was not begun, however the words score', () => {
    // Each word prefers I-0; I-0 may not start a message nor follow O or another slot.
    const scores = new Float64Array(3 * width);
    for (let word = 0; word < 3; word++) scores[word * width + insideLabel(0)] = 5;
    scores[0 * width + beginLabel(1)] = 1;
    const labels = Array.from(viterbi(scores, 3, width, noTransitions, noEnd, constraints));
    expect(labels[0]).not.toBe(insideLabel(0));
    for (let word = 1; word < 3; word++) {
      if (labels[word] === insideLabel(0)) expect([beginLabel(0), insideLabel(0)]).toContain(labels[word - 1]);
    }
    // The best allowed reading: B-0 then I-0 I-0.
    expect(labels).toEqual([beginLabel(0), insideLabel(0), insideLabel(0)]);
  });

  it('reads a label sequence as slot runs', () => {
    expect(labelledRuns([outsideLabel, beginLabel(0), insideLabel(0), outsideLabel, beginLabel(1), beginLabel(1)])).toEqual([
      { slot: 0, first: 1, end: 3 },
      { slot: 1, first: 4, end: 5 },
      { slot: 1, first: 5, end: 6 },
    ]);
  });

  it('uses the transition weights', () => {
    const scores = new Float64Array(2 * width);
    scores[beginLabel(0)] = 1;
    scores[width + outsideLabel] = 1;
    scores[width + insideLabel(0)] = 0.9;
    const transition = new Float64Array((width + 1) * width);
    // Weight of I-0 after B-0 (row of the next label, column of the previous one, the start first).
    transition[insideLabel(0) * (width + 1) + beginLabel(0) + 1] = 0.5;
    expect(Array.from(viterbi(scores, 2, width, noTransitions, noEnd, constraints))).toEqual([beginLabel(0), outsideLabel]);
    expect(Array.from(viterbi(scores, 2, width, transition, noEnd, constraints))).toEqual([beginLabel(0), insideLabel(0)]);
  });
});

describe('slot tagger', () => {
  const tagger = trainSlotTagger(musicModel, noValues)!;

  it('learns open slots from example values and finds values it never saw', () => {
    let right = 0;
    const wrong: string[] = [];
    for (const { intent, text, slots } of unseenValues) {
      const tagged = slotsOf(tagger, intent, text);
      if (JSON.stringify(tagged) === JSON.stringify(slots)) right++;
      else wrong.push(`${text}: ${JSON.stringify(tagged)}`);
    }
    expect(right / unseenValues.length, wrong.join('\n')).toBeGreaterThanOrEqual(0.85);
    expect(slotsOf(tagger, 'PlayMusic', 'play zorblax quintet')).toEqual({ artist: 'zorblax quintet' });
  });

  it('gives exact offsets, the slot type, and the list value when the words are one', () => {
    expect(tagger.tag('Play Adele', 'PlayMusic', [])).toEqual([{ slot: 'artist', type: 'Artist', start: 5, end: 10, listValue: 'adele' }]);
    expect(tagger.tag('play the wombats', 'PlayMusic', [])).toEqual([{ slot: 'artist', type: 'Artist', start: 5, end: 16 }]);
  });

  it('tags only the intents whose utterances have example values, and nothing in an empty text', () => {
    expect([...tagger.intents].sort()).toEqual(['AddToPlaylist', 'PlayMusic']);
    expect(tagger.tag('play adele', 'Greeting', [])).toEqual([]);
    expect(tagger.tag('play adele', 'NoSuchIntent', [])).toEqual([]);
    expect(tagger.tag(' ?! ', 'PlayMusic', [])).toEqual([]);
  });

  it('is not trained when no utterance gives a slot an example value', () => {
    const plain: LocaleModel = { ...musicModel, intents: musicModel.intents.map((intent) => ({ ...intent, utterances: intent.utterances.map((utterance) => ({ parts: utterance.parts.map((part) => (part.kind === 'slot' ? { kind: 'slot' as const, slot: part.slot } : part)) })) })) };
    expect(trainSlotTagger(plain, noValues)).toBeUndefined();
  });

  it('reads the finders\' values: a date slot learned from dates it was shown', () => {
    const model: LocaleModel = {
      locale: 'en-US',
      slotTypes: [],
      intents: [{ name: 'Book', slots: [{ name: 'day', type: 'date', required: true, aliases: [] }], utterances: ['book it for {day=friday}', 'a visit {day=tomorrow} please', 'book {day=next week}', 'can you come {day=on monday}'].map((text) => ({ parts: text.split(/(\{[^}]+\})/).filter(Boolean).map((piece) => (piece.startsWith('{') ? { kind: 'slot' as const, slot: 'day', example: piece.slice(5, -1) } : { kind: 'text' as const, text: piece })) })) }],
    };
    // A stand-in finder: any word ending in "day" is a date.
    const findDays = (text: string) => Array.from(text.matchAll(/\b\w*day\b/g), (match) => ({ type: 'date', start: match.index, end: match.index + match[0].length }));
    const dated = trainSlotTagger(model, findDays)!;
    const text = 'book it for saturday';
    expect(dated.tag(text, 'Book', findDays(text))).toMatchObject([{ slot: 'day', type: 'date', start: 12, end: 20 }]);
  });
});

describe('slot tagger: determinism', () => {
  const probes = [...unseenValues.map(({ intent, text }) => ({ intent, text })), { intent: 'PlayMusic', text: 'put on some nina simone' }, { intent: 'AddToPlaylist', text: 'add daft punk to focus' }];
  const tagAll = (model: LocaleModel) => {
    const tagger = trainSlotTagger(model, noValues)!;
    return probes.map(({ intent, text }) => tagger.tag(text, intent, []));
  };

  it('gives the same tags when trained twice, whatever the order of intents, utterances and slot types', () => {
    const original = tagAll(musicModel);
    expect(tagAll(musicModel)).toEqual(original);
    const random = createSeededRandom(3);
    const shuffled: LocaleModel = {
      ...musicModel,
      slotTypes: shuffleInPlace([...musicModel.slotTypes], random),
      intents: shuffleInPlace(musicModel.intents.map((intent) => ({ ...intent, utterances: shuffleInPlace([...intent.utterances], random) })), random),
    };
    expect(tagAll(shuffled)).toEqual(original);
  });
});
