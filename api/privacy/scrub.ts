/**
 * Removes personal data from free text before it is shown publicly (issue #4 §18.10, issue #11 §4):
 * e-mail addresses (also written `jan[at]example[dot]pl`, `jan(at)example.org`), phone numbers and
 * PESEL numbers. Each is replaced by SCRUB_MARK. Only api/privacy/public-text.ts calls this for
 * public output, so every public surface shows the same text.
 *
 * Phone numbers are not recognised by hand-written patterns: the text is cut into digit tokens
 * and the maintained phone metadata of `awesome-phonenumber` (Google's libphonenumber) is asked
 * whether a candidate is a number. Why this shape:
 * - A token is digits with tight separators inside (`601-234-567`, `14.03.2026`, `15/7`, `00-950`),
 *   optionally `+` in front or in parentheses (`(22)`). Tokens separated only by spaces form a run.
 *   Colons, commas and letters end a run, so times (`14:30`), lists (`linia 123, kurs 456`),
 *   amounts (`1 234,50 zł`) and coordinates (`52.2297, 21.0122`) never join a phone number.
 * - A candidate is a window of whole tokens of one run, never part of a token: a long reference
 *   (`1796411985630`) is one token, so it is kept or removed whole, never left as `[…]5630`.
 * - In a window of several tokens only the last may have separators inside: people write a number
 *   either as one token (`601.234.567`, `0048601234567`) or as groups after an optional prefix
 *   (`+48 601 234 567`, `(22) 123-45-67`). A date or a house number (`15/7`) in front of a phone
 *   is not read as its first digits.
 * - Without a prefix a candidate must be a VALID Polish number (9 digits with an assigned prefix);
 *   with `+` or `00` a POSSIBLE number of the country it names (the writer marked it as a phone).
 * - Plain digit groups left touching a removed number (`601 234 567 12`) cannot be told apart from
 *   its digits, so they go with it: no fragment of a number survives.
 * - PESEL: a token of exactly 11 digits with a valid checksum and birth date. Eleven digits that
 *   fail the checksum are kept: they are reference numbers far more often than mistyped PESELs.
 * - NIP (10 digits) is kept: a tax number identifies a business, and is public in its register.
 * - Numbers next to a currency (`zł`, `PLN`, `EUR`, `€`) or followed by a decimal comma are amounts.
 */
import { parsePhoneNumber } from 'awesome-phonenumber';

export const SCRUB_MARK = '[…]';

const L = '\\p{L}\\p{N}';
// "[at]", "(at)", "{at}", "<at>", " at " (with " dot " after), Polish "małpa" / "kropka" likewise.
const AT = `(?:@|\\s?[\\[({<]\\s?(?:at|ma[łl]pa)\\s?[\\])}>]\\s?)`;
const DOT = `(?:\\.|\\s?[\\[({<]\\s?(?:dot|kropka)\\s?[\\])}>]\\s?)`;
const EMAIL = new RegExp(
  [
    `[${L}._%+-]+${AT}[${L}-]+(?:${DOT}[${L}-]+)*${DOT}\\p{L}{2,}`,
    // Spelled out with bare words: only when both the "at" and at least one "dot" are there.
    `[${L}._%+-]+\\s(?:at|ma[łl]pa)\\s[${L}-]+(?:\\s(?:dot|kropka)\\s[${L}-]+)+`,
  ].join('|'),
  'giu',
);

/** A token: `+`? then digits with tight separators inside, or `(digits)`. */
const TOKEN = String.raw`(?:\+\s?)?(?:\(\s?\d+(?:[-\s]\d+)?\s?\)|\d+(?:[-–./]\d+)*)`;
const RUN = new RegExp(`(?<!\\p{N})${TOKEN}(?:[ \\t\\u00a0]{1,3}${TOKEN})*`, 'gu');
const TOKEN_ONE = new RegExp(TOKEN, 'gu');
const AMOUNT_AFTER = /^\s?(?:,\d|zł|zl\b|pln\b|gr\b|eur\b|usd\b|€|\$)/iu;
const AMOUNT_BEFORE = /(?:pln|eur|usd|€|\$)\s?$/iu;

interface Token {
  start: number;
  end: number;
  digits: string;
  plus: boolean;
  paren: boolean;
  /** Separators inside the digits (`601-234-567`, `14.03.2026`). */
  tight: boolean;
}

