/** How the Language service answers, errors included: `{ error: { code, message, innererror? } }` plus `x-ms-error-code`. */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export interface CluErrorBody {
  code: string;
  message: string;
  innererror?: { code: string; message: string };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'apim-request-id': randomUUID(),
    ...headers,
  });
  response.end(text);
}

/** A 202 or 204 without a body (a job's `operation-location` goes in the headers). */
export function sendEmpty(response: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-length': 0, 'apim-request-id': randomUUID(), ...headers });
  response.end();
}

export function sendError(response: ServerResponse, status: number, error: CluErrorBody, headers: Record<string, string> = {}): void {
  sendJson(response, status, { error }, { 'x-ms-error-code': error.code, ...headers });
}

/** The gateway's answer to a missing or wrong key (the code is the status, as a string). */
export const accessDenied: CluErrorBody = {
  code: '401',
  message:
    'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
};

/** The gateway's answer to a path or api-version it does not serve. */
export const resourceNotFound: CluErrorBody = { code: '404', message: 'Resource not found' };

export const internalError: CluErrorBody = { code: 'InternalServerError', message: 'Internal server error.' };

export const throttled: CluErrorBody = { code: 'TooManyRequests', message: 'Rate limit is exceeded. Try again in 1 seconds.' };

export function invalidRequest(message: string, innerCode = 'InvalidParameterValue'): CluErrorBody {
  return { code: 'InvalidArgument', message: 'Invalid Request.', innererror: { code: innerCode, message } };
}

/** A 200 whose body breaks off mid-way: what a truncated answer looks like to the client. */
export function sendMalformed(response: ServerResponse): void {
  const text = '{"kind":"ConversationResult","result":{"query":';
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
