import { describe, expect, it } from 'vitest';
import type { SlotType } from '../../../src/content/intent-model.js';
import { createOwnValueFilter, createTemplateWords } from '../../../src/nlu/local/tagger/known-phrases.js';
import { buildPhraseGazetteer, phraseWords } from '../../../src/nlu/local/tagger/phrase-gazetteer.js';
import { toWordText } from '../../../src/nlu/local/tagger/word-spans.js';

const playlist: SlotType = { kind: 'list', name: 'Playlist', restrict: false, values: [{ value: 'Road Trip', synonyms: ['driving songs'] }, { value: 'road trip', synonyms: [] }] };

describe('phrase gazetteer', () => {
  const gazetteer = buildPhraseGazetteer([playlist], [{ type: 'Artist', said: 'The Beatles' }, { type: 'Playlist', said: 'road' }]);

  it('finds every known phrase, overlapping ones included, by normal form', () => {
    expect(gazetteer.find(phraseWords('add the Beatles to my ROAD TRIP list'))).toEqual([
      { type: 'Artist', first: 1, end: 3 },
      { type: 'Playlist', first: 5, end: 6 },
      { type: 'Playlist', first: 5, end: 7 },
    ]);
  });

  it('gives the canonical value of list phrases only, as written when it can', () => {
    expect(gazetteer.valueOf('Playlist', ['driving', 'songs'], 'Driving Songs')).toBe('Road Trip');
    expect(gazetteer.valueOf('Playlist', ['road', 'trip'], 'road trip')).toBe('road trip');
    expect(gazetteer.valueOf('Playlist', ['road', 'trip'], 'ROAD TRIP')).toBe('Road Trip');
    // Sample values are known phrases, not list values.
    expect(gazetteer.valueOf('Artist', ['the', 'beatles'], 'the beatles')).toBeUndefined();
    expect(gazetteer.valueOf('Playlist', ['road', 'movie'], 'road movie')).toBeUndefined();
  });
});

describe('leave one out', () => {
  const text = (said: string, spans: [string, string][]) =>
    toWordText({ text: said, spans: spans.map(([type, value]) => ({ slot: type.toLowerCase(), type, start: said.indexOf(value), end: said.indexOf(value) + value.length })) });
  const texts = [
    text('play adele', [['Artist', 'adele']]),
    text('put on adele', [['Artist', 'adele']]),
    text('play zorblax now', [['Artist', 'zorblax']]),
  ];
  const gazetteer = buildPhraseGazetteer([], [{ type: 'Artist', said: 'adele' }, { type: 'Artist', said: 'zorblax' }]);

  it("hides a text's own value from its features unless another text gives it too", () => {
    const ownValuesFiltered = createOwnValueFilter(texts, new Set(['Artist']));
    expect(ownValuesFiltered(texts[0]!, gazetteer.find(texts[0]!.words))).toEqual([{ type: 'Artist', first: 1, end: 2 }]);
    expect(ownValuesFiltered(texts[2]!, gazetteer.find(texts[2]!.words))).toEqual([]);
    // A copy's values stand for values never seen.
    expect(ownValuesFiltered(texts[0]!, gazetteer.find(texts[0]!.words), true)).toEqual([]);
  });

  it('counts a word as a template word only when another text uses it outside values', () => {
    const templateWords = createTemplateWords(texts);
    expect([...templateWords.words].sort()).toEqual(['now', 'on', 'play', 'put']);
    expect(templateWords.isTemplateWordElsewhere(texts[0]!, 'play')).toBe(true);
    expect(templateWords.isTemplateWordElsewhere(texts[2]!, 'now')).toBe(false);
  });
});
