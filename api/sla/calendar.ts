/**
 * The jurisdiction's working calendar (issue #4): time zone, working hours per weekday, public
 * holidays from the maintained `date-holidays` library (never a hand-written list), and the city's
 * own days off. Pure functions: no database here, so every SLA rule is unit-tested in isolation.
 *
 * Rules, stated once:
 * - `hours` / `days`: elapsed time. `days` keeps the local wall-clock time (so a DST change does not
 *   shift a deadline by an hour); `hours` is absolute.
 * - `working_hours`: only time inside working hours of working days counts. A report at 15:00 with
 *   working hours 08:00-16:00 and a 2 h target is due at 09:00 the next working day.
 * - `working_days`: the deadline is the end of working hours on the n-th working day after the day
 *   of the report (that day itself is not counted): Friday + 1 working day = Monday 16:00.
 */
import Holidays from 'date-holidays';
import { localToInstant, offsetMillis } from '../../kernel/dates';

export type SlaUnit = 'working_hours' | 'working_days' | 'hours' | 'days';
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export interface Calendar {
  timeZone: string;
  /** "mon" -> ["08:00","16:00"]; a missing weekday is not a working day. */
  workingHours: Partial<Record<(typeof WEEKDAYS)[number], [string, string]>>;
  holidayCountry: string;
  /** Extra days off, ISO dates (local). */
  daysOff: string[];
}

export interface CalendarRow {
  time_zone: string;
  working_hours: unknown;
  holiday_country: string;
  days_off: unknown;
}

export function calendarFromRow(row: CalendarRow): Calendar {
  return {
    timeZone: row.time_zone,
    workingHours: (row.working_hours ?? {}) as Calendar['workingHours'],
    holidayCountry: row.holiday_country,
    daysOff: Array.isArray(row.days_off) ? (row.days_off as string[]) : [],
  };
}

// ---- time zone arithmetic: the kernel's one engine (Intl offsets, cached per quarter hour) ------

/** Local calendar parts of an instant in a time zone. */
export function localParts(ms: number, tz: string): { y: number; m: number; d: number; hh: number; mi: number; ss: number } {
  const t = new Date(ms + offsetMillis(ms, tz));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), hh: t.getUTCHours(), mi: t.getUTCMinutes(), ss: t.getUTCSeconds() };
}

