/**
 * Who may use the operator routes (erasing a conversation, and later the agent desk): a caller
 * presenting the operator token, `Authorization: Bearer <token>`. The token is compared in constant
 * time, as a digest, so neither its content nor its length leaks through timing. Without a configured
 * token the operator routes are off.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.js';
import type { RuntimeMetrics } from '../metrics.js';
import { clientAddress } from '../client-address.js';
import { operatorError } from './operator-errors.js';

export interface OperatorAuthOptions {
  /** The operator token (`operator.token`, `PARLEY_OPERATOR_TOKEN`); undefined turns the routes off. */
  token: string | undefined;
  logger: Logger;
  metrics: RuntimeMetrics;
  proxyHops: number;
}

/** Hono middleware: lets a request through only with the operator token. */
export function requireOperator({ token, logger, metrics, proxyHops }: OperatorAuthOptions): MiddlewareHandler {
  const expected = token === undefined ? undefined : digest(token);
  return async (c, next) => {
    if (!expected) return operatorError(c, 'operator-disabled', 'The operator routes are off: set operator.token (PARLEY_OPERATOR_TOKEN) to use them.');
    const presented = /^Bearer +(\S+) *$/i.exec(c.req.header('Authorization') ?? '')?.[1];
    if (!presented || !timingSafeEqual(digest(presented), expected)) {
      metrics.countError('operator-auth');
      // Where the attempt came from, never what it presented.
      logger.warn({ path: c.req.path, method: c.req.method, client: clientAddress(c, proxyHops), presented: presented !== undefined }, 'operator request refused');
      c.header('WWW-Authenticate', 'Bearer realm="parley-operator"');
      return operatorError(c, 'unauthorized', presented ? 'The operator token is not right.' : 'Send the operator token: Authorization: Bearer <token>.');
    }
    await next();
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
