import { defineBot, defineDialog } from 'parley-sdk';

/** The hours a callback can be booked for, in the bot's time zone. */
const openingHour = 9;
const closingHour = 17;

const requestCallback = defineDialog<{ phone: string; time: string }>({
  intent: 'RequestCallback',
  title: 'arrange a call back from our team',
  slots: {
    time: {
      validate: (time) => {
        const hour = Number(time.slice(0, 2));
        return hour < openingHour || hour >= closingHour ? `We call between ${openingHour}am and ${closingHour - 12}pm. What time suits you?` : undefined;
      },
    },
  },
  fulfil: ({ phone, time }) => `Done: we'll call you on ${phone} at ${time} today.`,
});

export default defineBot({
  name: '{{botName}}',
  intents: new URL('./intents/', import.meta.url),
  timeZone: 'America/New_York',
  dialogs: [
    defineDialog({
      intent: 'Greeting',
      fulfil: () => "Hi! I'm the {{botName}} assistant. I can arrange a call back from our team.",
    }),
    requestCallback,
    defineDialog({ intent: 'Goodbye', fulfil: () => ({ say: 'Thanks for getting in touch. Goodbye!', end: true }) }),
  ],
});
