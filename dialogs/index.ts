/** The Acme Telecom assistant: Parley's reference bot, built only on the public API. */
import { defineBot } from 'parley-sdk';
import { billingQuestion } from './billing-question.js';
import { bookAppointment } from './book-appointment.js';
import { checkOrderStatus } from './check-order-status.js';
import { goodbye } from './goodbye.js';
import { greeting } from './greeting.js';
import { reportOutage } from './report-outage.js';
import { resetPassword } from './reset-password.js';
import { talkToAgent } from './talk-to-agent.js';

export default defineBot({
  name: 'Acme Telecom',
  intents: new URL('../intents/', import.meta.url),
  dialogs: [greeting, checkOrderStatus, bookAppointment, reportOutage, resetPassword, billingQuestion, talkToAgent, goodbye],
  timeZone: 'America/New_York',
  defaultQueue: 'General',
  // Queue names route handoffs and are never said; customers hear of the team instead.
  messages: { en: { teamNames: { TechSupport: 'our technical support team', Billing: 'our billing team' } } },
  welcome: {
    say: "Hi! I'm Acme Telecom's virtual assistant. I can {capabilities}. What can I do for you?",
    suggestions: ['I need a repair tomorrow at 3pm', 'Where is order AB123456?', 'Is there an outage in 94105?', 'Talk to a person'],
  },
});
