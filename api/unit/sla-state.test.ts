import assert from 'node:assert/strict';
import type { Calendar } from '../sla/calendar';
import { slaState } from './sla-state';
import { residentForUnit } from './resident';

const warsaw: Calendar = {
  timeZone: 'Europe/Warsaw',
  workingHours: { mon: ['08:00', '16:00'], tue: ['08:00', '16:00'], wed: ['08:00', '16:00'], thu: ['08:00', '16:00'], fri: ['08:00', '16:00'] },
  holidayCountry: 'PL',
  daysOff: [],
};

describe('second line: SLA state in working time, and what the unit sees of the resident', () => {
  // Due Monday 2026-03-09 16:00 local (15:00Z).
  const due = new Date('2026-03-09T15:00:00Z');
  const open = (now: string) => slaState(warsaw, { status: 'open', dueAt: due, answeredAt: null }, new Date(now));

  it('counts working hours, not elapsed ones, so a weekend does not make an inquiry look safe', () => {
    // Friday 15:00 local: 1 working hour on Friday + 8 on Monday = 9 > 8 -> on time.
    assert.deepEqual(open('2026-03-06T14:00:00Z'), { state: 'on_time', workingHoursLeft: 9 });
    // Friday 15:30 local: 8.5 h left. Saturday noon: the weekend counts nothing -> 8 h left, due soon.
    assert.equal(open('2026-03-06T14:30:00Z').state, 'on_time');
    assert.deepEqual(open('2026-03-07T11:00:00Z'), { state: 'due_soon', workingHoursLeft: 8 });
    assert.deepEqual(open('2026-03-09T15:00:00Z'), { state: 'overdue', workingHoursLeft: 0 });
    assert.equal(slaState(warsaw, { status: 'returned', dueAt: due, answeredAt: null }, new Date('2026-03-10T08:00:00Z')).state, 'overdue');
  });

  it('tells answered on time from answered late', () => {
    assert.equal(
      slaState(warsaw, { status: 'answered', dueAt: due, answeredAt: new Date('2026-03-09T14:00:00Z') }, new Date('2026-04-01T00:00:00Z')).state,
      'answered_on_time',
    );
    assert.equal(
      slaState(warsaw, { status: 'answered', dueAt: due, answeredAt: new Date('2026-03-09T15:00:01Z') }, new Date('2026-04-01T00:00:00Z')).state,
      'answered_late',
    );
  });

  it('gives the unit the name and only the contact detail of the chosen reply channel', () => {
    const person = { first_name: 'Anna', last_name: 'Nowak', email: 'anna@example.pl', phone: '+48 601 234 567' };
    assert.deepEqual(residentForUnit('email', person), { name: 'Anna Nowak', email: 'anna@example.pl' });
    assert.deepEqual(residentForUnit('sms', person), { name: 'Anna Nowak', phone: '+48 601 234 567' });
    assert.deepEqual(residentForUnit('phone', person), { name: 'Anna Nowak', phone: '+48 601 234 567' });
    assert.deepEqual(residentForUnit('letter', person), { name: 'Anna Nowak' });
    assert.equal(residentForUnit('none', person), null);
    assert.equal(residentForUnit('email', null), null);
  });
});
