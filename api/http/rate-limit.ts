/**
 * Per-API-key limit on POSTs (issue #3 §9): a token bucket per client holding `perMinute` tokens,
 * refilled continuously. Kept in memory of one process; one instance per app (no module state).
 */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  take(key: string, perMinute: number): RateDecision {
    const now = this.now();
    const rate = perMinute / 60000; // tokens per millisecond
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000)) };
  }
}
