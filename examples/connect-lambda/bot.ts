import { defineBot, defineDialog, formatMessage } from 'parley-sdk';
import type { ConnectFlowHandlerOptions } from 'parley-sdk/connect';
import { findAccount, findAccountByPhone, reportedPayments, type ReportedPayment } from './accounts.js';

/** Shared by both tasks that ask for an account: an account we do not have is asked for again. */
const knownAccount = {
  validate: (accountNumber: string) => (findAccount(accountNumber) ? undefined : `I couldn't find account ${accountNumber}. Please check the eight digits at the top of your bill.`),
};

export default defineBot({
  name: 'Lakeside Utilities',
  intents: new URL('./intents/', import.meta.url),
  timeZone: 'America/Chicago',
  defaultQueue: 'General',
  // Queue names route handoffs (the contact flow reads them in `parley_queue`); customers hear of the team.
  messages: { en: { teamNames: { Billing: 'our billing team', General: 'our customer service team' } } },
  dialogs: [
    defineDialog<{ accountNumber: string }>({
      intent: 'CheckBalance',
      title: 'check an account balance',
      queue: 'Billing',
      slots: { accountNumber: knownAccount },
      fulfil: ({ accountNumber }, context) => {
        const account = findAccount(accountNumber)!;
        if (account.balance === 0) return 'Your account is paid up: nothing is due. Thank you!';
        return formatMessage(
          'Your balance is {balance, number, ::currency/USD}, {pastDue, select, true {which was due on {dueDate, date, ::MMMMd}. Please pay as soon as you can.} other {due on {dueDate, date, ::MMMMd}.}}',
          { balance: account.balance, dueDate: account.dueDate, pastDue: String(account.pastDue) },
          context,
        );
      },
    }),
    defineDialog<ReportedPayment>({
      intent: 'ReportPayment',
      title: 'report a payment',
      queue: 'Billing',
      slots: {
        accountNumber: knownAccount,
        amount: { validate: (amount) => (amount > 0 && amount < 100_000 ? undefined : 'That doesn\'t look like a payment amount.') },
        date: { validate: (date, context) => (date > context.today ? formatMessage("{date, date, ::EEEEMMMMd} hasn't come yet.", { date }, context) : undefined) },
      },
      fulfil: (payment, context) => {
        reportedPayments.push(payment);
        return formatMessage('Thanks, I\'ve noted your payment of {amount, number, ::currency/USD}. It can take up to two business days to show on your balance.', { amount: payment.amount }, context);
      },
    }),
    defineDialog({
      intent: 'TalkToAgent',
      // The team of the task under way, or just done; anyone else goes to General.
      fulfil: (_slots, { interruptedTask, lastTask }) => ({
        say: "Sure, I'll put you through to someone who can help. Please hold on.",
        handoff: (interruptedTask ?? lastTask)?.queue ?? 'General',
      }),
    }),
    defineDialog({ intent: 'Goodbye', fulfil: () => ({ say: 'Thanks for calling Lakeside Utilities. Goodbye!', end: true }) }),
  ],
});

/**
 * The flow Lambda's functions (`parley lambda build --handler connect-flow` bundles them, and `parley
 * lambda invoke connect-flow` runs them). Parley never logs the caller's number; neither do these.
 */
export const connectFlow = {
  // `action: lookup`: the caller's account, found by the number they call from. Flat values only:
  // the flow copies them to contact attributes (`$.External.customerName`) for the agent's screen.
  lookupCustomer: (contact) => {
    const account = contact.phoneNumber === undefined ? undefined : findAccountByPhone(contact.phoneNumber);
    return account && { customerName: account.holder, accountNumber: account.accountNumber, pastDue: account.pastDue };
  },
  // `action: queue`: a caller whose bill is past due goes to Billing, whatever the bot chose.
  chooseQueue: (contact, envelope) => (contact.attributes.pastDue === 'true' ? 'Billing' : envelope?.queue),
} satisfies ConnectFlowHandlerOptions;
