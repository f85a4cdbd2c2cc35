/**
 * The address a request came from, for per-client limits: the socket's peer, or, behind trusted
 * proxies, the address the nearest untrusted hop reported in `X-Forwarded-For`. The header is never
 * believed beyond the number of proxies the operator declares, since a client can write anything in it.
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * What the hosts put in hono's `c.env`: Node's request (`@hono/node-server`), or on AWS Lambda the
 * event's request context (`hono/aws-lambda`), where API Gateway or the function URL wrote the
 * address that connected to it.
 */
interface HostBindings {
  incoming?: IncomingMessage;
  requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } };
}

/** The address that connected: to this server, or to API Gateway or the function URL (HTTP API and URLs: `http.sourceIp`; REST API: `identity.sourceIp`). */
function peerAddress(env: HostBindings | undefined): string | undefined {
  return env?.incoming?.socket?.remoteAddress ?? env?.requestContext?.http?.sourceIp ?? env?.requestContext?.identity?.sourceIp;
}

/**
 * @example
 * clientAddress(c, 1) // behind one load balancer: the address it saw
 */
export function clientAddress(c: Context, proxyHops = 0): string {
  const socketAddress = peerAddress(c.env as HostBindings | undefined) ?? 'unknown';
  if (proxyHops <= 0) return socketAddress;
  const forwarded = (c.req.header('X-Forwarded-For') ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  // Each trusted proxy appended the address it received from; the last `proxyHops` entries are theirs to vouch for.
  return forwarded[forwarded.length - proxyHops] ?? socketAddress;
}
