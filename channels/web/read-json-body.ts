/**
 * Reads a JSON request body into a zod-validated value, or says which error reply to send:
 * 415 for another content type, 400 for malformed JSON, 422 for the wrong shape. The size limit
 * (413) is enforced before this runs, by hono's `bodyLimit`.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { errorReply } from './api-errors.js';

export type BodyResult<T> = { kind: 'ok'; value: T } | { kind: 'refused'; response: Response };

const jsonType = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export async function readJsonBody<T>(
  c: Context,
  schema: z.ZodType<T>,
  options: { optional?: boolean; hint: string },
): Promise<BodyResult<T | undefined>> {
  const raw = await c.req.text();
  if (options.optional && raw.trim() === '') return { kind: 'ok', value: undefined };
  if (!jsonType.test(c.req.header('Content-Type') ?? '')) {
    return { kind: 'refused', response: errorReply(c, 'unsupported-media-type', 'Send JSON with Content-Type: application/json.') };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { kind: 'refused', response: errorReply(c, 'invalid-json', 'The body is not valid JSON.') };
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    // Paths and zod's wording only: the customer's values are never echoed back or logged.
    const where = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(body)'))].join(', ');
    return { kind: 'refused', response: errorReply(c, 'invalid-payload', `Unexpected body at ${where}: ${options.hint}.`) };
  }
  return { kind: 'ok', value: result.data };
}
