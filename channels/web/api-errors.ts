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
  internal: 500,
};

export function errorReply(c: Context, code: WebChatErrorCode, message: string): Response {
  const body: WebChatErrorBody = { error: { code, message } };
  return c.json(body, statusOf[code], { 'Cache-Control': 'no-store' });
}

export const conversationNotFound = (c: Context): Response =>
  errorReply(c, 'conversation-not-found', 'No such conversation. Start one with POST /api/conversations.');
