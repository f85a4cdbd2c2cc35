/**
 * Per-conversation tokens for the web chat API, like Direct Line's: whoever starts a conversation
 * gets a token for it alone, signed by the server (HMAC-SHA256) and expiring; every route of the
 * conversation requires it, and a valid token can be exchanged for a fresh one before it expires.
 * A conversation id is no longer enough to read or drive a conversation.
 */
import { createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConfigurationError } from '../../src/core/errors.js';

export type TokenCheck = 'valid' | 'missing' | 'invalid' | 'expired';

export interface ConversationTokens {
  /** A token for this conversation, and its lifetime in seconds. */
  issue(conversationId: string): { token: string; expiresIn: number };
  check(token: string | undefined, conversationId: string): TokenCheck;
}

export interface ConversationTokenOptions {
  /** The signing key: at least 32 characters. Every process serving the same conversations needs the same one. Default: random, per process. */
  secret?: string;
  /** Default 3,600 s (an hour), as Direct Line's. */
  ttlSeconds?: number;
  /** Milliseconds since the epoch (default Date.now), for tests. */
  now?: () => number;
}

const tokenShape = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;
const rememberedTokens = 10_000;

/**
 * @example
 * const tokens = createConversationTokens({ secret: process.env.PARLEY_WEB_TOKEN_SECRET });
 * const { token } = tokens.issue('web-5f0c…');
 * tokens.check(token, 'web-5f0c…'); // 'valid'
 */
export function createConversationTokens(options: ConversationTokenOptions = {}): ConversationTokens {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  if (secret.length < 32) throw new ConfigurationError('webChat.tokenSecret', 'must be at least 32 characters; generate one with `openssl rand -base64 32`');
  const ttlSeconds = options.ttlSeconds ?? 3600;
  const now = options.now ?? Date.now;
  // A key object once, rather than the secret's text on every request.
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const sign = (conversationId: string, expires: string) =>
    createHmac('sha256', key).update(`parley web token\n${conversationId}\n${expires}`).digest();

  // Signatures already checked, so that a conversation's next requests cost a lookup, not an HMAC.
  // Only good signatures are kept (no one can fill this with forgeries), at most `rememberedTokens`.
  const verified = new Set<string>();

  return {
    issue(conversationId) {
      const expires = Math.floor(now() / 1000 + ttlSeconds).toString(36);
      return { token: `${expires}.${sign(conversationId, expires).toString('base64url')}`, expiresIn: ttlSeconds };
    },
    check(token, conversationId) {
      if (!token) return 'missing';
      const parts = tokenShape.exec(token);
      if (!parts) return 'invalid';
      const [, expires, signature] = parts;
      const checked = `${conversationId} ${token}`;
      if (!verified.has(checked)) {
        // Compared as text: decoding base64 would let a token with other spare bits pass as the same one.
        if (!timingSafeEqual(Buffer.from(signature!), Buffer.from(sign(conversationId, expires!).toString('base64url')))) return 'invalid';
        verified.add(checked);
        if (verified.size > rememberedTokens) verified.delete(verified.values().next().value!);
      }
      return parseInt(expires!, 36) * 1000 > now() ? 'valid' : 'expired';
    },
  };
}

/** `Authorization: Bearer <token>`; for event streams, which a browser opens without headers, `?token=` too. */
export function readBearerToken(authorization: string | undefined, query?: string): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? (query || undefined);
}
