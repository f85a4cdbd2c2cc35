/**
 * A token bucket per key (a client address, a conversation): `perMinute` requests, of which all may
 * come at once, refilled evenly over the minute. At most `maxKeys` keys are tracked, so a flood of
 * distinct keys cannot grow memory without bound.
 */

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes one request for `key`, or says how long until one is allowed. */
  take(key: string): RateDecision;
}

export interface RateLimiterOptions {
  perMinute: number;
  /** Keys tracked at most (default 100,000); beyond it the least recently used go, which only makes the limit more lenient. */
  maxKeys?: number;
  /** Milliseconds (default performance.now), for tests. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * @example
 * const perAddress = createRateLimiter({ perMinute: 30 });
 * const decision = perAddress.take('203.0.113.7');
 * if (!decision.allowed) return tooMany(decision.retryAfterSeconds);
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const capacity = options.perMinute;
  const perMs = capacity / 60_000;
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? (() => performance.now());
  // A Map iterates in insertion order; re-inserting on every use keeps the least recently used first.
  const buckets = new Map<string, Bucket>();

  return {
    take(key) {
      const time = now();
      const bucket = buckets.get(key);
      const tokens = bucket ? Math.min(capacity, bucket.tokens + (time - bucket.at) * perMs) : capacity;
      if (bucket) buckets.delete(key);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: time });
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
      }
      buckets.set(key, { tokens: tokens - 1, at: time });
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
      return { allowed: true };
    },
  };
}
