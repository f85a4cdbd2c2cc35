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
});
