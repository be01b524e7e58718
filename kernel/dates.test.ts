import assert from 'node:assert/strict';
import {
  clampToCalendar,
  dateProblem,
  isCalendarDay,
  isoInstant,
  LATEST_INSTANT,
  localDay,
  localToInstant,
  offsetMinutes,
  parseIsoDate,
  parseOffset,
  startOfLocalDay,
} from './dates';

const WAW = 'Europe/Warsaw';
const iso = (text: string, tz = WAW, options = {}) => {
  const r = parseIsoDate(text, tz, options);
  return r.ok ? r.date.toISOString() : r.reason;
};

describe('kernel/dates', () => {
  it('reads days and date-times, in → out', () => {
    const fixtures: Array<[string, string]> = [
      ['2026-11-28', '2026-11-27T23:00:00.000Z'], // midnight in Warsaw, winter
      ['2026-07-01', '2026-06-30T22:00:00.000Z'], // summer
      ['2028-02-29', '2028-02-28T23:00:00.000Z'], // leap day
      ['2026-11-28T09:00:00+01:00', '2026-11-28T08:00:00.000Z'],
      ['2026-11-28T09:00:00Z', '2026-11-28T09:00:00.000Z'],
      ['2026-11-28t09:00z', '2026-11-28T09:00:00.000Z'],
      ['2026-11-28 09:00:00', '2026-11-28T08:00:00.000Z'], // wall time in Warsaw
      ['2026-11-28T09:00:00.123456+0530', '2026-11-28T03:30:00.123Z'],
      ['2026-11-28T09:00-02', '2026-11-28T11:00:00.000Z'],
      ['2026-12-31T23:59:60Z', '2026-12-31T23:59:59.000Z'], // a leap second reads as :59
      ['  2026-11-28  ', '2026-11-27T23:00:00.000Z'],
      ['1900-01-01T00:00:00Z', '1900-01-01T00:00:00.000Z'],
      ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z'],
    ];
    for (const [input, output] of fixtures) assert.equal(iso(input), output, input);
  });

  it('refuses what is not a day, never rolling it over, in → reason', () => {
    const fixtures: Array<[string, string]> = [
      ['2026-02-30', 'calendar'],
      ['2026-02-29', 'calendar'],
      ['2100-02-29', 'calendar'],
      ['2026-04-31T10:00:00Z', 'calendar'],
      ['2026-13-01', 'calendar'],
      ['2026-00-10', 'calendar'],
      ['2026-01-00', 'calendar'],
      ['2026-11-28T24:00:00Z', 'calendar'], // 24:00 is refused: write 00:00 of the next day
      ['2026-11-28T23:60Z', 'calendar'],
      ['2026-11-28T10:00+24:00', 'format'],
      ['2026-11-28T10:00+01:60', 'format'],
      ['1899-12-31', 'range'],
      ['+275760-09-13T00:00:00Z', 'format'],
      ['-000001-01-01', 'format'],
      ['10000-01-01', 'format'],
      ['yesterday', 'format'],
      ['28.11.2026', 'format'],
      ['2026-11-28T09', 'format'],
      ['', 'format'],
    ];
    for (const [input, reason] of fixtures) assert.equal(iso(input), reason, input);
  });

  it('keeps every instant inside the calendar: the end of 9999 west of UTC is clamped, not year 10000', () => {
    const west = parseIsoDate('9999-12-31T23:00:00-05:00', 'UTC');
    assert.ok(west.ok);
    assert.equal(west.date.toISOString(), LATEST_INSTANT.toISOString());
    const local = parseIsoDate('9999-12-31T22:00', 'America/New_York');
    assert.ok(local.ok);
    assert.equal(local.date.getTime(), LATEST_INSTANT.getTime());
    assert.equal(clampToCalendar(new Date(LATEST_INSTANT.getTime() + 90 * 86400000)).getTime(), LATEST_INSTANT.getTime());
    const ordinary = new Date('2026-12-05T12:00:00Z');
    assert.equal(clampToCalendar(ordinary), ordinary);
  });

  it('can require a zone on date-times and refuse plain days', () => {
    assert.equal(iso('2026-11-28T09:00:00', 'UTC', { zone: 'required' }), 'format');
    assert.equal(iso('2026-11-28', 'UTC', { zone: 'required' }), '2026-11-28T00:00:00.000Z');
    assert.equal(iso('2026-11-28', 'UTC', { allowDateOnly: false }), 'format');
    assert.equal(parseIsoDate('2026-11-28', 'UTC').ok && (parseIsoDate('2026-11-28', 'UTC') as { dateOnly: boolean }).dateOnly, true);
  });

  it('converts wall time across DST with one engine', () => {
    assert.equal(offsetMinutes(new Date('2026-01-15T12:00:00Z'), WAW), 60);
    assert.equal(offsetMinutes(new Date('2026-07-15T12:00:00Z'), WAW), 120);
    assert.equal(offsetMinutes(new Date('2026-07-15T12:00:00Z'), 'America/St_Johns'), -150);
    assert.equal(localToInstant({ year: 2026, month: 3, day: 29, hour: 1, minute: 59 }, WAW).toISOString(), '2026-03-29T00:59:00.000Z');
    assert.equal(localToInstant({ year: 2026, month: 3, day: 29, hour: 3 }, WAW).toISOString(), '2026-03-29T01:00:00.000Z');
    assert.equal(localToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, WAW).toISOString(), '2026-03-29T01:30:00.000Z', 'in the gap');
    assert.equal(
      localToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, WAW).toISOString(),
      '2026-10-25T01:30:00.000Z',
      'the repeat: the second (winter) one',
    );
    assert.equal(startOfLocalDay('2026-07-01', WAW)?.toISOString(), '2026-06-30T22:00:00.000Z');
    assert.equal(startOfLocalDay('2026-02-30', WAW), undefined);
    assert.equal(localDay(new Date('2026-06-30T22:30:00Z'), WAW), '2026-07-01');
    assert.equal(localDay(new Date('2026-06-30T21:30:00Z'), WAW), '2026-06-30');
  });

  it('checks days and offsets alone', () => {
    assert.equal(isCalendarDay(2024, 2, 29), true);
    assert.equal(isCalendarDay(2000, 2, 29), true);
    assert.equal(isCalendarDay(1900, 2, 29), false);
    assert.equal(isCalendarDay(2026, 4, 31), false);
    assert.equal(parseOffset('Z'), 0);
    assert.equal(parseOffset('-05:30'), -330);
    assert.equal(parseOffset('+0100'), 60);
    assert.equal(isoInstant('2026-02-30', 'UTC'), undefined);
    assert.equal(isoInstant('2026-02-28', 'UTC')?.toISOString(), '2026-02-28T00:00:00.000Z');
  });

  it('words a refusal naming the field', () => {
    assert.match(dateProblem('start_date', 'calendar'), /^start_date .*real date/);
    assert.match(dateProblem('end_date', 'range'), /^end_date must lie between the years 1900 and 9999$/);
    assert.match(dateProblem('updated_datetime', 'format'), /^updated_datetime must be a date/);
  });
});
