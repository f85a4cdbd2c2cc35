/**
 * The identity API's operations (api-version 2023-10-01): create a user (with a token when
 * `createTokenWithScopes` is given), issue a token, revoke a user's tokens, delete a user. Every call
 * is HMAC-signed with the access key (checked before these run).
 */
import { createIdentityBody, issueTokenBody, readBodyAs } from './acs-bodies.js';
import { acsErrors, type WireAnswer } from './acs-wire.js';
import { createUser, deleteUser, issueToken, revokeTokens, tokenMinutes, tokenScopes, type IdentityStore, type TokenScope } from './identity-store.js';

export function createIdentity(store: IdentityStore, body: unknown): WireAnswer {
  const request = readBodyAs(createIdentityBody, body);
  const scopes = request.createTokenWithScopes === undefined ? undefined : checkScopes(request.createTokenWithScopes);
  const minutes = checkMinutes(request.expiresInMinutes);
  const id = createUser(store);
  if (!scopes?.length) return { status: 201, body: { identity: { id } } };
  const grant = issueToken(store, id, scopes, minutes);
  return { status: 201, body: { identity: { id }, accessToken: { token: grant.token, expiresOn: new Date(grant.expiresAt).toISOString() } } };
}

export function issueAccessToken(store: IdentityStore, userId: string, body: unknown): WireAnswer {
  const request = readBodyAs(issueTokenBody, body);
  const scopes = checkScopes(request.scopes);
  if (scopes.length === 0) throw acsErrors.badRequest('scopes: at least one scope is required');
  const minutes = checkMinutes(request.expiresInMinutes);
  existingUser(store, userId);
  const grant = issueToken(store, userId, scopes, minutes);
  return { status: 200, body: { token: grant.token, expiresOn: new Date(grant.expiresAt).toISOString() } };
}

export function revokeAccessTokens(store: IdentityStore, userId: string): WireAnswer {
  revokeTokens(store, existingUser(store, userId));
  return { status: 204 };
}

export function deleteIdentity(store: IdentityStore, userId: string): WireAnswer {
  deleteUser(store, existingUser(store, userId));
  return { status: 204 };
}

function existingUser(store: IdentityStore, userId: string): string {
  if (!store.users.has(userId)) throw acsErrors.notFound('The identity');
  return userId;
}

function checkScopes(scopes: readonly string[]): TokenScope[] {
  const unknown = scopes.find((scope) => !(tokenScopes as readonly string[]).includes(scope));
  if (unknown !== undefined) throw acsErrors.badRequest(`scopes: ${JSON.stringify(unknown)} is not one of ${tokenScopes.join(', ')}`);
  return [...new Set(scopes)] as TokenScope[];
}

function checkMinutes(minutes: number | undefined): number {
  if (minutes === undefined) return tokenMinutes.default;
  if (minutes < tokenMinutes.min || minutes > tokenMinutes.max) throw acsErrors.badRequest(`expiresInMinutes: must be from ${tokenMinutes.min} to ${tokenMinutes.max}`);
  return minutes;
}
