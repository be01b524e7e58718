/**
 * The state machine of a request, as a table (issue #13 item 1): actor × from → to, allowed or
 * refused and why. This table is the documentation; api/requests/README.md summarises it.
 */
import assert from 'node:assert/strict';
import { CLOSED_STATUSES, DETAILED_STATUSES, FROM_FMS, PAUSED_STATUSES, PUBLIC_STATUS, TO_FMS } from './statuses';
import { ACTOR_KINDS, mayTransition, statusesFor, type ActorKind, type RefusalCode } from './transitions';

type Row = [actor: ActorKind, from: string, to: string, expected: true | RefusalCode, ctx?: { onlyReporter?: boolean }];

const TABLE: Row[] = [
  // The first line: acknowledge, ask the resident, cancel, reopen (the console's rule, console.db.test.ts).
  ['agent', 'new', 'acknowledged', true],
  ['agent', 'acknowledged', 'acknowledged', true],
  ['agent', 'new', 'waiting_for_resident', true],
  ['agent', 'waiting_for_resident', 'acknowledged', true],
  ['agent', 'new', 'cancelled', true],
  ['agent', 'cancelled', 'reopened', true],
  ['agent', 'fixed', 'reopened', true],
  ['agent', 'new', 'fixed', 'role'],
  ['agent', 'new', 'in_progress', 'role'],
  ['agent', 'new', 'duplicate', 'role'],
  ['agent', 'fixed', 'cancelled', 'closed'],
  ['agent', 'cancelled', 'acknowledged', 'closed'],
  ['agent', 'acknowledged', 'reopened', 'not_closed'],
  ['agent', 'new', 'teleported', 'unknown_status'],
  // Admins correct anything, closures included.
  ['admin', 'new', 'fixed', true],
  ['admin', 'fixed', 'in_progress', true],
  ['admin', 'duplicate', 'new', true],
  ['admin', 'acknowledged', 'reopened', true],
  // The second line (issue #14): works its requests; a closed one only reopens.
  ['unit_staff', 'acknowledged', 'in_progress', true],
  ['unit_staff', 'in_progress', 'planned', true],
  ['unit_staff', 'planned', 'fixed', true],
  ['unit_staff', 'new', 'not_responsible', true],
  ['unit_staff', 'new', 'referred_external', true],
  ['unit_staff', 'in_progress', 'no_further_action', true],
  ['unit_staff', 'fixed', 'reopened', true],
  ['unit_staff', 'fixed', 'in_progress', 'closed'],
  ['unit_staff', 'new', 'cancelled', 'role'],
  ['unit_staff', 'new', 'new', 'role'],
  // Crews: arrived (in progress) and done (fixed) on open requests.
  ['crew', 'planned', 'in_progress', true],
  ['crew', 'in_progress', 'fixed', true],
  ['crew', 'fixed', 'fixed', 'closed'],
  ['crew', 'new', 'not_responsible', 'role'],
  // Analysts read.
  ['analyst', 'new', 'acknowledged', 'role'],
  // Open311 back office: any status, closed requests too (FixMyStreet back ends).
  ['back-office', 'new', 'in_progress', true],
  ['back-office', 'fixed', 'reopened', true],
  ['back-office', 'fixed', 'acknowledged', true],
  ['back-office', 'acknowledged', 'new', true],
  // Open311 reporting app on its own request: FIXED while open and the only reporter.
  ['report-filer', 'new', 'fixed', true, { onlyReporter: true }],
  ['report-filer', 'new', 'fixed', 'other_reporters', { onlyReporter: false }],
  ['report-filer', 'fixed', 'fixed', 'closed', { onlyReporter: true }],
  ['report-filer', 'new', 'reopened', 'role', { onlyReporter: true }],
  ['report-filer', 'new', 'acknowledged', 'role', { onlyReporter: true }],
  // The system carries out decisions already made: merges, un-merges, the demo.
  ['system', 'in_progress', 'duplicate', true],
  ['system', 'duplicate', 'waiting_for_resident', true],
];

describe('request lifecycle: who may move a request from which status to which', () => {
  for (const [actor, from, to, expected, ctx] of TABLE) {
    it(`${actor}: ${from} → ${to} is ${expected === true ? 'allowed' : `refused (${expected})`}`, () => {
      const v = mayTransition(actor, from, to, ctx);
      if (expected === true) assert.deepEqual(v, { allowed: true });
      else {
        assert.equal(v.allowed, false);
        assert.equal(!v.allowed && v.code, expected);
        assert.ok(!v.allowed && v.reason.length > 10);
      }
    });
  }

  it('covers every actor kind, and the console roles keep the statuses they had', () => {
    for (const a of ACTOR_KINDS)
      assert.ok(
        TABLE.some((r) => r[0] === a),
        a,
      );
    assert.deepEqual([...statusesFor('agent')], ['acknowledged', 'waiting_for_resident', 'cancelled', 'reopened']);
    assert.deepEqual([...statusesFor('admin')], [...DETAILED_STATUSES]);
    assert.deepEqual([...statusesFor('analyst')], []);
  });

  it('no actor but admin, back office and system may leave a closed status except by reopening', () => {
    for (const a of ACTOR_KINDS)
      for (const from of CLOSED_STATUSES)
        for (const to of DETAILED_STATUSES) {
          const v = mayTransition(a, from, to, { onlyReporter: true });
          if (v.allowed && to !== 'reopened') assert.ok(['admin', 'back-office', 'system'].includes(a), `${a}: ${from} → ${to}`);
        }
  });

  it('the vocabulary is consistent: paused statuses are open, every status maps to Open311 and FixMyStreet', () => {
    for (const s of PAUSED_STATUSES) assert.ok(!CLOSED_STATUSES.has(s), s);
    for (const s of DETAILED_STATUSES) {
      assert.ok(TO_FMS[s], s);
      assert.equal(PUBLIC_STATUS[s], CLOSED_STATUSES.has(s) ? 'closed' : 'open');
    }
    for (const ours of Object.values(FROM_FMS)) assert.ok(ours === null || (DETAILED_STATUSES as readonly string[]).includes(ours));
  });
});
