import { defineDialog } from 'parley-sdk';

export const greeting = defineDialog({
  intent: 'Greeting',
  fulfil: (_slots, { interruptedTask }) =>
    interruptedTask
      ? 'Hello again!'
      : "Hi! I'm Acme Telecom's virtual assistant. I can check an order, book a technician visit, check for outages, reset your password or help with billing. What can I do for you?",
});
