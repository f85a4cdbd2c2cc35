/**
 * The emulated resource's users and their access tokens. A user id is `8:acs:<resource id>_<uuid>`,
 * as the service's; a token is a JWT the emulator signs (HS256, with a secret of its own) with the
 * claims a real token carries (`skypeid`, `scp`, `acsScope`, `resourceId`, `exp`…), so
 * AzureCommunicationTokenCredential parses it. A token is honoured while it is unexpired (on the
 * emulator's clock), its user exists, and its user's tokens have not been revoked since it was issued.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { signJwt } from '../bot-framework/sign-jwt.js';

/** The scopes a token may hold. */
export const tokenScopes = ['chat', 'voip', 'chat.join', 'chat.join.limited', 'voip.join'] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** A token's life in minutes: the service's default and bounds. */
export const tokenMinutes = { default: 1440, min: 60, max: 1440 } as const;

export interface AcsTokenGrant {
  token: string;
  userId: string;
  scopes: readonly TokenScope[];
  expiresAt: number;
}

export interface IdentityStore {
  /** The resource's id: the middle of every user id. */
  readonly resourceId: string;
  /** The users that exist, by id. */
  readonly users: Map<string, { createdAt: number }>;
  /** Live tokens; revoking a user's tokens removes them. */
  readonly tokens: Map<string, AcsTokenGrant>;
  /** The key tokens are signed with (HS256). */
  readonly secret: string;
  now(): number;
}

export function createIdentityStore(resourceId: string, now: () => number): IdentityStore {
  return { resourceId, users: new Map(), tokens: new Map(), secret: randomBytes(32).toString('hex'), now };
}

export function createUser(store: IdentityStore): string {
  const id = `8:acs:${store.resourceId}_${randomUUID()}`;
  store.users.set(id, { createdAt: store.now() });
  return id;
}

/** Mints a token for an existing user. */
export function issueToken(store: IdentityStore, userId: string, scopes: readonly TokenScope[], minutes: number = tokenMinutes.default): AcsTokenGrant {
  const issuedAt = store.now();
  const expiresAt = issuedAt + minutes * 60_000;
  const suffix = userId.slice('8:'.length);
  const claims = {
    skypeid: suffix,
    scp: 1792,
    csi: String(Math.floor(issuedAt / 1000)),
    exp: Math.floor(expiresAt / 1000),
    rgn: 'amer',
    acsScope: scopes.join(','),
    resourceId: store.resourceId,
    resourceLocation: 'unitedstates',
    iat: Math.floor(issuedAt / 1000),
    // Two tokens minted in the same second for the same user still differ.
    jti: randomUUID(),
  };
  const token = signJwt({ kid: 'parley-acs-emulator' }, claims, { alg: 'HS256', secret: store.secret });
  const grant = { token, userId, scopes: [...scopes], expiresAt };
  store.tokens.set(token, grant);
  return grant;
}

/** The grant of a token the emulator minted, still live; undefined for anything else. */
export function verifyToken(store: IdentityStore, token: string | undefined): AcsTokenGrant | undefined {
  if (!token) return undefined;
  const [header, claims, signature] = token.split('.');
  if (!header || !claims || signature === undefined) return undefined;
  const expected = createHmac('sha256', store.secret).update(`${header}.${claims}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const grant = store.tokens.get(token);
  if (!grant || grant.expiresAt <= store.now() || !store.users.has(grant.userId)) return undefined;
  return grant;
}

/** Revokes every token the user holds. */
export function revokeTokens(store: IdentityStore, userId: string): void {
  for (const [token, grant] of store.tokens) if (grant.userId === userId) store.tokens.delete(token);
}

export function deleteUser(store: IdentityStore, userId: string): void {
  revokeTokens(store, userId);
  store.users.delete(userId);
}
