import { defineBot, defineDialog } from 'parley-sdk';

/** The pizza bot of the tests: a size, a topping from a closed list, and a person on request. */
export default defineBot({
  name: 'Pizza',
  intents: new URL('./intents/', import.meta.url),
  timeZone: 'UTC',
  dialogs: [
    defineDialog({
      intent: 'OrderPizza',
      title: 'order a pizza',
      fulfil: ({ size, topping }) => `A ${size} pizza with ${topping} is on its way.`,
    }),
    defineDialog({ intent: 'TalkToAgent', fulfil: () => ({ say: "I'll put you through to the shop.", handoff: 'Orders' }) }),
  ],
});
