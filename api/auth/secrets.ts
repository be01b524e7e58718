/**
 * Secrets at rest: staff passwords with scrypt (slow, salted, memory-hard); API keys are 256-bit
 * random values, so a fast SHA-256 is enough and lets a key be found by its hash in one index lookup.
 *
 * Password hashes carry their parameters (`scrypt$N$r$p$salt$hash`), so hashes made with older,
 * cheaper parameters (N=2^14 before issue #11) still verify, and `needsRehash` tells the login to
 * store a fresh hash at today's strength once it has the password in hand.
 */
import crypto from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's recommendation for scrypt (2025): N=2^17, r=8, p=1 (128 MiB of memory per hash). */
export const DEFAULT_SCRYPT_LOG2N = 17;
const KEYLEN = 32;
/** Refuse stored parameters beyond this (a corrupt row must not make us allocate gigabytes). */
const MAX_N = 2 ** 20;

let current: ScryptParams = { N: 2 ** DEFAULT_SCRYPT_LOG2N, r: 8, p: 1 };

/**
 * The cost of new hashes, from the configuration (`KONTAKT_PASSWORD_COST`, log2 of N; default 17).
 * Only the test suite lowers it, to keep hundreds of test logins fast; see README, Configuration.
 */
export function setPasswordCost(log2N: number): void {
  current = { N: 2 ** log2N, r: 8, p: 1 };
}

export const passwordParams = (): ScryptParams => ({ ...current });

/** scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below N=2^17, so allow twice that. */
const maxmem = ({ N, r }: ScryptParams) => 2 * 128 * N * r;

function scrypt(password: string, salt: Buffer, keylen: number, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    // Async: 0.6 s of hashing on the event loop would stall every other request of the server.
    crypto.scrypt(password, salt, keylen, { ...params, maxmem: maxmem(params) }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string, params: ScryptParams = current): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, KEYLEN, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** The parameters stored in a hash, or undefined when it is not one of ours (or absurd). */
export function parsePasswordHash(stored: string): (ScryptParams & { salt: Buffer; hash: Buffer }) | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every(Number.isInteger) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
  const hash = Buffer.from(parts[5], 'base64url');
  if (hash.length < 16) return undefined;
  return { N, r, p, salt: Buffer.from(parts[4], 'base64url'), hash };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const actual = await scrypt(password, parsed.salt, parsed.hash.length, parsed);
  return crypto.timingSafeEqual(parsed.hash, actual);
}

/** True when a (verified) hash was made with other parameters than today's: store a new one. */
export function needsRehash(stored: string): boolean {
  const parsed = parsePasswordHash(stored);
  return !parsed || parsed.N !== current.N || parsed.r !== current.r || parsed.p !== current.p;
}

const dummies = new Map<string, Promise<string>>();
/**
 * A hash of a random password at today's parameters, verified when the e-mail is unknown, so an
 * unknown account costs the same scrypt time as a known one (no account enumeration by timing).
 */
export function dummyPasswordHash(): Promise<string> {
  const key = `${current.N}/${current.r}/${current.p}`;
  let dummy = dummies.get(key);
  if (!dummy) {
    dummy = hashPassword(crypto.randomBytes(16).toString('hex'));
    dummies.set(key, dummy);
    // A failed hash (out of memory, say) must not stay cached as a rejection for every later login.
    dummy.catch(() => dummies.delete(key));
  }
  return dummy;
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