/** The instant at which the local wall clock shows y-m-d hh:mi (the later one inside a DST gap). */
export function localToUtc(y: number, m: number, d: number, hh: number, mi: number, tz: string): number {
  return localToInstant({ year: y, month: m, day: d, hour: hh, minute: mi }, tz).getTime();
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

// ---- holidays: one set of public-holiday dates per (country, year), cached --------------------

const holidayCache = new Map<string, Set<string>>();
function publicHolidays(country: string, year: number): Set<string> {
  const key = `${country}:${year}`;
  let set = holidayCache.get(key);
  if (!set) {
    const [c, region] = country.split('-');
    const hd = region ? new Holidays(c, region) : new Holidays(c);
    set = new Set(
      hd
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    holidayCache.set(key, set);
  }
  return set;
}

/** A local date as a plain day counter (UTC midnight of that date), for stepping day by day. */
type Day = { y: number; m: number; d: number };
const nextDay = (day: Day): Day => {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};

/** Windows per calendar object and date: batch resolution asks for the same days a million times. */
const windowCache = new WeakMap<Calendar, Map<string, [number, number] | null>>();

/** Working window of a local day in UTC ms, or null when the day is not a working day. */
export function workingWindow(cal: Calendar, day: Day): [number, number] | null {
  const date = iso(day.y, day.m, day.d);
  let cache = windowCache.get(cal);
  if (!cache) windowCache.set(cal, (cache = new Map()));
  const hit = cache.get(date);
  if (hit !== undefined) return hit;
  const w = computeWindow(cal, day, date);
  cache.set(date, w);
  return w;
}

function computeWindow(cal: Calendar, day: Day, date: string): [number, number] | null {
  const weekday = WEEKDAYS[new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay()];
  const hours = cal.workingHours[weekday];
  if (!hours) return null;
  if (cal.daysOff.includes(date)) return null;
  if (publicHolidays(cal.holidayCountry, day.y).has(date)) return null;
  const [oh, om] = hours[0].split(':').map(Number);
  const [ch, cm] = hours[1].split(':').map(Number);
  return [localToUtc(day.y, day.m, day.d, oh, om, cal.timeZone), localToUtc(day.y, day.m, day.d, ch, cm, cal.timeZone)];
}

export function isWorkingDay(cal: Calendar, isoDate: string): boolean {
  const [y, m, d] = isoDate.split('-').map(Number);
  return workingWindow(cal, { y, m, d }) !== null;
}

const MAX_DAYS_AHEAD = 3660;

/** Adds `minutes` of working time to `startMs`. */
function addWorkingMinutes(cal: Calendar, startMs: number, minutes: number): number {
  const p = localParts(startMs, cal.timeZone);
  let day: Day = { y: p.y, m: p.m, d: p.d };
  let left = minutes * 60_000;
  for (let i = 0; i < MAX_DAYS_AHEAD; i++, day = nextDay(day)) {
    const w = workingWindow(cal, day);
    if (!w) continue;
    const from = Math.max(w[0], startMs);
    if (from >= w[1]) continue;
    if (from + left <= w[1]) return from + left;
    left -= w[1] - from;
  }
  throw new Error('the calendar has no working time within ten years');
}

/** The deadline `amount` `unit`s after `start` on the calendar. */
export function computeDeadline(cal: Calendar, start: Date, amount: number, unit: SlaUnit): Date {
  const startMs = start.getTime();
  switch (unit) {
    case 'hours':
      return new Date(startMs + amount * 3_600_000);
    case 'days': {
      const p = localParts(startMs, cal.timeZone);
      const t = new Date(Date.UTC(p.y, p.m - 1, p.d + amount));
      return new Date(localToUtc(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), p.hh, p.mi, cal.timeZone) + p.ss * 1000);
    }
    case 'working_hours':
      return new Date(addWorkingMinutes(cal, startMs, amount * 60));
    case 'working_days': {
      const p = localParts(startMs, cal.timeZone);
      let day: Day = { y: p.y, m: p.m, d: p.d };
      let counted = 0;
      if (amount <= 0) return start;
      for (let i = 0; i < MAX_DAYS_AHEAD; i++) {
        day = nextDay(day);
        const w = workingWindow(cal, day);
        if (w && ++counted === amount) return new Date(w[1]);
      }
      throw new Error('the calendar has no working days within ten years');
    }
  }
}

/** Working (or elapsed, for hours/days units) milliseconds between two instants. */
export function countedMs(cal: Calendar, fromMs: number, toMs: number, unit: SlaUnit): number {
  if (toMs <= fromMs) return 0;
  if (unit === 'hours' || unit === 'days') return toMs - fromMs;
  const p = localParts(fromMs, cal.timeZone);
  let day: Day = { y: p.y, m: p.m, d: p.d };
  let total = 0;
  for (let i = 0; i < MAX_DAYS_AHEAD; i++, day = nextDay(day)) {
    const w = workingWindow(cal, day);
    if (w && w[0] >= toMs) break;
    if (!w) {
      if (Date.UTC(day.y, day.m - 1, day.d) > toMs + 86_400_000) break;
      continue;
    }
    total += Math.max(0, Math.min(w[1], toMs) - Math.max(w[0], fromMs));
  }
  return total;
}

/**
 * A deadline moved by a pause: the time the clock stood still (counted the way the unit counts,
 * so a pause over a weekend moves a working-days deadline by nothing for the weekend part).
 */
export function moveDeadlineForPause(cal: Calendar, deadline: Date, pausedAt: Date, resumedAt: Date, unit: SlaUnit): Date {
  const lost = countedMs(cal, pausedAt.getTime(), resumedAt.getTime(), unit);
  if (lost === 0) return deadline;
  if (unit === 'hours' || unit === 'days') return new Date(deadline.getTime() + lost);
  return new Date(addWorkingMinutes(cal, deadline.getTime(), lost / 60_000));
}
