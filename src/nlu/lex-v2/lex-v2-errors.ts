/**
 * SDK errors of the Lex V2 runtime as Parley errors, with the one thing a router needs: may a retry
 * succeed?
 */
import { ProviderCallError } from '../../core/errors.js';

/**
 * Lex's own errors that pass with time: throttling, the service's failures, and `ConflictException`
 * (another request on the same session was still running). `DependencyFailedException` (a code hook
 * or Polly failed) is the bot's problem and is not retried, as the SDK does not retry it either.
 */
const retryableNames = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'InternalServerException',
  'InternalFailureException',
  'InternalFailure',
  'ServiceUnavailableException',
  'BadGatewayException',
  'ConflictException',
  'RequestTimeoutException',
  'TimeoutError',
]);

/** Network failures on the way to Lex (the connection, not the service's answer). */
const networkCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH']);

interface SdkErrorFields {
  name?: string;
  message?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/**
 * Wraps an error of a Lex V2 runtime call in a `ProviderCallError` (provider `lex-v2`).
 * Retryable: throttling (429), server faults (5xx), conflicts on the session, timeouts and network
 * resets. Not retryable: validation (400), access denied (403), an unknown bot, alias or locale (404),
 * and an answer the SDK could not parse (a 200 with a broken body: a proxy or a service change, not load).
 *
 * @example
 * try { await client.send(command) } catch (error) { throw toLexV2Error(error, 'RecognizeText') }
 */
export function toLexV2Error(error: unknown, operation: string): ProviderCallError {
  const fields: SdkErrorFields = typeof error === 'object' && error !== null ? (error as SdkErrorFields) : {};
  const status = fields.$metadata?.httpStatusCode;
  const name = fields.name ?? 'Error';
  if (name === 'SyntaxError' || (status !== undefined && status < 300)) {
    return new ProviderCallError({ provider: 'lex-v2', operation, retryable: false, message: `Lex answered with a body that cannot be read (${name}: ${firstLine(fields.message)})`, cause: error });
  }
  const retryable =
    retryableNames.has(name) ||
    fields.$retryable !== undefined ||
    status === 429 ||
    (status !== undefined && status >= 500) ||
    (fields.code !== undefined && (networkCodes.has(fields.code) || fields.code.startsWith('ERR_HTTP2_')));
  const statusText = status === undefined ? '' : ` (HTTP ${status})`;
  return new ProviderCallError({ provider: 'lex-v2', operation, retryable, message: `${name}${statusText}: ${firstLine(fields.message)}`, cause: error });
}

/** SDK messages can run on (the deserialisation hint); the first line says what happened. */
function firstLine(message: string | undefined): string {
  return (message ?? '').split('\n')[0]!.trim();
}
