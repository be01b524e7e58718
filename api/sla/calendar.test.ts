import assert from 'node:assert/strict';
import { computeDeadline, isWorkingDay, moveDeadlineForPause, type Calendar } from './calendar';

const warsaw = (over: Partial<Calendar> = {}): Calendar => ({
  timeZone: 'Europe/Warsaw',
  workingHours: { mon: ['08:00', '16:00'], tue: ['08:00', '16:00'], wed: ['08:00', '16:00'], thu: ['08:00', '16:00'], fri: ['08:00', '16:00'] },
  holidayCountry: 'PL',
  daysOff: [],
  ...over,
});
const iso = (d: Date) => d.toISOString();

describe('SLA calendar (working days, Polish holidays, pauses, DST)', () => {
  it('knows Polish public holidays from the library, and city days off', () => {
    assert.equal(isWorkingDay(warsaw(), '2026-11-11'), false, 'Independence Day');
    assert.equal(isWorkingDay(warsaw(), '2026-04-06'), false, 'Easter Monday');
    assert.equal(isWorkingDay(warsaw(), '2027-03-29'), false, 'Easter Monday 2027 (moves every year)');
    assert.equal(isWorkingDay(warsaw(), '2026-11-10'), true);
    assert.equal(isWorkingDay(warsaw(), '2026-11-14'), false, 'Saturday');
    assert.equal(isWorkingDay(warsaw({ daysOff: ['2026-11-10'] }), '2026-11-10'), false, 'a city day off');
  });

  it('counts working days across a weekend', () => {
    // Friday 2026-03-06 10:00 local + 1 working day -> Monday 16:00 local (15:00Z).
    assert.equal(iso(computeDeadline(warsaw(), new Date('2026-03-06T09:00:00Z'), 1, 'working_days')), '2026-03-09T15:00:00.000Z');
    assert.equal(iso(computeDeadline(warsaw(), new Date('2026-03-06T09:00:00Z'), 5, 'working_days')), '2026-03-13T15:00:00.000Z');
  });

  it('skips holidays: 11 November and Easter Monday', () => {
    // Tuesday 2026-11-10 10:00 + 1 working day: Wednesday the 11th is a holiday -> Thursday 12th 16:00 (15:00Z, winter time).
    assert.equal(iso(computeDeadline(warsaw(), new Date('2026-11-10T09:00:00Z'), 1, 'working_days')), '2026-11-12T15:00:00.000Z');
    // Thursday 2026-04-02 14:00 local (12:00Z) + 8 working hours: 2 h Thursday, 6 h Friday -> Friday 14:00 local.
    assert.equal(iso(computeDeadline(warsaw(), new Date('2026-04-02T12:00:00Z'), 8, 'working_hours')), '2026-04-03T12:00:00.000Z');
    // Friday 2026-04-03 15:00 local + 2 working hours: 1 h Friday, weekend, Easter Monday -> Tuesday 09:00 local.
    assert.equal(iso(computeDeadline(warsaw(), new Date('2026-04-03T13:00:00Z'), 2, 'working_hours')), '2026-04-07T07:00:00.000Z');
  });

  it('starts working hours at opening when reported at night', () => {
    // Monday 2026-03-02 22:00 local + 1 working hour -> Tuesday 09:00 local.
    assert.equal(iso(computeDeadline(warsaw(), new Date('2026-03-02T21:00:00Z'), 1, 'working_hours')), '2026-03-03T08:00:00.000Z');
  });

  it('keeps local time across the DST changes (last Sunday of March and of October)', () => {
    // Saturday 2026-03-28 12:00 CET (11:00Z) + 1 day -> Sunday 12:00 CEST (10:00Z): 23 hours later.
    assert.equal(iso(computeDeadline(warsaw(), new Date('2026-03-28T11:00:00Z'), 1, 'days')), '2026-03-29T10:00:00.000Z');
    // + 24 hours is absolute.
    assert.equal(iso(computeDeadline(warsaw(), new Date('2026-03-28T11:00:00Z'), 24, 'hours')), '2026-03-29T11:00:00.000Z');
    // Friday 2026-10-23 15:00 CEST (13:00Z) + 2 working hours -> Monday 2026-10-26 09:00 CET (08:00Z).
    assert.equal(iso(computeDeadline(warsaw(), new Date('2026-10-23T13:00:00Z'), 2, 'working_hours')), '2026-10-26T08:00:00.000Z');
    // Friday before the March change + 1 working day -> Monday 16:00 CEST (14:00Z).
    assert.equal(iso(computeDeadline(warsaw(), new Date('2026-03-27T09:00:00Z'), 1, 'working_days')), '2026-03-30T14:00:00.000Z');
  });

  it('moves deadlines by the working time lost in a pause', () => {
    const cal = warsaw();
    const deadline = new Date('2026-03-09T15:00:00Z'); // Monday 16:00
    // Paused Thursday 12:00 local -> resumed Monday 10:00 local: 4 h Thu + 8 h Fri + 2 h Mon = 14 working hours.
    const moved = moveDeadlineForPause(cal, deadline, new Date('2026-03-05T11:00:00Z'), new Date('2026-03-09T09:00:00Z'), 'working_days');
    // From Monday 16:00, 14 working hours -> Wednesday 14:00 local (13:00Z).
    assert.equal(iso(moved), '2026-03-11T13:00:00.000Z');
    // A pause over a weekend costs no working time.
    assert.equal(iso(moveDeadlineForPause(cal, deadline, new Date('2026-03-07T10:00:00Z'), new Date('2026-03-08T10:00:00Z'), 'working_hours')), iso(deadline));
    // Elapsed units move by the elapsed pause.
    assert.equal(
      iso(moveDeadlineForPause(cal, deadline, new Date('2026-03-07T10:00:00Z'), new Date('2026-03-08T10:00:00Z'), 'days')),
      '2026-03-10T15:00:00.000Z',
    );
  });
});
