/**
 * Lakeside Utilities' customer accounts: a small table in memory, standing in for the billing
 * system and the CRM a real line would call (with the `signal` it is given, so a slow call is cut off).
 * The numbers are fictional: 555-01xx is reserved for fiction.
 */
export interface Account {
  accountNumber: string;
  holder: string;
  /** The phone number on the account, E.164, as Amazon Connect gives the caller's. */
  phoneNumber: string;
  /** What is owed, in dollars. */
  balance: number;
  /** When it is due, `YYYY-MM-DD`. */
  dueDate: string;
  pastDue: boolean;
}

export const accounts: readonly Account[] = [
  { accountNumber: '40211876', holder: 'Dana Whitfield', phoneNumber: '+15555550142', balance: 84.2, dueDate: '2030-03-15', pastDue: false },
  { accountNumber: '10483392', holder: 'Luis Ortega', phoneNumber: '+15555550177', balance: 212.65, dueDate: '2030-02-28', pastDue: true },
  { accountNumber: '73306158', holder: 'Priya Raman', phoneNumber: '+15555550163', balance: 0, dueDate: '2030-03-20', pastDue: false },
];

export function findAccount(accountNumber: string): Account | undefined {
  return accounts.find((account) => account.accountNumber === accountNumber);
}

export function findAccountByPhone(phoneNumber: string): Account | undefined {
  return accounts.find((account) => account.phoneNumber === phoneNumber);
}

/** A type, not an interface, so that it is a dialog's slots (`defineDialog<ReportedPayment>`). */
export type ReportedPayment = { accountNumber: string; amount: number; date: string };

/** Payments customers told us about, for the billing team to match when the money arrives. */
export const reportedPayments: ReportedPayment[] = [];
