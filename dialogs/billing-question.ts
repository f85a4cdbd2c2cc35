import { defineDialog } from 'parley-sdk';

export const billingQuestion = defineDialog({
  intent: 'BillingQuestion',
  title: 'help with billing',
  queue: 'Billing',
  fulfil: () => ({
    say: "Billing questions are best answered by our billing team. I'm connecting you with them now.",
    handoff: 'Billing',
  }),
});
