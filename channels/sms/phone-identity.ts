/**
 * Phone numbers as the SMS channel keeps them: normalised to E.164, and named everywhere else (the
 * conversation id, the opt-out list, logs) by a keyed hash, so that neither ids nor logs carry the
 * number. The number itself is kept only in the conversation's address, for notifications, and
 * sealed there (AES-256-GCM under a key derived from `idKey`): a stored conversation never holds it
 * in clear, and erasing the conversation erases it.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { ChannelPayloadError, ConfigurationError } from '../../src/core/errors.js';
import { loadPhoneNumbers } from '../../src/slots/slot-libraries.js';

/** Hex characters of the HMAC kept: 128 bits, no collision in any number plan. */
const keyLength = 32;
/** The shortest `idKey`, in bytes, so the hash of a number cannot be reversed by trying every number. */
const shortestIdKey = 16;

/**
 * The number in E.164 (`+14255550123`), from how Event Grid or a person writes it (`14255550123`,
 * `+1 425 555 0123`); undefined when it is not a possible phone number. A short code (3–8 digits,
 * as a program's own number can be) is kept as written.
 *
 * @example
 * normalisePhoneNumber('14255550123') // '+14255550123'
 */
export function normalisePhoneNumber(written: string, options: { allowShortCode?: boolean } = {}): string | undefined {
  const compact = written.replace(/[\s().-]/g, '');
  if (options.allowShortCode && /^\d{3,8}$/.test(compact)) return compact;
  if (!/^\+?\d{6,16}$/.test(compact)) return undefined;
  const parsed = loadPhoneNumbers().parsePhoneNumberFromString(compact.startsWith('+') ? compact : `+${compact}`);
  return parsed?.isPossible() ? parsed.number : undefined;
}

/** Makes the keyed hash the channel names numbers by. */
export function createNumberKeys(idKey: string | Uint8Array): (phone: string) => string {
  const bytes = keyBytes(idKey);
  return (phone) => createHmac('sha256', bytes).update(phone).digest('hex').slice(0, keyLength);
}

/** Seals a number for the conversation's address, and opens it again; `open` gives undefined for what it did not seal. */
export function createNumberSeal(idKey: string | Uint8Array): { seal(phone: string): string; open(sealed: string): string | undefined } {
  const key = Buffer.from(hkdfSync('sha256', keyBytes(idKey), Buffer.alloc(0), 'parley sms address', 32));
  return {
    seal(phone) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed) {
      const bytes = Buffer.from(sealed, 'base64url');
      if (bytes.length < 29) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
        decipher.setAuthTag(bytes.subarray(12, 28));
        return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        // Sealed under another key (idKey changed), or damaged.
        return undefined;
      }
    },
  };
}

function keyBytes(idKey: string | Uint8Array): Buffer {
  const bytes = typeof idKey === 'string' ? Buffer.from(idKey, 'utf8') : Buffer.from(idKey);
  if (bytes.length < shortestIdKey) {
    throw new ConfigurationError('sms.idKey', `the key that hashes phone numbers must be at least ${shortestIdKey} bytes (it has ${bytes.length}); use a random secret, e.g. \`openssl rand -base64 32\`, and keep it: ids and opt-outs are keyed by it`);
  }
  return bytes;
}

/** The conversation id of a number's key. */
export function smsConversationId(numberKey: string): string {
  return `sms:${numberKey}`;
}

/**
 * The customer's number from an event, in E.164; throws a ChannelPayloadError (which names the
 * field, never the value) when it is not a phone number.
 */
export function customerNumber(from: string): string {
  const phone = normalisePhoneNumber(from);
  if (!phone) throw new ChannelPayloadError('sms', 'the event\'s `from` is not a phone number in E.164 or international digits (e.g. +14255550123); is the Event Grid subscription sending SMSReceived events?');
  return phone;
}

/**
 * A number as a log may show it: the country code and area kept, the middle hidden, the last four.
 *
 * @example
 * maskPhoneNumber('+14255550123') // '+1425•••0123'
 */
export function maskPhoneNumber(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 7) return '•••';
  const head = Math.min(4, digits.length - 7);
  return `+${digits.slice(0, head)}•••${digits.slice(-4)}`;
}
