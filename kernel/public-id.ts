/**
 * Public request ids (Open311 service_request_id): random, not guessable, and easy to read over
 * the phone — Crockford base32 without I, L, O, U, grouped 4-3-3 (e.g. `7K3M-Q9X-A2B`), 50 bits.
 * Random bytes come from Web Crypto (`globalThis.crypto`, in Node 20 and every browser).
 *
 * @example
 * newPublicId()                  // => '7K3M-Q9X-A2B' (random)
 * normalisePublicId('0wrb dej 34b') // => '0WRB-DEJ-34B'
 * normalisePublicId('owrb-dej-34b') // => '0WRB-DEJ-34B' (O read as 0, I and L as 1)
 * normalisePublicId('Złota 5')   // => 'Złota 5' (not an id: returned trimmed, unchanged)
 * isPublicId('0WRB-DEJ-34B')     // => true
 */

export const PUBLIC_ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PUBLIC_ID = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$/;

/** Ten characters grouped 4-3-3. */
export function formatPublicId(chars: string): string {
  return `${chars.slice(0, 4)}-${chars.slice(4, 7)}-${chars.slice(7, 10)}`;
}

export function newPublicId(): string {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (let i = 0; i < 10; i++) s += PUBLIC_ID_ALPHABET[bytes[i] & 31];
  return formatPublicId(s);
}

/** Accepts what a caller reads out: lower case, spaces or missing dashes, O for 0, I/L for 1. Anything that is not ten characters comes back trimmed. */
export function normalisePublicId(input: string): string {
  const s = input
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return s.length === 10 ? formatPublicId(s) : input.trim();
}

/** True for a well-formed id in its canonical form (after `normalisePublicId`). A `U` is never issued. */
export function isPublicId(text: string): boolean {
  return PUBLIC_ID.test(text);
}
