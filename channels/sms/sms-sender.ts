/**
 * The seam SMS leave through: one text to one number. Azure Communication Services' is
 * acs-sms-sender.ts; tests and other carriers bring their own.
 */

export interface SmsMessage {
  /** The program's number (E.164 or a short code) the customer texted. */
  from: string;
  /** The customer's number, E.164. */
  to: string;
  /** One SMS: the channel has already cut it to the segments it may take. */
  text: string;
  /**
   * The same for a send tried again (a redelivered event, a retry): a sender whose service supports
   * it sends the message once. At most 200 characters.
   */
  idempotencyKey: string;
}

export interface SmsSender {
  /**
   * Sends one SMS; resolves once the service accepted it (with its message id, when it gives one).
   * Rejects with an error that says what to fix, naming neither the number nor the text.
   */
  send(message: SmsMessage): Promise<{ messageId?: string }>;
}
