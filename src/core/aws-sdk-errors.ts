/**
 * What every AWS SDK v3 error carries, read the same way for each service Parley calls (Lex V2
 * runtime and models, DynamoDB): the error's name, message, network code and HTTP status, and
 * whether trying again may succeed. Each service's module keeps its own list of retryable names and
 * its own mapping to Parley errors.
 */

/** The fields of an AWS SDK v3 error (a service exception, or a network or parsing failure). */
export interface AwsSdkErrorFields {
  name: string;
  /** The first line of the message (SDK messages can run on with deserialisation hints). */
  message: string;
  /** A Node network error code (`ECONNRESET`), when the connection failed. */
  code?: string;
  $retryable?: unknown;
  status?: number;
}

/** Network failures on the way to the service (the connection, not the service's answer). */
const networkCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH']);

/**
 * @example
 * const { name, status, message } = awsSdkErrorFields(error); // 'ThrottlingException', 429, 'Rate exceeded'
 */
export function awsSdkErrorFields(error: unknown): AwsSdkErrorFields {
  const raw = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: string;
    message?: string;
    code?: string;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  return {
    name: raw.name ?? 'Error',
    message: (raw.message ?? (typeof error === 'string' ? error : '')).split('\n')[0]!.trim(),
    code: raw.code,
    $retryable: raw.$retryable,
    status: raw.$metadata?.httpStatusCode,
  };
}

/**
 * Whether trying again may succeed: one of the service's `retryableNames`, an error the SDK marked
 * retryable, throttling (429), a server fault (5xx), or a network failure (HTTP/2 stream errors too).
 */
export function mayRetryAwsCall(fields: AwsSdkErrorFields, retryableNames: ReadonlySet<string>): boolean {
  const { name, status, code } = fields;
  return (
    retryableNames.has(name) ||
    fields.$retryable !== undefined ||
    status === 429 ||
    (status !== undefined && status >= 500) ||
    (code !== undefined && (networkCodes.has(code) || code.startsWith('ERR_HTTP2_')))
  );
}

/** " (HTTP 429)", or nothing when no answer came. */
export function httpStatusText(fields: AwsSdkErrorFields): string {
  return fields.status === undefined ? '' : ` (HTTP ${fields.status})`;
}
