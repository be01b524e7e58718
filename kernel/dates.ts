/**
 * Calendar-valid ISO 8601 dates and date-times, and the city's time zone: the one date engine of
 * Kontakt (api/, web/ and bench/ import it; no Node, no DOM, only `Intl`).
 *
 * What is accepted:
 * - a calendar day `YYYY-MM-DD` that exists (`2026-02-30` and `2026-13-01` are refused, not rolled
 *   over to March the way `Date.parse` does), years 1900–9999 as written (anything else is a typo,
 *   and PostgreSQL refuses far-out years with an error we would turn into a 500);
 * - a date-time `YYYY-MM-DDThh:mm[:ss[.fff]]` (`T` or one space), with an offset `Z`, `±hh:mm` or
 *   `±hhmm` (offsets up to ±23:59), or without one: then it is wall-clock time in the given IANA
 *   time zone (a plain day is that zone's midnight);
 * - `24:00` is refused: ISO 8601-1:2019 dropped it and a resident's "end of the day" is ambiguous;
 *   write `00:00` of the next day. A leap second `:60` reads as `:59` (JavaScript has none).
 *   Fractions of a second are kept to the millisecond.
 *
 * @example
 * parseIsoDate('2026-11-28T09:00:00+01:00', 'Europe/Warsaw') // => { ok: true, date: 2026-11-28T08:00:00.000Z, dateOnly: false }
 * parseIsoDate('2026-07-01', 'Europe/Warsaw')                // => { ok: true, date: 2026-06-30T22:00:00.000Z, dateOnly: true }
 * parseIsoDate('2026-02-30', 'UTC')                          // => { ok: false, reason: 'calendar' }
 * localToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Warsaw') // => 2026-03-29T01:30:00.000Z (in the DST gap: read with the offset before it)
 */

export const YEAR_MIN = 1900;
export const YEAR_MAX = 9999;

/**
 * The last instant a query window may reach. A date near the end of 9999 plus a default span (or
 * an offset west of UTC) lands in year 10000, which the embedded engine's driver writes as
 * `+010000-…` and PostgreSQL refuses; windows are clamped here instead of failing with a 500.
 */
export const LATEST_INSTANT = new Date(Date.UTC(YEAR_MAX, 11, 31, 23, 59, 59, 999));

/** `date`, or {@link LATEST_INSTANT} if it lies beyond it. */
export function clampToCalendar(date: Date): Date {
  return date.getTime() > LATEST_INSTANT.getTime() ? LATEST_INSTANT : date;
}

export type DateFailure = 'format' | 'calendar' | 'range';
export type ParsedDate = { ok: true; date: Date; dateOnly: boolean } | { ok: false; reason: DateFailure };

export interface ParseDateOptions {
  /** `required`: a date-time without an offset is refused (a plain day is still read in `timeZone`). Default `optional`. */
  zone?: 'optional' | 'required';
  /** `false`: a plain day is refused, only date-times are taken. Default `true`. */
  allowDateOnly?: boolean;
}

