/**
 * Rate limits for every public write endpoint: Open311 POSTs per API key (issue #3 §9), "me too"
 * per client address (issue #6), staff logins per address (issue #5). A token bucket per key holds
 * `limit` tokens and refills them evenly over `windowMs`. Kept in the memory of one process; one
 * instance per surface, passed in (no module state). A restart forgets it, which is acceptable
 * for abuse damping; a cluster of servers would need a shared store.
 */
import { Errors } from '../errors';

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Above this many keys, full (idle) buckets are dropped so a flood of addresses cannot grow memory without bound. */
const MAX_KEYS = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number; limit: number; windowMs: number }>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Takes one token of `limit` per `windowMs` (default a minute) for `key`. */
  take(key: string, limit: number, windowMs = 60_000): RateDecision {
    const now = this.now();
    const rate = limit / windowMs; // tokens per millisecond
    if (this.buckets.size > MAX_KEYS) this.evictIdle(now);
    const bucket = this.buckets.get(key) ?? { tokens: limit, at: now, limit, windowMs };
    bucket.tokens = Math.min(limit, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    bucket.limit = limit;
    bucket.windowMs = windowMs;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000)) };
  }

  /** Like take, but throws the catalogue's 429 (with Retry-After) when the key is over its limit. */
  enforce(key: string, limit: number, windowMs: number): void {
    const decision = this.take(key, limit, windowMs);
    if (!decision.ok) throw Errors.rateLimited(decision.retryAfterSeconds);
  }

  private evictIdle(now: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + ((now - b.at) * b.limit) / b.windowMs >= b.limit) this.buckets.delete(key);
  }
}
