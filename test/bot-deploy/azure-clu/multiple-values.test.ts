// CLU has no multi-value entity: a `multiple` slot's example is labelled value by value.
import { describe, expect, it } from 'vitest';
import { buildIntentModel, defineIntent, defineSlotType } from '../../../src/content/index.js';
import { compileCluProject } from '../../../bot-deploy/azure-clu/index.js';

const model = buildIntentModel({
  locale: 'en-US',
  intents: [
    defineIntent({
      name: 'OrderPizza',
      utterances: ['a pizza with {toppings=olives and peppers}', 'a {size=large} one please', 'a pizza please'],
      slots: [
        { name: 'toppings', type: 'Topping', multiple: true, prompt: 'Which toppings?' },
        { name: 'size', type: 'Size', prompt: 'Which size?' },
      ],
    }),
  ],
  slotTypes: [defineSlotType({ name: 'Topping', values: ['olives', 'peppers'] }), defineSlotType({ name: 'Size', values: ['small', 'large'] })],
});

describe('compileCluProject and slots that take several values', () => {
  it('labels each value of a list example as an entity of the slot, and a one-value example whole', () => {
    const { utterances } = compileCluProject(model, { projectName: 'Pizza' }).assets;
    const labelled = (text: string) => {
      const utterance = utterances.find((candidate) => candidate.text === text)!;
      return utterance.entities.map((entity) => `${entity.category}:${text.slice(entity.offset, entity.offset + entity.length)}`);
    };
    expect(labelled('a pizza with olives and peppers')).toEqual(['toppings:olives', 'toppings:peppers']);
    expect(labelled('a large one please')).toEqual(['size:large']);
  });
});
