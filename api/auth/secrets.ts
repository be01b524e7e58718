/**
 * Secrets at rest: staff passwords with scrypt (slow, salted); API keys are 256-bit random values,
 * so a fast SHA-256 is enough and lets a key be found by its hash in one index lookup.
 */
import crypto from 'node:crypto';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

export function hashPassword(password: string): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts;
  const expected = Buffer.from(hash, 'base64url');
  const actual = crypto.scryptSync(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return crypto.timingSafeEqual(expected, actual);
}

/** A one-time password that is easy to read out and type: 4 groups of 4 unambiguous characters. */
export function oneTimePassword(): string {
  return groups(randomChars(16), 4);
}

export function newApiKey(): string {
  return `kk_${crypto.randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Crockford base32 without I, L, O, U: nothing to mishear on the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function randomChars(n: number): string {
  const bytes = crypto.randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHABET[bytes[i] & 31];
  return out;
}

function groups(s: string, size: number): string {
  return s.match(new RegExp(`.{1,${size}}`, 'g'))!.join('-');
}

/**
 * Public request id: 10 random base32 characters (50 bits), grouped as `XXXX-XXX-XXX`, so ids
 * cannot be enumerated and are still easy to read out on the phone.
 */
export function newPublicRequestId(): string {
  const s = randomChars(10);
  return `${s.slice(0, 4)}-${s.slice(4, 7)}-${s.slice(7)}`;
}
