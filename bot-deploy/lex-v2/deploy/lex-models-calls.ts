/**
 * Calls to the Lex V2 model-building API: the SDK (loaded only when a deploy runs), its errors as
 * Parley errors, and the little helpers every reader and writer needs (pages, a bounded fan-out).
 */
import type { LexModelsV2Client } from '@aws-sdk/client-lex-models-v2';
import { awsSdkErrorFields, httpStatusText, mayRetryAwsCall } from '../../../src/core/aws-sdk-errors.js';
import { ConfigurationError, ParleyError, ProviderCallError } from '../../../src/core/errors.js';

export type LexModelsSdk = typeof import('@aws-sdk/client-lex-models-v2');

/** The client and the module its commands come from. */
export interface LexModelsConnection {
  client: LexModelsV2Client;
  sdk: LexModelsSdk;
}

export const lexModelsProvider = 'lex-v2-models';

/** Errors that pass with time. `ConflictException`: the bot or locale is still Creating or Building. */
const retryableNames = new Set(['ThrottlingException', 'TooManyRequestsException', 'InternalServerException', 'ServiceUnavailableException', 'ConflictException', 'RequestTimeout', 'TimeoutError']);

/**
 * An SDK error as a Parley error: `ProviderCallError` (provider `lex-v2-models`) with the service's
 * message, or `ConfigurationError` when the SDK found no region or credentials.
 *
 * @example
 * try { await client.send(command) } catch (error) { throw toLexModelsError(error, 'CreateIntent') }
 */
export function toLexModelsError(error: unknown, operation: string): ParleyError {
  if (ParleyError.isInstance(error)) return error;
  const fields = awsSdkErrorFields(error);
  const { name, message } = fields;
  if (/region is missing/i.test(message)) return new ConfigurationError('--region', 'no AWS region is set; pass --region or set AWS_REGION', { cause: error });
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return new ConfigurationError('AWS credentials', 'none found; set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY', { cause: error });
  }
  return new ProviderCallError({ provider: lexModelsProvider, operation, retryable: mayRetryAwsCall(fields, retryableNames), message: `${name}${httpStatusText(fields)}: ${message}`, cause: error });
}

/** Runs one API call, its errors mapped by `toLexModelsError`. */
export async function lexModelsCall<Output>(operation: string, run: () => Promise<Output>): Promise<Output> {
  try {
    return await run();
  } catch (error) {
    throw toLexModelsError(error, operation);
  }
}

/** The service's error name behind a mapped error (`ConflictException`), if any. */
export function serviceErrorName(error: unknown): string | undefined {
  const cause = error instanceof ProviderCallError ? error.cause : error;
  return typeof cause === 'object' && cause !== null ? (cause as { name?: string }).name : undefined;
}

/** Every item of a List operation, page after page (the service's pages hold 10 unless asked). */
export async function listAll<Page extends { nextToken?: string | undefined }, Item>(
  operation: string,
  fetch: (nextToken: string | undefined) => Promise<Page>,
  items: (page: Page) => Item[] | undefined,
): Promise<Item[]> {
  const all: Item[] = [];
  let nextToken: string | undefined;
  do {
    const page = await lexModelsCall(operation, () => fetch(nextToken));
    all.push(...(items(page) ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

/** `map` with at most `limit` calls in flight: quick, without tripping the API's rate limits. */
export async function mapLimit<Item, Result>(items: readonly Item[], limit: number, run: (item: Item) => Promise<Result>): Promise<Result[]> {
  const results: Result[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
