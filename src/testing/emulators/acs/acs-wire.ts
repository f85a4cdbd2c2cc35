/**
 * The HTTP surface of Azure Communication Services as the emulator speaks it: which operation a
 * method and path are (ids in paths are percent-encoded: `19%3A…%40thread.v2`, `8%3Aacs%3A…`), the
 * service's error body `{"error":{"code","message"}}`, and JSON answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouterOperation } from './router-wire.js';

export type AcsService = 'identity' | 'chat' | 'sms' | 'router';
export type AcsOperation =
  | 'CreateIdentity'
  | 'DeleteIdentity'
  | 'IssueAccessToken'
  | 'RevokeAccessTokens'
  | 'CreateChatThread'
  | 'ListChatThreads'
  | 'GetChatThreadProperties'
  | 'UpdateChatThreadProperties'
  | 'DeleteChatThread'
  | 'SendChatMessage'
  | 'ListChatMessages'
  | 'GetChatMessage'
  | 'ListChatParticipants'
  | 'AddChatParticipants'
  | 'RemoveChatParticipant'
  | 'SendTypingNotification'
  | 'SendChatReadReceipt'
  | 'ListChatReadReceipts'
  | 'SendSms'
  | RouterOperation;

export interface AcsRoute {
  service: Exclude<AcsService, 'router'>;
  operation: Exclude<AcsOperation, RouterOperation>;
  /** The decoded id in the path: a user id (identity) or a thread id (chat). */
  id?: string;
  messageId?: string;
}

/** An error the service answers: its status, `error.code` and `error.message`, and headers (Retry-After). */
export class AcsWireError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AcsWireError';
  }
}

/** The service's common errors, worded as it words them. */
export const acsErrors = {
  unauthorized: () => new AcsWireError(401, 'Unauthorized', 'Request is not authorized.'),
  denied: (message: string) => new AcsWireError(401, 'Denied', message),
  forbidden: () => new AcsWireError(403, 'Forbidden', 'User is not allowed to perform specified action.'),
  notFound: (what: string) => new AcsWireError(404, 'NotFound', `${what} was not found.`),
  badRequest: (message: string) => new AcsWireError(400, 'BadRequest', message),
  tooManyRequests: (retryAfterSeconds: number) => new AcsWireError(429, 'TooManyRequests', 'Rate limit exceeded.', { 'retry-after': String(retryAfterSeconds) }),
};

/** What an operation answers: a status, a JSON body, headers. */
export interface WireAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const segments: Array<[method: string, pattern: string, service: AcsRoute['service'], operation: AcsRoute['operation']]> = [
  ['POST', 'identities', 'identity', 'CreateIdentity'],
  ['DELETE', 'identities/*', 'identity', 'DeleteIdentity'],
  ['POST', 'identities/*/:issueAccessToken', 'identity', 'IssueAccessToken'],
  ['POST', 'identities/*/:revokeAccessTokens', 'identity', 'RevokeAccessTokens'],
  ['POST', 'chat/threads', 'chat', 'CreateChatThread'],
  ['GET', 'chat/threads', 'chat', 'ListChatThreads'],
  ['GET', 'chat/threads/*', 'chat', 'GetChatThreadProperties'],
  ['PATCH', 'chat/threads/*', 'chat', 'UpdateChatThreadProperties'],
  ['DELETE', 'chat/threads/*', 'chat', 'DeleteChatThread'],
  ['POST', 'chat/threads/*/messages', 'chat', 'SendChatMessage'],
  ['GET', 'chat/threads/*/messages', 'chat', 'ListChatMessages'],
  ['GET', 'chat/threads/*/messages/*', 'chat', 'GetChatMessage'],
  ['GET', 'chat/threads/*/participants', 'chat', 'ListChatParticipants'],
  ['POST', 'chat/threads/*/participants/:add', 'chat', 'AddChatParticipants'],
  ['POST', 'chat/threads/*/participants/:remove', 'chat', 'RemoveChatParticipant'],
  ['POST', 'chat/threads/*/typing', 'chat', 'SendTypingNotification'],
  ['POST', 'chat/threads/*/readReceipts', 'chat', 'SendChatReadReceipt'],
  ['GET', 'chat/threads/*/readReceipts', 'chat', 'ListChatReadReceipts'],
  ['POST', 'sms', 'sms', 'SendSms'],
];

/** The operation at a method and path, or the service's 404. */
export function findRoute(method: string, pathname: string): AcsRoute {
  const parts = pathname.split('/').filter((part) => part !== '');
  for (const [routeMethod, pattern, service, operation] of segments) {
    const expected = pattern.split('/');
    if (routeMethod !== method || expected.length !== parts.length) continue;
    const wild: string[] = [];
    if (!expected.every((part, index) => (part === '*' ? wild.push(decode(parts[index] ?? '')) > 0 : part === parts[index]))) continue;
    return { service, operation, ...(wild[0] === undefined ? {} : { id: wild[0] }), ...(wild[1] === undefined ? {} : { messageId: wild[1] }) };
  }
  throw new AcsWireError(404, 'NotFound', `the emulator answers the identity, chat, SMS and Job Router APIs; not ${method} ${pathname}`);
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The request body as bytes (the HMAC signature covers them exactly). */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A JSON object body, or the service's 400. */
export function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw acsErrors.badRequest('The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw acsErrors.badRequest('The request body must be a JSON object.');
  return value as Record<string, unknown>;
}

export function sendAnswer(response: ServerResponse, answer: WireAnswer): void {
  if (response.headersSent) return;
  const headers: Record<string, string> = { 'x-ms-request-id': crypto.randomUUID(), ...answer.headers };
  if (answer.body === undefined) {
    response.writeHead(answer.status, headers).end();
    return;
  }
  const text = JSON.stringify(answer.body);
  response.writeHead(answer.status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) }).end(text);
}

export function sendError(response: ServerResponse, error: AcsWireError): void {
  sendAnswer(response, { status: error.status, body: { error: { code: error.code, message: error.message } }, headers: error.headers });
}

/** UTF-8 bytes: the service counts message sizes in bytes. */
export const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');
