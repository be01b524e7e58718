/**
 * Text folding for search: the TypeScript twin of SQL `k_fold` (migration 20261128000100:
 * `lower(unaccent(x))`), so a word folded in the browser, in Node and in PostgreSQL is the same
 * word. `kernel/fold.db.test.ts` checks both on a list of Polish names.
 *
 * The rule: decompose (NFD) and drop combining marks (ą ć ę ń ó ś ź ż and any Latin accent), map
 * ł/Ł (a letter of its own, not an accent) to l, then lower-case. For Polish text this is exactly
 * what `unaccent` does; for letters `unaccent` expands (ß -> ss, æ -> ae) it is not, which the
 * database test leaves out on purpose.
 *
 * @example
 * fold('Łódź')                   // => 'lodz'
 * fold('ul. Marszałkowska')      // => 'ul. marszalkowska'
 * fold('ŻÓŁTA GĘŚLĄ JAŹŃ')       // => 'zolta gesla jazn'
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁ]/g, (c) => (c === 'ł' ? 'l' : 'L'))
    .toLowerCase();
}

/**
 * A slug-like code from a name: folded, every run of other characters one dash, no dashes at the ends.
 *
 * @example
 * codeFromName('Praga Południe') // => 'praga-poludnie'
 */
export function codeFromName(name: string): string {
  return fold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
