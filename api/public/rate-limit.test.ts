import assert from 'node:assert/strict';
import { isAppError } from '../errors';
import { rateLimiter } from './rate-limit';

describe('public rate limiter', () => {
  it('refuses the request over the limit with 429 and frees the window later', () => {
    let t = 0;
    const check = rateLimiter(2, 60000, () => t);
    check('1.2.3.4');
    check('1.2.3.4');
    check('5.6.7.8');
    try {
      check('1.2.3.4');
      assert.fail('should refuse');
    } catch (err) {
      assert.ok(isAppError(err));
      assert.equal(err.status, 429);
      assert.equal(err.headers['Retry-After'], '60');
    }
    t = 60000;
    check('1.2.3.4');
  });
});
