/**
 * SDK errors of the Lex V2 runtime as Parley errors, with the one thing a router needs: may a retry
 * succeed?
 */
import { awsSdkErrorFields, httpStatusText, mayRetryAwsCall } from '../../core/aws-sdk-errors.js';
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
  const fields = awsSdkErrorFields(error);
  const { name, status, message } = fields;
  if (name === 'SyntaxError' || (status !== undefined && status < 300)) {
    return new ProviderCallError({ provider: 'lex-v2', operation, retryable: false, message: `Lex answered with a body that cannot be read (${name}: ${message})`, cause: error });
  }
  return new ProviderCallError({ provider: 'lex-v2', operation, retryable: mayRetryAwsCall(fields, retryableNames), message: `${name}${httpStatusText(fields)}: ${message}`, cause: error });
}
