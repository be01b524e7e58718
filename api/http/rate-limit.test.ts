import assert from 'node:assert/strict';
import { isAppError } from '../errors';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows the limit per window, then says when to retry, and refills over time, per key', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 3; i++) assert.deepEqual(limiter.take('a', 3), { ok: true });
    assert.deepEqual(limiter.take('a', 3), { ok: false, retryAfterSeconds: 20 });
    assert.deepEqual(limiter.take('b', 3), { ok: true }, 'another key has its own bucket');
    now += 20000;
    assert.deepEqual(limiter.take('a', 3), { ok: true });
    assert.equal(limiter.take('a', 3).ok, false);
  });

  it('refuses with a 429 and Retry-After when enforced, and frees the key later', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    limiter.enforce('1.2.3.4', 2, 60000);
    limiter.enforce('1.2.3.4', 2, 60000);
    limiter.enforce('5.6.7.8', 2, 60000);
    assert.throws(
      () => limiter.enforce('1.2.3.4', 2, 60000),
      (err: unknown) => isAppError(err) && err.status === 429 && err.headers['Retry-After'] === '30',
    );
    now = 30000;
    limiter.enforce('1.2.3.4', 2, 60000);
  });

  it('forgets idle keys when very many addresses come by, but keeps those still limited', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    limiter.take('busy', 1, 3_600_000);
    for (let i = 0; i < 10_050; i++) limiter.take(`ip${i}`, 100, 1000);
    now = 5000; // every ipN bucket is full again; "busy" is still empty
    limiter.take('trigger', 100, 1000);
    assert.equal(limiter.take('busy', 1, 3_600_000).ok, false, 'a limited key survives eviction');
  });
});
