import { defineBot, defineDialog, formatMessage, weekdayOf } from 'parley-sdk';

/** Brightside Dental's assistant: books a cleaning, answers in ACS chat and by SMS, and hands over to the front desk. */
export default defineBot({
  name: 'Brightside Dental',
  intents: new URL('./intents/', import.meta.url),
  timeZone: 'America/Chicago',
  defaultQueue: 'FrontDesk',
  welcome: { say: "Hi! I'm Brightside Dental's assistant. I can book a cleaning or put you through to the front desk." },
  dialogs: [
    defineDialog({
      intent: 'Greeting',
      fulfil: () => "Hi! I'm Brightside Dental's assistant. I can book a cleaning or put you through to the front desk.",
    }),
    defineDialog<{ date: string; time: string }>({
      intent: 'BookCleaning',
      title: 'book a cleaning',
      slots: {
        date: {
          validate: (date, { today }) => {
            if (String(date) < today) return "I can't book a day that has already passed.";
            if ([0, 6].includes(weekdayOf(String(date)))) return "We're open Monday to Friday.";
          },
        },
        time: {
          validate: (time) => {
            if (String(time) < '08:00' || String(time) > '16:30') return 'Cleanings start between 8am and 4:30pm.';
          },
        },
      },
      fulfil: ({ date, time }, context) =>
        formatMessage("You're booked for a cleaning on {date, date, ::EEEEMMMMd} at {time, time, short}. We'll text you a reminder the day before.", { date, time }, context),
    }),
    defineDialog({
      intent: 'TalkToAgent',
      fulfil: () => ({ say: "I'll put you through to the front desk. Someone will be with you shortly.", handoff: 'FrontDesk' }),
    }),
    defineDialog({ intent: 'Goodbye', fulfil: () => ({ say: 'Thanks for getting in touch. Take care!', end: true }) }),
  ],
});