export interface LocalDateTime {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** True when the day exists in the proleptic Gregorian calendar. `isCalendarDay(2024, 2, 29)` => true, `(2026, 2, 29)` => false. */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/** Parses ISO 8601 text (see the module comment); never throws, never rolls an impossible day over. */
export function parseIsoDate(text: string, timeZone: string, options: ParseDateOptions = {}): ParsedDate {
  const m = ISO.exec(String(text).trim());
  if (!m) return { ok: false, reason: 'format' };
  const [, ys, mos, ds, hs, mis, ss, frac, tz] = m;
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  const dateOnly = hs === undefined;
  if (dateOnly && options.allowDateOnly === false) return { ok: false, reason: 'format' };
  if (!dateOnly && !tz && options.zone === 'required') return { ok: false, reason: 'format' };
  if (!isCalendarDay(year, month, day)) return { ok: false, reason: 'calendar' };
  const hour = Number(hs ?? 0);
  const minute = Number(mis ?? 0);
  const second = Math.min(59, Number(ss ?? 0));
  if (hour > 23 || minute > 59 || Number(ss ?? 0) > 60) return { ok: false, reason: 'calendar' };
  if (year < YEAR_MIN || year > YEAR_MAX) return { ok: false, reason: 'range' };
  const millisecond = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const fields = { year, month, day, hour, minute, second, millisecond };
  if (!tz) return { ok: true, date: clampToCalendar(localToInstant(fields, timeZone)), dateOnly };
  const offset = parseOffset(tz);
  if (offset === undefined) return { ok: false, reason: 'format' };
  return { ok: true, date: clampToCalendar(new Date(utcOf(fields) - offset * 60000)), dateOnly };
}

/** `Z` => 0, `+01:00` => 60, `-0530` => -330, `+02` => 120; minutes over 59 or hours over 23 => undefined. */
export function parseOffset(tz: string): number | undefined {
  if (tz.toUpperCase() === 'Z') return 0;
  const digits = tz.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || 0);
  if (hours > 23 || minutes > 59) return undefined;
  return (tz[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function utcOf(f: LocalDateTime): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const d = new Date(Date.UTC(2000, f.month - 1, f.day, f.hour ?? 0, f.minute ?? 0, f.second ?? 0, f.millisecond ?? 0));
  d.setUTCFullYear(f.year);
  return d.getTime();
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 15 * 60000;

/**
 * Milliseconds the zone is ahead of UTC at an instant (epoch ms). Cached per quarter hour (every
 * real offset change falls on one), because pages render thousands of dates and batch SLA
 * computation asks for the same few thousand hours a million times; a number key per zone keeps
 * the lookup cheap.
 */
export function offsetMillis(ms: number, timeZone: string): number {
  let byQuarter = offsets.get(timeZone);
  if (!byQuarter) offsets.set(timeZone, (byQuarter = new Map()));
  const quarter = Math.floor(ms / QUARTER_HOUR);
  let value = byQuarter.get(quarter);
  if (value === undefined) {
    if (byQuarter.size > 100000) byQuarter.clear();
    value = computeOffset(new Date(quarter * QUARTER_HOUR), timeZone) * 60000;
    byQuarter.set(quarter, value);
  }
  return value;
}

/** Minutes the zone is ahead of UTC at that instant (`Europe/Warsaw` in July => 120). */
export function offsetMinutes(date: Date, timeZone: string): number {
  return offsetMillis(date.getTime(), timeZone) / 60000;
}

function computeOffset(date: Date, timeZone: string): number {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, fmt);
  }
  const p = Object.fromEntries(fmt.formatToParts(date).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant of a wall-clock time in a zone. Guess with the offset at the UTC reading, then
 * correct once: right on both sides of a DST change; a time in the spring gap reads with the
 * winter offset (02:30 => 03:30 summer time), an autumn repeat takes the second (winter) one.
 */
export function localToInstant(local: LocalDateTime, timeZone: string): Date {
  const utc = utcOf(local);
  let guess = utc - offsetMillis(utc, timeZone);
  guess = utc - offsetMillis(guess, timeZone);
  return new Date(guess);
}

/** Midnight of a calendar day (`YYYY-MM-DD`) in the zone; undefined for a day that does not exist. `startOfLocalDay('2026-07-01', 'Europe/Warsaw')` => 2026-06-30T22:00:00Z. */
export function startOfLocalDay(isoDay: string, timeZone: string): Date | undefined {
  const r = parseIsoDate(isoDay, timeZone);
  return r.ok && r.dateOnly ? r.date : undefined;
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in the zone. `localDay(new Date('2026-06-30T22:30Z'), 'Europe/Warsaw')` => `2026-07-01`. */
export function localDay(date: Date, timeZone: string): string {
  return new Date(date.getTime() + offsetMinutes(date, timeZone) * 60000).toISOString().slice(0, 10);
}

/** The one wording of a refused date, so every surface names the field the same way. */
export function dateProblem(field: string, reason: DateFailure): string {
  if (reason === 'range') return `${field} must lie between the years ${YEAR_MIN} and ${YEAR_MAX}`;
  if (reason === 'calendar') return `${field} is not a real date or time (e.g. 30 February, 24:00): use YYYY-MM-DD or 2026-11-28T09:00:00+01:00`;
  return `${field} must be a date (YYYY-MM-DD) or an ISO 8601 date-time such as 2026-11-28T09:00:00+01:00`;
}

/** `parseIsoDate` for callers that only need the instant: undefined when refused. `isoInstant('2026-02-30', 'UTC')` => undefined. */
export function isoInstant(text: string, timeZone: string, options: ParseDateOptions = {}): Date | undefined {
  const r = parseIsoDate(text, timeZone, options);
  return r.ok ? r.date : undefined;
}
