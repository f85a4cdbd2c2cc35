/**
 * The SMS API's send (api-version 2021-03-07 and later): 202 with one result per recipient, as the
 * service answers. Sending from a number the resource does not have is a 401 for the whole request
 * (so the service's own SDK tests expect); a recipient that is not an E.164 number fails alone
 * (400, "Invalid To phone number format."); a recipient with a `repeatabilityRequestId` seen before
 * is answered as before and not sent again. Every SMS sent is kept, with its segment count.
 */
import { randomUUID } from 'node:crypto';
import { readBodyAs, sendSmsBody } from './acs-bodies.js';
import { AcsWireError, acsErrors, byteLength, type WireAnswer } from './acs-wire.js';
import { smsSegmentCount } from './sms-segments.js';

/** An SMS the emulated resource sent. Holds customer text and numbers: test use only. */
export interface AcsSentSms {
  messageId: string;
  from: string;
  to: string;
  message: string;
  /** How many SMS segments the text takes (GSM-7: 160, then 153 each; otherwise UCS-2: 70, then 67). */
  segmentCount: number;
  enableDeliveryReport: boolean;
  tag?: string;
  sentAt: Date;
}

export interface SmsStore {
  readonly phoneNumbers: ReadonlySet<string>;
  readonly sent: AcsSentSms[];
  /** repeatabilityRequestId → the result first answered for it. */
  readonly repeats: Map<string, Record<string, unknown>>;
  readonly listeners: Set<(sms: AcsSentSms) => void>;
  now(): number;
}

/** The service's largest message: 2048 bytes. */
export const smsMessageBytes = 2048;

/** E.164: a plus and 8 to 15 digits; a North American number (+1) has exactly 11. */
export function isE164(number: string): boolean {
  return /^\+[1-9]\d{7,14}$/.test(number) && (!number.startsWith('+1') || number.length === 12);
}

export function sendSms(store: SmsStore, body: unknown): WireAnswer {
  const request = readBodyAs(sendSmsBody, body);
  if (!store.phoneNumbers.has(request.from)) throw new AcsWireError(401, 'Unauthorized', 'The from number is not a phone number of this resource.');
  if (request.message === '') throw acsErrors.badRequest('message: must not be empty');
  if (byteLength(request.message) > smsMessageBytes) throw acsErrors.badRequest(`message: at most ${smsMessageBytes} bytes`);
  const value = request.smsRecipients.map((recipient) => {
    if (!isE164(recipient.to)) return { to: recipient.to, httpStatusCode: 400, errorMessage: 'Invalid To phone number format.', successful: false };
    const repeatId = recipient.repeatabilityRequestId;
    if (repeatId !== undefined) {
      if (!Number.isFinite(Date.parse(recipient.repeatabilityFirstSent ?? ''))) {
        return { to: recipient.to, httpStatusCode: 400, repeatabilityResult: 'rejected', errorMessage: 'Request sent with Invalid DateTime value for repeatability-first-sent. Expected is DateTime ,RFC1123 pattern.', successful: false };
      }
      const earlier = store.repeats.get(repeatId);
      if (earlier) return earlier;
    }
    const sms: AcsSentSms = {
      messageId: `Outgoing_${stamp(store.now())}${randomUUID()}_noam`,
      from: request.from,
      to: recipient.to,
      message: request.message,
      segmentCount: smsSegmentCount(request.message),
      enableDeliveryReport: request.smsSendOptions?.enableDeliveryReport ?? false,
      ...(request.smsSendOptions?.tag === undefined ? {} : { tag: request.smsSendOptions.tag }),
      sentAt: new Date(store.now()),
    };
    store.sent.push(sms);
    for (const listener of [...store.listeners]) listener(sms);
    const result = { to: recipient.to, messageId: sms.messageId, httpStatusCode: 202, ...(repeatId === undefined ? {} : { repeatabilityResult: 'accepted' }), successful: true };
    if (repeatId !== undefined) store.repeats.set(repeatId, result);
    return result;
  });
  return { status: 202, body: { value } };
}

/** `20200918002745`: the timestamp the service puts at the start of message ids. */
export function stamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\D/g, '').slice(0, 14);
}
