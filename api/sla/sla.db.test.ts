import assert from 'node:assert/strict';
import type { Database } from '../db/engine';
import { openTestDatabase } from '../../test/db';
import { createFixtureCity } from '../pipeline/fixtures';
import { submitReport } from '../pipeline/intake';
import { applySlaForStatus } from './pause';
import { slaWatch } from './watch';

describe('SLA on stored requests: pause, resume, watch', function () {
  this.timeout(120_000);
  let db: Database;
  let jurisdictionId: string;
  before(async () => {
    db = await openTestDatabase('sla');
    jurisdictionId = (await createFixtureCity(db)).jurisdictionId;
  });
  after(() => db?.close());

  const row = async (id: number) => (await db.knex.raw(`SELECT * FROM requests WHERE id = ?`, [id])).rows[0];

  it('stops the clock while waiting for the resident and moves both deadlines on resume', async () => {
    // Monday 2026-03-02 10:00 local: response in 8 working hours (Tue 10:00), resolution in 5 working days (Mon 9th 16:00).
    const r = await submitReport(
      db,
      { serviceCode: 'pothole', channel: 'phone', attributes: { size: 'small' }, location: { kind: 'wgs84', lat: 52.2301, long: 21.0121 } },
      new Date('2026-03-02T09:00:00Z'),
    );
    assert.equal(await applySlaForStatus(db.knex, r.requestId, 'waiting_for_resident', new Date('2026-03-02T11:00:00Z')), 'paused');
    assert.equal(await applySlaForStatus(db.knex, r.requestId, 'waiting_for_resident', new Date('2026-03-02T12:00:00Z')), 'unchanged');
    assert.equal(
      (await slaWatch(db, { jurisdictionId, now: new Date('2026-03-20T09:00:00Z') })).filter((w) => w.requestId === r.requestId).length,
      0,
      'paused requests are not on the watch list',
    );
    // Resumed Tuesday 12:00 local: 4 h Monday + 4 h Tuesday = 8 working hours lost.
    assert.equal(await applySlaForStatus(db.knex, r.requestId, 'in_progress', new Date('2026-03-03T11:00:00Z')), 'resumed');
    const after = await row(r.requestId);
    assert.equal(after.sla_paused_at, null);
    assert.equal(after.sla_paused_seconds, 24 * 3600);
    assert.equal(after.response_due_at.toISOString(), '2026-03-04T09:00:00.000Z', 'Tuesday 10:00 + 8 working hours = Wednesday 10:00');
    assert.equal(after.expected_at.toISOString(), '2026-03-10T15:00:00.000Z', 'Monday 16:00 + 8 working hours = Tuesday 16:00');
  });

  it('lists requests near and past their deadlines', async () => {
    const r = await submitReport(
      db,
      { serviceCode: 'litter', channel: 'web', location: { kind: 'wgs84', lat: 52.2311, long: 21.0121 } },
      new Date('2026-03-02T09:00:00Z'),
    );
    const soon = await slaWatch(db, { jurisdictionId, now: new Date('2026-03-03T12:00:00Z'), withinHours: 24 });
    assert.deepEqual(
      soon.filter((w) => w.requestId === r.requestId).map((w) => [w.kind, w.state]),
      [['resolution', 'due_soon']],
    );
    const late = await slaWatch(db, { jurisdictionId, now: new Date('2026-03-05T12:00:00Z'), withinHours: 0 });
    assert.deepEqual(
      late.filter((w) => w.requestId === r.requestId).map((w) => [w.kind, w.state]),
      [['resolution', 'breached']],
    );
    await db.knex.raw(`UPDATE requests SET status = 'closed' WHERE id = ?`, [r.requestId]);
    assert.equal(
      (await slaWatch(db, { jurisdictionId, now: new Date('2026-03-05T12:00:00Z') })).some((w) => w.requestId === r.requestId),
      false,
    );
  });
});