function tokens(run: string, offset: number): Token[] {
  const out: Token[] = [];
  for (const m of run.matchAll(TOKEN_ONE)) {
    const text = m[0];
    const digits = text.replace(/\D/g, '');
    out.push({
      start: offset + m.index!,
      end: offset + m.index! + text.length,
      digits,
      plus: text.startsWith('+'),
      paren: text.includes('('),
      tight: !text.includes('(') && /\d[-–./]\d/.test(text),
    });
  }
  return out;
}

function validPesel(d: string): boolean {
  if (!/^\d{11}$/.test(d)) return false;
  const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = w.reduce((s, x, i) => s + x * Number(d[i]), 0);
  if ((10 - (sum % 10)) % 10 !== Number(d[10])) return false;
  // The month carries the century (+80: 1800s, +0: 1900s, +20: 2000s, +40: 2100s, +60: 2200s).
  const mm = Number(d.slice(2, 4));
  const month = mm % 20;
  const century = [1900, 2000, 2100, 2200, 1800][Math.floor(mm / 20)];
  const year = century + Number(d.slice(0, 2));
  const day = Number(d.slice(4, 6));
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const validPolish = (digits: string) => digits.length === 9 && parsePhoneNumber(digits, { regionCode: 'PL' }).valid;

/** Is the window of tokens one phone number (or PESEL)? */
function isPersonalNumber(w: Token[]): boolean {
  if (w.length > 1) {
    // Only the last token may carry inner separators; `+` only on the first; parentheses in the first two.
    if (w.slice(0, -1).some((t) => t.tight)) return false;
    if (w.slice(1).some((t) => t.plus)) return false;
    if (w.slice(2).some((t) => t.paren)) return false;
  }
  const digits = w.map((t) => t.digits).join('');
  if (w.length === 1 && !w[0].plus && !w[0].paren && !w[0].tight && validPesel(digits)) return true;
  if (w[0].plus || digits.startsWith('00')) {
    const e164 = `+${w[0].plus ? digits : digits.slice(2)}`;
    if (e164.length < 9 || e164.length > 16) return false;
    const p = parsePhoneNumber(e164);
    return p.valid || p.possible;
  }
  if (validPolish(digits)) return true;
  // The old trunk prefix (`0 22 123 45 67`) and a country code written without `+` (`48 601 234 567`).
  if (digits.length === 10 && digits.startsWith('0')) return validPolish(digits.slice(1));
  if (digits.length === 11 && digits.startsWith('48')) return validPolish(digits.slice(2));
  return false;
}

/** Longest windows first, from the left; at most 7 tokens (`+48 (22) 1 2 3 4 5` is as far as anyone goes). */
function personalSpans(ts: Token[]): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let i = 0; i < ts.length;) {
    let hit = -1;
    for (let j = Math.min(ts.length - 1, i + 6); j >= i && hit < 0; j--) if (isPersonalNumber(ts.slice(i, j + 1))) hit = j;
    if (hit < 0) {
      i++;
      continue;
    }
    let a = i;
    let b = hit;
    // Plain digit groups touching the number may be part of it: they go with it.
    while (a > 0 && !ts[a - 1].tight && !ts[a - 1].paren && !found.some(([, e]) => e === a - 1)) a--;
    while (b < ts.length - 1 && !ts[b + 1].tight && !ts[b + 1].paren && !ts[b + 1].plus) b++;
    found.push([a, b]);
    i = b + 1;
  }
  return found;
}

function scrubNumbers(text: string): string {
  const cuts: Array<[number, number]> = [];
  for (const m of text.matchAll(RUN)) {
    const start = m.index!;
    const end = start + m[0].length;
    // Cheap exits first: a run with fewer than 9 digits holds no phone or PESEL.
    if (m[0].replace(/\D/g, '').length < 9) continue;
    if (AMOUNT_AFTER.test(text.slice(end, end + 5)) || AMOUNT_BEFORE.test(text.slice(Math.max(0, start - 5), start))) continue;
    const ts = tokens(m[0], start);
    for (const [a, b] of personalSpans(ts)) cuts.push([ts[a].start, ts[b].end]);
  }
  if (!cuts.length) return text;
  let out = '';
  let at = 0;
  for (const [s, e] of cuts) {
    out += text.slice(at, s) + SCRUB_MARK;
    at = e;
  }
  return out + text.slice(at);
}

/** Cheap test first: the full e-mail pattern costs ~60 µs on a sentence, this a fraction of it. */
const MAYBE_EMAIL = /@|[\s\[({<](?:at|ma[łl]pa)[\s\])}>]/iu;

export function scrubPersonalData(text: string): string {
  return scrubNumbers(MAYBE_EMAIL.test(text) ? text.replace(EMAIL, SCRUB_MARK) : text);
}
