import assert from 'node:assert/strict';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows perMinute calls, then says when to retry, and refills over time, per key', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 3; i++) assert.deepEqual(limiter.take('a', 3), { ok: true });
    assert.deepEqual(limiter.take('a', 3), { ok: false, retryAfterSeconds: 20 });
    assert.deepEqual(limiter.take('b', 3), { ok: true }, 'another key has its own bucket');
    now += 20000;
    assert.deepEqual(limiter.take('a', 3), { ok: true });
    assert.equal(limiter.take('a', 3).ok, false);
  });
});
