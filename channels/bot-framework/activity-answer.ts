/**
 * What a Bot Framework request is answered with: a status and a JSON body. Its own module, free of
 * botbuilder, so the HTTP layer can refuse a request before botbuilder is loaded.
 */

export interface ActivityAnswer {
  status: number;
  /** JSON; absent for a plain acknowledgement. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Stable codes a caller can branch on, in `{ error: { code, message } }`. */
export type BotFrameworkErrorCode =
  | 'invalid-json'
  | 'invalid-activity'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'method-not-allowed'
  | 'unauthorized'
  | 'service-url-not-allowed'
  | 'authentication-unavailable'
  | 'activity-id-reused'
  | 'conversation-busy'
  | 'at-capacity'
  | 'connector-failed'
  | 'not-implemented'
  | 'internal';

export function errorAnswer(status: number, code: BotFrameworkErrorCode, message: string, details?: string[]): ActivityAnswer {
  return { status, body: { error: details ? { code, message, details } : { code, message } } };
}
