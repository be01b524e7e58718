import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { loadConfig } from '../config';
import {
  hashApiKey,
  hashPassword,
  needsRehash,
  newApiKey,
  newPublicRequestId,
  oneTimePassword,
  parsePasswordHash,
  passwordParams,
  setPasswordCost,
  verifyPassword,
} from './secrets';

describe('secrets', () => {
  it('hash passwords with a salt and verify them', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    assert.notEqual(a, b, 'salted');
    assert.ok(!a.includes('correct horse'));
    assert.equal(await verifyPassword('correct horse', a), true);
    assert.equal(await verifyPassword('wrong horse', a), false);
    assert.equal(await verifyPassword('correct horse', 'garbage'), false);
    assert.equal(
      await verifyPassword('correct horse', 'scrypt$1099511627776$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAA'),
      false,
      'absurd parameters are refused, not allocated',
    );
  });

  it('hash at OWASP strength by default: scrypt N=2^17, r=8, p=1, parameters in the hash', async function () {
    this.timeout(30_000);
    const config = loadConfig({});
    assert.equal(config.passwordCost, 17);
    const saved = passwordParams();
    setPasswordCost(config.passwordCost);
    try {
      const started = process.hrtime.bigint();
      const hash = await hashPassword('correct horse battery');
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const parsed = parsePasswordHash(hash)!;
      assert.deepEqual([parsed.N, parsed.r, parsed.p], [2 ** 17, 8, 1]);
      assert.match(hash, /^scrypt\$131072\$8\$1\$/);
      assert.equal(await verifyPassword('correct horse battery', hash), true);
      assert.equal(needsRehash(hash), false);
      console.log(`      (one scrypt N=2^17 hash took ${ms.toFixed(0)} ms on this machine)`);
    } finally {
      setPasswordCost(Math.log2(saved.N));
    }
  });

  it('still verify hashes of the old parameters (N=2^14) and ask for them to be redone', async () => {
    // Made exactly as before issue #11: scryptSync, N=16384, r=8, p=1, 32 bytes.
    const salt = crypto.randomBytes(16);
    const old = `scrypt$16384$8$1$${salt.toString('base64url')}$${crypto.scryptSync('pw of 2025', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64url')}`;
    assert.equal(await verifyPassword('pw of 2025', old), true);
    assert.equal(await verifyPassword('pw of 2024', old), false);
    assert.equal(needsRehash(old), true);
    assert.equal(needsRehash(await hashPassword('x')), false);
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
