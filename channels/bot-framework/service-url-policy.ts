/**
 * Which `serviceUrl`s the bot POSTs replies to. The activity names the URL, so without
 * authentication anyone who can reach the route could make the bot send requests to any host;
 * with authentication the token's `serviceurl` claim vouches for it (botbuilder checks that).
 */
import { ConfigurationError } from '../../src/core/errors.js';

export interface ServiceUrlPolicyOptions {
  /** Bot Framework tokens are checked: any serviceUrl a token vouches for is allowed, unless `allowed` is given. */
  authenticated: boolean;
  /**
   * URL prefixes replies may go to besides loopback: `https://smba.trafficmanager.net/` or, for every
   * subdomain, `https://*.botframework.com/`. Given, it applies with authentication too.
   */
  allowed?: readonly string[];
  /** Names the setting in errors. Default `allowedServiceUrls`. */
  key?: string;
}

interface Prefix {
  protocol: string;
  host: string;
  wildcard: boolean;
  port: string;
  path: string;
}

/**
 * A check for an activity's serviceUrl. Loopback addresses (127.0.0.0/8, ::1, localhost) are always
 * allowed: that is where the Emulator listens.
 *
 * @example
 * const allowed = createServiceUrlPolicy({ authenticated: false, allowed: ['https://smba.trafficmanager.net/'] });
 * allowed('https://smba.trafficmanager.net/amer/') // true
 * allowed('https://attacker.example/') // false
 */
export function createServiceUrlPolicy(options: ServiceUrlPolicyOptions): (serviceUrl: string) => boolean {
  const key = options.key ?? 'allowedServiceUrls';
  const prefixes = options.allowed?.map((entry, index) => parsePrefix(entry, `${key}.${index}`));
  if (!prefixes && options.authenticated) return () => true;
  return (serviceUrl) => {
    if (!URL.canParse(serviceUrl)) return false;
    const url = new URL(serviceUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    return isLoopback(url) || (prefixes ?? []).some((prefix) => matches(prefix, url));
  };
}

/**
 * 127.0.0.0/8, ::1 and localhost; the URL parser has already turned `127.1` or `0x7f000001` into 127.0.0.1.
 *
 * @example
 * isLoopback(new URL('http://localhost:3978/')) // true
 */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function parsePrefix(entry: string, key: string): Prefix {
  if (!URL.canParse(entry)) throw new ConfigurationError(key, 'must be an http:// or https:// URL, like https://smba.trafficmanager.net/');
  const url = new URL(entry);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigurationError(key, 'must be an http:// or https:// URL, like https://smba.trafficmanager.net/');
  if (url.search || url.hash || url.username || url.password) throw new ConfigurationError(key, 'must be a URL prefix without a query, fragment or user name');
  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  const wildcard = host.startsWith('*.');
  if (host.slice(wildcard ? 2 : 0).includes('*')) throw new ConfigurationError(key, 'may hold * only as the first label of the host, like https://*.botframework.com/');
  return { protocol: url.protocol, host: wildcard ? host.slice(1) : host, wildcard, port: url.port, path: url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/` };
}

function matches(prefix: Prefix, url: URL): boolean {
  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  const hostMatches = prefix.wildcard ? host.endsWith(prefix.host) && host.length > prefix.host.length : host === prefix.host;
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return url.protocol === prefix.protocol && hostMatches && url.port === prefix.port && path.startsWith(prefix.path);
}
