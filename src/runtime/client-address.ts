/**
 * The address a request came from, for per-client limits: the socket's peer, or, behind trusted
 * proxies, the address the nearest untrusted hop reported in `X-Forwarded-For`. The header is never
 * believed beyond the number of proxies the operator declares, since a client can write anything in it.
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * @example
 * clientAddress(c, 1) // behind one load balancer: the address it saw
 */
export function clientAddress(c: Context, proxyHops = 0): string {
  const socketAddress = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';
  if (proxyHops <= 0) return socketAddress;
  const forwarded = (c.req.header('X-Forwarded-For') ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  // Each trusted proxy appended the address it received from; the last `proxyHops` entries are theirs to vouch for.
  return forwarded[forwarded.length - proxyHops] ?? socketAddress;
}
