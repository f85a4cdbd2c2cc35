import { defineBot, defineDialog } from 'parley-sdk';

const deliveryZipCodes = new Set(['94103', '94110', '94114']);

export default defineBot({
  name: 'Sunny Side Bakery',
  intents: new URL('./intents/', import.meta.url),
  timeZone: 'America/Los_Angeles',
  dialogs: [
    defineDialog({
      intent: 'Greeting',
      fulfil: () => "Hi! I'm the Sunny Side Bakery assistant. I can tell you our opening hours or check whether we deliver to you.",
    }),
    defineDialog({
      intent: 'OpeningHours',
      title: 'tell you our opening hours',
      fulfil: () => "We're open Tuesday to Saturday from 7am to 3pm, and Sunday from 8am to 1pm. We're closed on Mondays.",
    }),
    defineDialog<{ zipCode: string }>({
      intent: 'CheckDelivery',
      title: 'check whether we deliver to you',
      fulfil: ({ zipCode }) =>
        deliveryZipCodes.has(zipCode)
          ? `Good news: we deliver to ${zipCode}, every day we're open. Orders placed before 10am arrive the same day.`
          : `Sorry, we don't deliver to ${zipCode} yet. You're welcome to pick up your order at the shop on Valencia Street.`,
    }),
    defineDialog({ intent: 'Goodbye', fulfil: () => ({ say: 'Thanks for stopping by. Have a lovely day!', end: true }) }),
  ],
});
