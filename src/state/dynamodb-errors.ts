/**
 * DynamoDB SDK errors as Parley errors: a setting to fix (no table, no region, credentials) becomes a
 * `ConfigurationError` that names the fix; anything else a `ProviderCallError` (provider `dynamodb`)
 * whose `retryable` says whether trying again may succeed. Messages never carry what the SDK said
 * about credentials or permissions (account ids, role ARNs).
 */
import { awsSdkErrorFields, httpStatusText, mayRetryAwsCall } from '../core/aws-sdk-errors.js';
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
  const fields = awsSdkErrorFields(error);
  const { name } = fields;
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
  const detail = fields.message;
  return new ProviderCallError({ provider: 'dynamodb', operation, retryable: mayRetryAwsCall(fields, retryableNames), message: `${name}${httpStatusText(fields)} on table "${table}"${detail ? `: ${detail}` : ''}`, cause: error });
}
