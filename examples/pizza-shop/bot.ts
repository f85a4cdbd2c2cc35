import { defineBot, defineDialog } from 'parley-sdk';

export type PizzaOrder = { size: string; toppings: string[] };

/** Where orders go. A real shop would call its point-of-sale system in `fulfil` instead. */
export const kitchen: { orders: PizzaOrder[] } = { orders: [] };

const mostToppings = 3;

export default defineBot({
  name: 'Slice of Life Pizza',
  intents: new URL('./intents/', import.meta.url),
  timeZone: 'America/New_York',
  dialogs: [
    defineDialog({
      intent: 'Greeting',
      fulfil: () => 'Hi! Welcome to Slice of Life Pizza. I can take your pizza order. What would you like?',
    }),
    defineDialog<PizzaOrder>({
      intent: 'OrderPizza',
      title: 'order a pizza',
      queue: 'Orders',
      slots: {
        // `toppings` is `multiple: true` in the intent file, so the validator gets every topping said.
        toppings: { validate: (toppings) => (toppings.length > mostToppings ? `We fit at most ${mostToppings} toppings on a pizza.` : undefined) },
      },
      // Saying nothing lets the intent file's `fulfilled` message read the order back.
      fulfil: (order) => {
        kitchen.orders.push(order);
      },
    }),
    defineDialog({
      intent: 'TalkToAgent',
      fulfil: () => ({ say: "Sure, I'll put you through to someone at the shop.", handoff: 'Orders' }),
    }),
    defineDialog({ intent: 'Goodbye', fulfil: () => ({ say: 'Thanks for ordering with Slice of Life. Enjoy your pizza!', end: true }) }),
  ],
});
