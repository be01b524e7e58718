/**
 * Public request ids (Open311 service_request_id): random, not guessable, and easy to read over
 * the phone — Crockford base32 without I, L, O, U, grouped 4-3-3 (e.g. 7K3M-Q9X-A2B), 50 bits.
 */
import crypto from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newPublicId(): string {
  const bytes = crypto.randomBytes(10);
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[bytes[i] & 31];
  return `${s.slice(0, 4)}-${s.slice(4, 7)}-${s.slice(7, 10)}`;
}

/** Accepts what a caller reads out: lower case, missing dashes, O for 0, I/L for 1. */
export function normalisePublicId(input: string): string {
  const s = input
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return s.length === 10 ? `${s.slice(0, 4)}-${s.slice(4, 7)}-${s.slice(7, 10)}` : input.trim();
}
