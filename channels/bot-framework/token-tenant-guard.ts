/**
 * A guard in front of botbuilder's token check. Before it verifies anything, botbuilder reads the
 * `tid` claim of any bearer token and, for a tenant it has not seen, adds four issuers to a list it
 * keeps for the whole process (to accept Emulator tokens of single-tenant bots). Unsigned tokens with
 * made-up tenants would grow that list without end, and every later request scans it. So a token's
 * tenant is let through only if it is the bot's own, or one of the first few distinct tenants seen;
 * any other is refused (401) before botbuilder reads it. Tokens from the Bot Framework channels carry
 * no tenant and are never affected.
 */

/** Distinct tenants let through besides the bot's own: enough for a team using the Emulator. */
const defaultMaxTenants = 32;
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TenantGuard {
  /** False when the token names a tenant that must not reach botbuilder. */
  admits(authorization: string): boolean;
}

export function createTenantGuard(options: { tenantId?: string; maxTenants?: number } = {}): TenantGuard {
  const maxTenants = options.maxTenants ?? defaultMaxTenants;
  const seen = new Set<string>();
  return {
    admits(authorization) {
      const tenant = tenantOf(authorization);
      if (tenant === undefined || tenant === options.tenantId || seen.has(tenant)) return true;
      if (!guid.test(tenant) || seen.size >= maxTenants) return false;
      seen.add(tenant);
      return true;
    },
  };
}

/** The `tid` claim of a bearer JWT, read without verifying it; undefined when there is none. */
function tenantOf(authorization: string): string | undefined {
  const token = /^Bearer (\S+)$/.exec(authorization)?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { tid?: unknown } | null;
    const tid = claims?.tid;
    // botbuilder skips an empty tenant; anything else it would add, so anything else is checked.
    if (tid === undefined || tid === null || tid === '') return undefined;
    return typeof tid === 'string' ? tid : JSON.stringify(tid);
  } catch {
    return undefined;
  }
}
