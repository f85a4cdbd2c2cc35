/**
 * The agent desk API's error replies: JSON `{ error: { code, message } }`, as the web chat's and the
 * operator routes' (whose `unauthorized` 401 and `operator-disabled` 403 the desk's API answers too).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Stable codes the desk page and an operator's tooling branch on. */
export type AgentDeskErrorCode =
  | 'handoff-not-found'
  | 'handoff-not-waiting'
  | 'handoff-not-joined'
  | 'handoff-full'
  | 'message-too-long'
  | 'invalid-json'
  | 'invalid-payload'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'too-many-streams'
  | 'not-found'
  | 'internal';

export interface AgentDeskErrorBody {
  error: { code: AgentDeskErrorCode; message: string };
}

const statusOf: Record<AgentDeskErrorCode, ContentfulStatusCode> = {
  'handoff-not-found': 404,
  'handoff-not-waiting': 409,
  'handoff-not-joined': 409,
  'handoff-full': 409,
  'message-too-long': 413,
  'invalid-json': 400,
  'invalid-payload': 400,
  'unsupported-media-type': 415,
  'payload-too-large': 413,
  'too-many-streams': 429,
  'not-found': 404,
  internal: 500,
};

export function deskError(c: Context, code: AgentDeskErrorCode, message: string, retryAfterSeconds?: number): Response {
  const body: AgentDeskErrorBody = { error: { code, message } };
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
  return c.json(body, statusOf[code], headers);
}
