import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngine, fixedClock, loadIntents, type ConversationState, type Entity, type Recognition } from 'parley-sdk';
import pizzaShop from '../../examples/pizza-shop/bot.js';

// The same behaviours, end to end with the local recognizer, are the pizza-shop example's conversation
// tests (examples/pizza-shop/conversations/explicit-requests.yaml and closed-lists.yaml).

describe('an answer read as a value only with typos', async () => {
  // What a recognizer that reads typos itself (a vendor's) may give: the engine decides alone here.
  const engine = createEngine({
    model: await loadIntents(fileURLToPath(new URL('../../examples/pizza-shop/intents/', import.meta.url))),
    defaultLocale: 'en-US',
    dialogs: pizzaShop.dialogs,
  });
  const turn = { conversationId: 'c1', locale: 'en-US', clock: fixedClock('2030-03-04') };
  const recognition = (text: string, intent: string | null, confidence: number, entities: Entity[] = []): Recognition => ({
    text,
    locale: 'en-US',
    intents: intent ? [{ name: intent, confidence }] : [],
    topIntent: intent,
    entities,
    provider: 'scripted',
    latencyMs: 0,
  });
  const askedForSize = async (): Promise<ConversationState> => {
    const { state, view } = await engine.step(undefined, recognition('I want a pizza', 'OrderPizza', 0.95), turn);
    expect(view.awaiting).toBe('size');
    return state;
  };
  const person = (confidence: number): Entity => ({ type: 'PizzaSize', slot: 'size', text: 'person', start: 10, end: 16, value: 'small', confidence });

  it('gives way to a confidently recognised request for a person', async () => {
    const step = await engine.step(await askedForSize(), recognition('talk to a person', 'TalkToAgent', 0.95, [person(0.7)]), turn);
    expect(step.directives).toEqual([expect.objectContaining({ kind: 'handoff', queue: 'Orders' })]);
    expect(step.view).toMatchObject({ dialog: null, slots: {} });
  });

  it('gives way to a confident repair request', async () => {
    const step = await engine.step(await askedForSize(), recognition('cancle', 'Cancel', 0.9, [person(0.7)]), turn);
    expect(step.view).toMatchObject({ dialog: null });
  });

  it('stays with the dialog when the other request is not confident', async () => {
    const step = await engine.step(await askedForSize(), recognition('talk to a person', 'TalkToAgent', 0.6, [person(0.7)]), turn);
    expect(step.view).toMatchObject({ dialog: 'OrderPizza', awaiting: 'toppings', slots: { size: 'small' } });
  });

  it('stays with the dialog when the value is said as written, whatever the recognizer thinks', async () => {
    const step = await engine.step(await askedForSize(), recognition('personal', 'TalkToAgent', 0.95, [person(1)]), turn);
    expect(step.view).toMatchObject({ dialog: 'OrderPizza', awaiting: 'toppings', slots: { size: 'small' } });
  });
});
