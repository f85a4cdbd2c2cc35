/**
 * DynamoDB SDK errors as Parley errors: a setting to fix (no table, no region, credentials) becomes a
 * `ConfigurationError` that names the fix; anything else a `ProviderCallError` (provider `dynamodb`)
 * whose `retryable` says whether trying again may succeed. Messages never carry what the SDK said
 * about credentials or permissions (account ids, role ARNs).
 */
import { ConfigurationError, ParleyError, ProviderCallError } from '../core/errors.js';

/** Errors that pass with time: throttling, the service's failures, transaction collisions, timeouts. */
const retryableNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TimeoutError',
]);

/** The credentials are missing, wrong or expired. */
const credentialNames = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'MissingAuthenticationTokenException',
  'IncompleteSignatureException',
]);

/** Network failures on the way to DynamoDB (the connection, not the service's answer). */
const networkCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH']);

interface SdkErrorFields {
  name?: string;
  message?: string;
  code?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** The setting that names the table, the region and the credentials, in errors. */
const credentialsKey = 'AWS credentials';

/** There is no such table where the client looks: says how to create it, and what else to check. */
export function missingTableError(table: string, cause?: unknown): ConfigurationError {
  return new ConfigurationError(
    'store.table',
    `the DynamoDB table "${table}" does not exist in this account and region; create it with \`parley store create-table --table ${table}\`, or check store.region (AWS_REGION) and store.endpoint`,
    { cause },
  );
}

/**
 * @example
 * try { await client.send(command) } catch (error) { throw toDynamoDbError(error, 'GetItem', table) }
 */
export function toDynamoDbError(error: unknown, operation: string, table: string): ParleyError {
  if (ParleyError.isInstance(error)) return error;
  const fields: SdkErrorFields = typeof error === 'object' && error !== null ? (error as SdkErrorFields) : {};
  const name = fields.name ?? 'Error';
  const status = fields.$metadata?.httpStatusCode;
  if (name === 'ResourceNotFoundException') return missingTableError(table, error);
  if (fields.message === 'Region is missing') {
    return new ConfigurationError('store.region', 'no AWS region for the DynamoDB table: set store.region, or AWS_REGION', { cause: error });
  }
  if (credentialNames.has(name)) {
    return new ConfigurationError(
      credentialsKey,
      `DynamoDB ${operation} on "${table}" found no valid credentials (${name}); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or run with an IAM role`,
      { cause: error },
    );
  }
  if (name === 'AccessDeniedException') {
    return new ConfigurationError(
      credentialsKey,
      `not allowed to call DynamoDB ${operation} on "${table}"; grant dynamodb:DescribeTable, GetItem, PutItem and DeleteItem on the table to the role or user`,
      { cause: error },
    );
  }
  const retryable =
    retryableNames.has(name) ||
    fields.$retryable !== undefined ||
    status === 429 ||
    (status !== undefined && status >= 500) ||
    (fields.code !== undefined && networkCodes.has(fields.code));
  const statusText = status === undefined ? '' : ` (HTTP ${status})`;
  const detail = (fields.message ?? '').split('\n')[0]!.trim();
  return new ProviderCallError({ provider: 'dynamodb', operation, retryable, message: `${name}${statusText} on table "${table}"${detail ? `: ${detail}` : ''}`, cause: error });
}
