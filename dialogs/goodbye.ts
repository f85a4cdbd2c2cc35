import { defineDialog } from 'parley-sdk';

export const goodbye = defineDialog({
  intent: 'Goodbye',
  fulfil: () => ({ say: 'Thanks for contacting Acme Telecom. Have a great day, goodbye!', end: true }),
});
