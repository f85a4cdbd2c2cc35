/**
 * Compact JWTs, signed with node:crypto: RS256 as the Bot Framework signs, and, for testing that a bot
 * refuses them, HS256 and the unsigned `alg: none`.
 */
import { createHmac, createSign, type KeyObject } from 'node:crypto';

/** RS256 with a private RSA key; HS256 with a shared secret; `none` with nothing. */
export type JwtSigner = { alg: 'RS256'; key: KeyObject } | { alg: 'HS256'; secret: string } | { alg: 'none' };

/**
 * `header.claims.signature`, base64url. The signer's `alg` is written into the header.
 *
 * @example
 * const forged = signJwt({ kid: emulator.keyId }, { iss: 'https://api.botframework.com', aud: appId }, { alg: 'HS256', secret: appPassword });
 */
export function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>, signer: JwtSigner): string {
  const signed = `${encode({ typ: 'JWT', ...header, alg: signer.alg })}.${encode(claims)}`;
  switch (signer.alg) {
    case 'RS256':
      return `${signed}.${createSign('RSA-SHA256').update(signed).sign(signer.key).toString('base64url')}`;
    case 'HS256':
      return `${signed}.${createHmac('sha256', signer.secret).update(signed).digest('base64url')}`;
    case 'none':
      return `${signed}.`;
  }
}

function encode(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}
