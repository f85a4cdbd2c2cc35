import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildIntentModel, createLocalRecognizer, defineIntent, defineSlotType, loadIntents } from 'parley-sdk';
import { findNearValueWords, guardStrongPhrases, type NearValueWords } from '../../../src/nlu/local/strong-phrases.js';

const pizza = await loadIntents(fileURLToPath(new URL('../../../examples/pizza-shop/intents/', import.meta.url)));
const now = new Date('2030-03-04T12:00:00Z');
const templateOf = (entry: NearValueWords) => entry.utterance.parts.map((part) => (part.kind === 'text' ? part.text : `{${part.slot}}`)).join('');
const listed = (guarded: ReadonlyMap<string, ReadonlySet<string>>) => Object.fromEntries([...guarded].map(([word, types]) => [word, [...types].sort()]));

describe('strong phrases', () => {
  it('finds the utterances whose own words typo tolerance reads as values of lists their intent has no slot of', () => {
    const near = findNearValueWords(pizza.locales['en-US']!).map((entry) => [entry.intent.name, templateOf(entry), listed(entry.words)]);
    expect(near).toEqual([
      ['TalkToAgent', 'let me talk to a real person', { person: ['PizzaSize'] }],
      ['TalkToAgent', 'get me a person', { person: ['PizzaSize'] }],
    ]);
  });

  it("guards the words of repair and handoff phrases only: a task's own wording is the engine's to weigh", () => {
    const model = buildIntentModel({
      locale: 'en-US',
      intents: [
        // A misspelt value of its own slot's list stays one: "larg" is no other request's word.
        defineIntent({ name: 'OrderPizza', utterances: ['a {size=large} pizza', 'a larg one'], slots: [{ name: 'size', type: 'PizzaSize', prompt: 'Size?' }] }),
        defineIntent({ name: 'TalkToAgent', utterances: ['get me a person'] }),
        defineIntent({ name: 'Complain', utterances: ['the medum was cold', 'the crust was mediocre'] }),
      ],
      slotTypes: [defineSlotType({ name: 'PizzaSize', values: [{ value: 'small', synonyms: ['personal'] }, 'medium', 'large'] })],
    });
    const near = findNearValueWords(model.locales['en-US']!);
    expect(near.map(templateOf)).toEqual(['get me a person', 'the medum was cold']);
    expect(listed(guardStrongPhrases(near))).toEqual({ person: ['PizzaSize'] });
  });
});

describe('the local recognizer with strong phrases', () => {
  const recognizer = createLocalRecognizer({ model: pizza });
  const asked = (slot: string, slotType: string) => ({ expecting: { intent: 'OrderPizza', slot, slotType } });
  const recognize = (text: string, extra = {}) => recognizer.recognize({ text, locale: 'en-US', now, timeZone: 'UTC', ...extra });

  it('does not read a word of a request for a person as a misspelt size', async () => {
    const answer = await recognize('talk to a person', asked('size', 'PizzaSize'));
    expect(answer.entities).toEqual([]);
    expect(answer.topIntent).toBe('TalkToAgent');
    expect((await recognize('can I get a person')).entities).toEqual([]);
  });

  it('still reads the synonym as written, and misspelt values', async () => {
    expect((await recognize('personal', asked('size', 'PizzaSize'))).entities).toMatchObject([{ slot: 'size', value: 'small', confidence: 1 }]);
    expect((await recognize('persnal', asked('size', 'PizzaSize'))).entities).toMatchObject([{ slot: 'size', value: 'small' }]);
    expect((await recognize('a larg pizza')).entities).toMatchObject([{ type: 'PizzaSize', value: 'large' }]);
  });
});
