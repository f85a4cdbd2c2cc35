/**
 * Who may post events: Event Grid, proven by one of the ways it offers a webhook. A shared secret in
 * the endpoint's URL (`?code=…`) or in a delivery header (`X-Parley-Webhook-Secret`, one of the
 * subscription's delivery properties), compared in constant time; or a Microsoft Entra token
 * (`Authorization: Bearer`), which Event Grid gets for the app registration the subscription names:
 * its signature is checked against the tenant's published keys, and its issuer, audience and expiry.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';

export interface EventGridAuthOptions {
  /** The shared secret the subscription's endpoint URL (`?code=`) or delivery header carries. */
  secret?: string;
  /** Event Grid's Microsoft Entra authentication: the tokens of this tenant for this audience. */
  entra?: EntraOptions;
}

export interface EntraOptions {
  tenantId: string;
  /** The app registration's application id or id URI the subscription names (the token's `aud`). */
  audience: string;
  /** Default: the tenant's v2.0 OpenID configuration at login.microsoftonline.com. */
  openIdConfigurationUrl?: string;
  /** Default: the tenant's v1 and v2 issuers. */
  issuers?: string[];
}

/** 503 when the Entra keys could not be fetched: Event Grid retries, as it does not after a 401. */
export type AuthVerdict = { ok: true } | { ok: false; status: 401 | 403 | 503; message: string };

/** The header a delivery property can carry the secret in. */
export const secretHeader = 'x-parley-webhook-secret';

/**
 * Builds the check once (the Entra keys are fetched on first use and cached by jose).
 *
 * @example
 * const check = eventGridAuth({ secret: process.env.PARLEY_EVENT_GRID_SECRET });
 * const verdict = await check({ query: url.searchParams.get('code'), header: request.headers.get(secretHeader), authorization });
 */
export function eventGridAuth(options: EventGridAuthOptions): (presented: { code?: string | undefined; header?: string | undefined; authorization?: string | undefined }) => Promise<AuthVerdict> {
  const secret = options.secret === undefined ? undefined : digest(options.secret);
  const entra = options.entra && entraCheck(options.entra);
  return async ({ code, header, authorization }) => {
    if (!secret && !entra) {
      return { ok: false, status: 403, message: 'The Event Grid webhook is off: set eventGrid.secret (PARLEY_EVENT_GRID_SECRET) or eventGrid.entra, and give the subscription the same.' };
    }
    const bearer = authorization && /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
    if (entra && bearer) return entra(bearer);
    const given = header ?? code;
    if (secret && given !== undefined) {
      return timingSafeEqual(digest(given), secret) ? { ok: true } : { ok: false, status: 401, message: 'The webhook secret is not right.' };
    }
    return { ok: false, status: 401, message: secret ? `Send the webhook secret: ?code=<secret> on the endpoint URL, or the ${secretHeader} header.` : 'Send an Entra token: Authorization: Bearer <token>.' };
  };
}

function entraCheck({ tenantId, audience, openIdConfigurationUrl, issuers }: EntraOptions): (token: string) => Promise<AuthVerdict> {
  const configurationUrl = openIdConfigurationUrl ?? `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/v2.0/.well-known/openid-configuration`;
  const allowed = issuers ?? [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];
  let cached: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const keySet = () =>
    (cached ??= fetch(configurationUrl)
      .then(async (response) => {
        if (!response.ok) throw new Error(`the OpenID configuration answered ${response.status}`);
        const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: unknown };
        if (typeof jwksUri !== 'string') throw new Error('the OpenID configuration has no jwks_uri');
        return createRemoteJWKSet(new URL(jwksUri));
      })
      .catch((error: unknown) => {
        // Tried again with the next delivery.
        cached = undefined;
        throw error;
      }));
  return async (token) => {
    let keys: Awaited<ReturnType<typeof keySet>>;
    try {
      keys = await keySet();
    } catch {
      return { ok: false, status: 503, message: 'The Entra signing keys could not be fetched; retry shortly.' };
    }
    try {
      await jwtVerify(token, keys, { audience, issuer: allowed, algorithms: ['RS256'], clockTolerance: 300 });
      return { ok: true };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const why = typeof code === 'string' && code.startsWith('ERR_JWT') ? code : 'the token could not be checked';
      return { ok: false, status: 401, message: `The Entra token was refused (${why}).` };
    }
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
