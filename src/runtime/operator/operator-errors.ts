/** The operator routes' error replies: JSON `{ error: { code, message } }`, as the web chat API's. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Stable codes an operator's tooling can branch on. */
export type OperatorErrorCode = 'operator-disabled' | 'unauthorized' | 'invalid-conversation-id' | 'conversation-not-found' | 'conversation-busy' | 'invalid-json' | 'invalid-payload' | 'notification-refused';

const statusOf: Record<OperatorErrorCode, ContentfulStatusCode> = {
  'operator-disabled': 403,
  unauthorized: 401,
  'invalid-conversation-id': 400,
  'conversation-not-found': 404,
  'conversation-busy': 503,
  'invalid-json': 400,
  'invalid-payload': 422,
  'notification-refused': 409,
};

export function operatorError(c: Context, code: OperatorErrorCode, message: string, details: Record<string, unknown> = {}): Response {
  return c.json({ error: { code, message, ...details } }, statusOf[code]);
}
