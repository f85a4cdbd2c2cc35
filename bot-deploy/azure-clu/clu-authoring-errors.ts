/**
 * Failed authoring calls and jobs as ProviderCallErrors: retryable for HTTP 408, 429, 5xx, network
 * failures and jobs that failed for a passing reason. Only the service's error code and message are
 * kept, never the request (which holds the key and the project's utterances).
 */
import { ProviderCallError } from '../../src/core/errors.js';

export const cluAuthoringProvider = 'azure-clu';

const hints: Record<number, string> = {
  401: 'check the key (the Language resource’s key) and that the endpoint is that resource’s',
  403: 'the key may not author projects on this resource',
  404: 'check the endpoint and the project name',
};

const passing = new Set(['InternalServerError', 'ServiceUnavailable', 'TooManyRequests', 'Timeout']);

interface ServiceError {
  code?: string;
  message?: string;
  innererror?: { code?: string; message?: string };
}

export function cluCallFailure(operation: string, status: number, body: unknown): ProviderCallError {
  const error = (body as { error?: ServiceError } | undefined)?.error;
  const retryable = status === 408 || status === 429 || status >= 500;
  const hint = hints[status];
  return new ProviderCallError({
    provider: cluAuthoringProvider,
    operation,
    retryable,
    message: `HTTP ${status}${describe(error, String(status))}${hint ? ` (${hint})` : ''}`,
  });
}

export function jobFailure(operation: string, status: string, errors: unknown): ProviderCallError {
  const list = Array.isArray(errors) ? (errors as ServiceError[]) : [];
  const retryable = list.some((error) => passing.has(error.code ?? '') || passing.has(error.innererror?.code ?? ''));
  const said = list.map((error) => describe(error).replace(/^: /, '')).join('; ');
  return new ProviderCallError({ provider: cluAuthoringProvider, operation, retryable, message: `the job ${status}${said ? `: ${said}` : ''}` });
}

/** A call that threw: aborted (the signal's reason), a network failure (retryable), or anything else. */
export function toCluAuthoringError(operation: string, error: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return signal.reason;
  const restError = error as { name?: string; code?: string; statusCode?: number; message?: string };
  if (restError?.name === 'RestError' && restError.statusCode === undefined) {
    return new ProviderCallError({ provider: cluAuthoringProvider, operation, retryable: true, message: `network failure${restError.code ? ` (${restError.code})` : ''}` });
  }
  if (restError?.name === 'RestError') return cluCallFailure(operation, restError.statusCode!, undefined);
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderCallError({ provider: cluAuthoringProvider, operation, retryable: false, message });
}

/** `: Code message (inner code: inner message)`; a code that only repeats the status is left out. */
function describe(error: ServiceError | undefined, status?: string): string {
  if (!error) return '';
  if (error.code === status) return `: ${(error.message ?? '').slice(0, 300)}`;
  const inner = error.innererror?.message && error.innererror.message !== error.message ? ` (${error.innererror.code ?? ''}: ${error.innererror.message})` : '';
  return `: ${error.code ?? 'Error'} ${(error.message ?? '').slice(0, 300)}${inner.slice(0, 300)}`.trimEnd();
}
