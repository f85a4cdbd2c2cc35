import { ProviderCallError } from '../../core/errors.js';
import { cluOperation, cluProvider } from './map-clu-result.js';

/** The parts of the Azure SDK's RestError Parley reads (duck-typed: core-rest-pipeline is not a dependency). */
interface RestErrorLike {
  name: string;
  message: string;
  code?: string;
  statusCode?: number;
}

const hints: Record<number, string> = {
  401: 'check the credential (key) and that the endpoint is the Language resource’s',
  403: 'the credential may not use this resource',
  404: 'check projectName, deploymentName and the endpoint',
};

/**
 * What a failed CLU call is thrown as. A call the caller aborted rejects with the signal's reason (a
 * `TimeoutError` for `AbortSignal.timeout`), as every Parley recognizer does: the caller knows why.
 * Otherwise a ProviderCallError: retryable for HTTP 408, 429 and 5xx, network failures and the SDK's
 * own time-outs; not for 400, 401, 403, 404 or an answer that cannot be read.
 * The SDK's error is not kept as the cause: it holds the request, and so the customer's words.
 *
 * @example
 * try { await client.analyzeConversation(task, { abortSignal }) } catch (error) { throw toCluCallError(error, abortSignal) }
 */
export function toCluCallError(error: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return signal.reason;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return failure(true, 'timed out');
  if (!isRestError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return failure(false, message);
  }
  const status = error.statusCode;
  const code = error.code;
  if (status === undefined) return failure(true, `network failure${code ? ` (${code})` : ''}`, summary(error));
  if (code === 'PARSE_ERROR') return failure(false, `HTTP ${status}: the answer is not JSON`, summary(error));
  const retryable = status === 408 || status === 429 || status >= 500;
  const hint = hints[status];
  const said = error.message ? `: ${error.message.slice(0, 300)}` : '';
  return failure(retryable, `HTTP ${status}${code && code !== String(status) ? ` ${code}` : ''}${said}${hint ? ` (${hint})` : ''}`, summary(error));
}

function failure(retryable: boolean, message: string, cause?: unknown): ProviderCallError {
  return new ProviderCallError({ provider: cluProvider, operation: cluOperation, retryable, message, ...(cause === undefined ? {} : { cause }) });
}

function isRestError(error: unknown): error is RestErrorLike {
  return error instanceof Error && error.name === 'RestError';
}

/** The SDK error without its request and response: name, code and status only. */
function summary(error: RestErrorLike): Error {
  const copy = new Error(`${error.name}${error.code ? ` ${error.code}` : ''}${error.statusCode ? ` (HTTP ${error.statusCode})` : ''}`);
  copy.name = error.name;
  return copy;
}
