/** The operator routes' error replies: JSON `{ error: { code, message } }`, as the web chat API's. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Stable codes an operator's tooling can branch on. */
export type OperatorErrorCode = 'operator-disabled' | 'unauthorized' | 'invalid-conversation-id' | 'conversation-not-found' | 'conversation-busy';

const statusOf: Record<OperatorErrorCode, ContentfulStatusCode> = {
  'operator-disabled': 403,
  unauthorized: 401,
  'invalid-conversation-id': 400,
  'conversation-not-found': 404,
  'conversation-busy': 503,
};

export function operatorError(c: Context, code: OperatorErrorCode, message: string): Response {
  return c.json({ error: { code, message } }, statusOf[code]);
}
