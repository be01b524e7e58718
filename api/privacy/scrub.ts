/**
 * Removes personal data from free text before it is shown publicly (issue #4, anchors §18.10):
 * e-mail addresses and phone numbers (Polish formats: +48 / 0048 prefix, 9 digits in groups of
 * 3-3-3 or 2-3-2-2 with spaces or dashes, or run together). House numbers, dates and short numbers
 * are left alone: a phone number needs at least 9 digits.
 *
 * The same patterns run in JavaScript (intake) and in SQL `regexp_replace` (batch resolution), so
 * they use only syntax both understand: no lookbehind, no named groups.
 */
export const SCRUB_MARK = '[…]';

/** [pattern, why] pairs; applied in order. */
export const SCRUB_PATTERNS: ReadonlyArray<readonly [string, string]> = [
  ['[A-Za-z0-9ąćęłńóśźżĄĆĘŁŃÓŚŹŻ._%+-]+@[A-Za-z0-9ąćęłńóśźżĄĆĘŁŃÓŚŹŻ.-]+[.][A-Za-z]{2,}', 'e-mail address'],
  ['(\\+|00)48[ -]?[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{3}', 'phone with country code'],
  ['(\\+|00)48[ -]?[0-9]{2}[ -]?[0-9]{3}[ -]?[0-9]{2}[ -]?[0-9]{2}', 'landline with country code'],
  ['(\\+|00)[1-9][0-9]{0,2}([ .-]?[0-9]{2,4}){3,5}', 'foreign phone with country code'],
  ['\\(?[0-9]{2}\\)?[ -][0-9]{3}[ -][0-9]{2}[ -][0-9]{2}', 'landline 22 123 45 67'],
  ['[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{3}', 'nine digits'],
];

const COMPILED = SCRUB_PATTERNS.map(([p]) => new RegExp(p, 'g'));

export function scrubPersonalData(text: string): string {
  let out = text;
  for (const re of COMPILED) out = out.replace(re, SCRUB_MARK);
  return out;
}

/**
 * The same scrub as a SQL expression over `column` (for set-based batch work), for knex.raw:
 * `?` is escaped so knex does not take it for a binding.
 */
export function scrubSql(column: string): string {
  let expr = column;
  for (const [p] of SCRUB_PATTERNS) expr = `regexp_replace(${expr}, '${p.replace(/'/g, "''").replace(/\?/g, '\\?')}', '${SCRUB_MARK}', 'g')`;
  return expr;
}
