/**
 * The access-key check of the identity and SMS APIs, as the service makes it: the body's SHA-256
 * must be the `x-ms-content-sha256` header, and the `Authorization: HMAC-SHA256
 * SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=…` must be the HMAC-SHA256, keyed with
 * the base64-decoded access key, of `VERB \n path?query \n` and the signed headers' values joined
 * by `;`. The date is checked against the machine's clock (the client signs with it), not the
 * emulator's injected one.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { acsErrors } from './acs-wire.js';

/** How far `x-ms-date` may be from the machine's clock. */
export const signatureClockSkewMs = 15 * 60_000;

const authorizationShape = /^HMAC-SHA256 SignedHeaders=([^&\s]+)&Signature=(\S+)$/;

/**
 * Throws the service's 401 `Denied` when the request is not signed with `accessKey`.
 *
 * @example
 * checkHmacSignature(request, body, Buffer.from(accessKey, 'base64'));
 */
export function checkHmacSignature(request: IncomingMessage, body: Buffer, accessKey: Buffer, now: number = Date.now()): void {
  const authorization = header(request, 'authorization');
  const parts = authorization === undefined ? null : authorizationShape.exec(authorization);
  if (!parts?.[1] || !parts[2]) throw acsErrors.denied('Denied by the resource provider.');
  const contentHash = createHash('sha256').update(body).digest('base64');
  if (header(request, 'x-ms-content-sha256') !== contentHash) throw acsErrors.denied("Request 'x-ms-content-sha256' differs from generated content hash.");
  const date = Date.parse(header(request, 'x-ms-date') ?? header(request, 'date') ?? '');
  if (!Number.isFinite(date) || Math.abs(now - date) > signatureClockSkewMs) throw acsErrors.denied('Request date is missing or outside the allowed time window.');

  const signedHeaders = parts[1].toLowerCase().split(';');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-ms-content-sha256')) throw acsErrors.denied('Denied by the resource provider.');
  const values = signedHeaders.map((name) => header(request, name) ?? '');
  const url = new URL(request.url ?? '/', 'https://localhost');
  const query = url.searchParams.toString();
  const stringToSign = `${(request.method ?? 'GET').toUpperCase()}\n${query ? `${url.pathname}?${query}` : url.pathname}\n${values.join(';')}`;
  const expected = createHmac('sha256', accessKey).update(stringToSign, 'utf8').digest();
  const given = Buffer.from(parts[2], 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw acsErrors.denied('Denied by the resource provider.');
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
