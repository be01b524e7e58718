import assert from 'node:assert/strict';
import { hashApiKey, hashPassword, newApiKey, newPublicRequestId, oneTimePassword, verifyPassword } from './secrets';

describe('secrets', () => {
  it('hash passwords with a salt and verify them', () => {
    const a = hashPassword('correct horse');
    const b = hashPassword('correct horse');
    assert.notEqual(a, b, 'salted');
    assert.ok(!a.includes('correct horse'));
    assert.equal(verifyPassword('correct horse', a), true);
    assert.equal(verifyPassword('wrong horse', a), false);
    assert.equal(verifyPassword('correct horse', 'garbage'), false);
  });

  it('make API keys that are long, unique and stored only as a hash', () => {
    const k1 = newApiKey();
    const k2 = newApiKey();
    assert.notEqual(k1, k2);
    assert.ok(k1.length >= 40);
    assert.match(hashApiKey(k1), /^[0-9a-f]{64}$/);
    assert.equal(hashApiKey(k1), hashApiKey(k1));
  });

  it('make public request ids readable over the phone and not sequential', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newPublicRequestId()));
    assert.equal(ids.size, 2000);
    for (const id of ids) assert.match(id, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$/);
    assert.match(oneTimePassword(), /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  });
});
