/** The web chat API's error replies: JSON `{ error: { code, message } }`, never a stack trace. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Stable codes a client can branch on. */
export type WebChatErrorCode =
  | 'conversation-not-found'
  | 'not-found'
  | 'invalid-json'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'invalid-payload'
  | 'unauthorized'
  | 'token-expired'
  | 'message-id-reused'
  | 'rate-limited'
  | 'too-many-streams'
  | 'conversation-busy'
  | 'at-capacity'
  | 'internal';

export interface WebChatErrorBody {
  error: { code: WebChatErrorCode; message: string };
}

const statusOf: Record<WebChatErrorCode, ContentfulStatusCode> = {
  'conversation-not-found': 404,
  'not-found': 404,
  'invalid-json': 400,
  'unsupported-media-type': 415,
  'payload-too-large': 413,
  'invalid-payload': 422,
  unauthorized: 401,
  'token-expired': 401,
  'message-id-reused': 409,
  'rate-limited': 429,
  'too-many-streams': 429,
  'conversation-busy': 503,
  'at-capacity': 503,
  internal: 500,
};

export function errorReply(c: Context, code: WebChatErrorCode, message: string, retryAfterSeconds?: number): Response {
  const body: WebChatErrorBody = { error: { code, message } };
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
  if (code === 'unauthorized' || code === 'token-expired') headers['WWW-Authenticate'] = `Bearer${code === 'token-expired' ? ' error="invalid_token"' : ''}`;
  return c.json(body, statusOf[code], headers);
}

export const conversationNotFound = (c: Context): Response =>
  errorReply(c, 'conversation-not-found', 'No such conversation. Start one with POST /api/conversations.');
