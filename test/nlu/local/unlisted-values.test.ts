import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLocalRecognizer, loadIntents } from 'parley-sdk';

const pizza = await loadIntents(fileURLToPath(new URL('../../../examples/pizza-shop/intents/', import.meta.url)));
const recognizer = createLocalRecognizer({ model: pizza });
const askedForToppings = { expecting: { intent: 'OrderPizza', slot: 'toppings', slotType: 'Topping' } };
const unlisted = async (text: string, extra = {}) =>
  (await recognizer.recognize({ text, locale: 'en-US', now: new Date('2030-03-04T12:00:00Z'), timeZone: 'UTC', ...extra })).unlisted;

describe('the local recognizer: values a closed list does not have', () => {
  it("reads an answer's unknown words as the value, without the content's framing words", async () => {
    expect(await unlisted('anchovies', askedForToppings)).toEqual([{ slot: 'toppings', type: 'Topping', text: 'anchovies', start: 0, end: 9 }]);
    expect(await unlisted("I'd like anchovies please", askedForToppings)).toEqual([{ slot: 'toppings', type: 'Topping', text: 'anchovies', start: 9, end: 18 }]);
    expect(await unlisted('extra cheese', askedForToppings)).toMatchObject([{ slot: 'toppings', text: 'extra cheese' }]);
  });

  it('reads the words the tagger gives a closed list slot in a message understood as its intent', async () => {
    expect(await unlisted('a pizza with anchovies')).toEqual([{ slot: 'toppings', type: 'Topping', text: 'anchovies', start: 13, end: 22 }]);
  });

  it('reads none in what is no value: known words, other requests, listed values, a long sentence', async () => {
    expect(await unlisted('tell me a joke', askedForToppings)).toBeUndefined();
    expect(await unlisted("what's the weather like", askedForToppings)).toBeUndefined();
    expect(await unlisted('talk to a person', askedForToppings)).toBeUndefined();
    expect(await unlisted('olives', askedForToppings)).toBeUndefined();
    expect(await unlisted('my cousin reckons zucchini aubergine halloumi feta work', askedForToppings)).toBeUndefined();
    // A lone word with nothing asked is no value of anything.
    expect(await unlisted('anchovies')).toBeUndefined();
  });
});
