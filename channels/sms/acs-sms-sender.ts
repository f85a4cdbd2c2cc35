/**
 * SMS through Azure Communication Services, with its own client (`SmsClient` of
 * @azure/communication-sms), loaded the first time a message goes out so that a bot without SMS
 * never loads it. ACS answers a send 202 with a result per recipient; a recipient that failed is
 * turned into an error that says what to fix.
 */
import { createHash } from 'node:crypto';
import type { SmsClient, SmsClientOptions, SmsSendResult } from '@azure/communication-sms';
import { ConfigurationError, ProviderCallError } from '../../src/core/errors.js';
import type { SmsSender } from './sms-sender.js';
import { parseConnectionString } from '../../src/handoff/azure-acs/acs-connection.js';

export interface AcsSmsSenderOptions {
  /** The resource's connection string: `endpoint=https://<resource>.communication.azure.com/;accesskey=<key>`. */
  connectionString: string;
  /** TLS settings for the client (a test emulator's CA, a proxy's certificate). */
  tlsOptions?: SmsClientOptions['tlsOptions'];
  /** Ask ACS for delivery reports (Event Grid `SMSDeliveryReportReceived`). Default false. */
  deliveryReports?: boolean;
  /** An SmsClient made elsewhere (advanced); the connection string is then not read. */
  client?: Pick<SmsClient, 'send'>;
}

/** The header that carries a send's idempotency key to the policy below, which removes it. */
const keyHeader = 'x-parley-idempotency-key';

/**
 * A sender through ACS SMS. A send's idempotency key becomes ACS's `repeatabilityRequestId` (a UUID
 * derived from it), so a message sent again with the same key is sent once.
 *
 * @example
 * const sender = createAcsSmsSender({ connectionString: process.env.ACS_CONNECTION_STRING! });
 * await sender.send({ from: '+18005550100', to: '+14255550123', text: 'Hi!', idempotencyKey: 'k1' });
 */
export function createAcsSmsSender(options: AcsSmsSenderOptions): SmsSender {
  if (!options.client && !isConnectionString(options.connectionString)) {
    throw new ConfigurationError('sms.acs.connectionString', 'expected `endpoint=https://<resource>.communication.azure.com/;accesskey=<key>` (the resource\'s Keys page in the Azure portal)');
  }
  let client: Promise<Pick<SmsClient, 'send'>> | undefined;
  const connect = () =>
    (client ??= options.client
      ? Promise.resolve(options.client)
      : import('@azure/communication-sms').then(({ SmsClient }) => new SmsClient(options.connectionString, {
          ...(options.tlsOptions ? { tlsOptions: options.tlsOptions } : {}),
          additionalPolicies: [{ policy: repeatabilityPolicy, position: 'perCall' }],
        })));

  return {
    async send({ from, to, text, idempotencyKey }) {
      const sms = await connect();
      let results: SmsSendResult[];
      try {
        results = await sms.send(
          { from, to: [to], message: text },
          { enableDeliveryReport: options.deliveryReports ?? false, requestOptions: { customHeaders: { [keyHeader]: idempotencyKey } } },
        );
      } catch (error) {
        throw requestError(error);
      }
      const result = results[0];
      if (!result) throw new ProviderCallError({ provider: 'acs-sms', operation: 'send', retryable: true, message: 'ACS answered with no result for the recipient; try again' });
      if (!result.successful) throw recipientError(result);
      return result.messageId ? { messageId: result.messageId } : {};
    },
  };
}

/** Puts the key's UUID in the request body, in place of the random one the client makes, before it is signed. */
const repeatabilityPolicy = {
  name: 'parleySmsRepeatability',
  async sendRequest(request: { headers: { get(name: string): string | undefined; delete(name: string): void }; body?: unknown }, next: (request: never) => Promise<unknown>) {
    const key = request.headers.get(keyHeader);
    if (key !== undefined) {
      request.headers.delete(keyHeader);
      if (typeof request.body === 'string') {
        const body = JSON.parse(request.body) as { smsRecipients?: Array<{ repeatabilityRequestId?: string }> };
        for (const recipient of body.smsRecipients ?? []) recipient.repeatabilityRequestId = uuidOf(key);
        request.body = JSON.stringify(body);
      }
    }
    return next(request as never);
  },
} as unknown as NonNullable<SmsClientOptions['additionalPolicies']>[number]['policy'];

/** Whether the text has an https endpoint and an access key, as ACS connection strings do. */
function isConnectionString(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    parseConnectionString(text);
    return true;
  } catch {
    return false;
  }
}

/** A UUID (RFC 9562 version 8: custom) made from the key's SHA-256. */
export function uuidOf(key: string): string {
  const bytes = createHash('sha256').update(key).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What a failed recipient means, by ACS's status for it; the number and text are never in it. */
function recipientError(result: SmsSendResult): ProviderCallError {
  const status = result.httpStatusCode;
  const said = result.errorMessage ? ` (ACS: ${redactNumbers(result.errorMessage.slice(0, 200))})` : '';
  const fix =
    status === 400 ? 'the message or a number is not valid for ACS: check that `from` is a number of this ACS resource in E.164, and that the customer\'s number is E.164'
    : status === 401 || status === 403 ? 'the resource refused the sender: check that `from` is a number or short code of this ACS resource, enabled for SMS to this country'
    : status === 404 ? 'ACS does not know the `from` number: use a number acquired by this resource'
    : status === 429 ? 'ACS is throttling this resource: send more slowly or ask for a higher limit'
    : status >= 500 ? 'ACS failed on its side; try again later'
    : 'ACS refused the message';
  return new ProviderCallError({ provider: 'acs-sms', operation: 'send', retryable: status === 429 || status >= 500, message: `recipient failed with status ${status}: ${fix}${said}` });
}

/** Chosen fields only: the client's RestError also holds the request, with the number and the text. */
function requestError(error: unknown): ProviderCallError {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  const code = (error as { code?: unknown } | null)?.code;
  const fix =
    status === 401 || status === 403 ? 'the resource refused the request: check the connection string\'s accesskey (the resource\'s Keys page), and that `from` is a number or short code of this resource'
    : status === 404 ? 'no ACS resource at this endpoint: check the connection string\'s endpoint'
    : status === 429 ? 'ACS is throttling this resource: send more slowly'
    : typeof status === 'number' && status >= 500 ? 'ACS failed on its side; try again later'
    : typeof status === 'number' ? 'ACS refused the request'
    : `the ACS endpoint could not be reached (${typeof code === 'string' ? code : 'network error'}): check the connection string's endpoint and the network`;
  return new ProviderCallError({
    provider: 'acs-sms',
    operation: 'send',
    retryable: status === undefined || status === 429 || (typeof status === 'number' && status >= 500),
    message: `${typeof status === 'number' ? `status ${status}: ` : ''}${fix}`,
  });
}

/** ACS's words may repeat a number; a run of 7 or more digits (spaces and dashes between) is hidden. */
function redactNumbers(text: string): string {
  return text.replace(/\+?\d(?:[\s-]?\d){6,}/g, '[number]');
}
