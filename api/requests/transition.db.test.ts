/**
 * What one status change does (api/requests/transition.ts), on a stored request: responded_at,
 * closed_at, the SLA clock, the event (and the notice its trigger queues), refusals that write
 * nothing, and merges going through the same path.
 */
import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import type { Database } from '../db/engine';
import { openTestDatabase } from '../../test/db';
import { createFixtureCity } from '../pipeline/fixtures';
import { submitReport } from '../pipeline/intake';
import { mergeRequests, unmergeRequest } from '../pipeline/merges';
import { transition, type Actor } from './transition';
import type { DetailedStatus } from './statuses';

describe('request lifecycle: transition() side effects (database)', function () {
  this.timeout(120_000);
  let db: Database;
  let spot = 0;
  const agent: Actor = { kind: 'staff', role: 'agent', id: 1 };
  const admin: Actor = { kind: 'staff', role: 'admin', id: 2 };
  const filer: Actor = { kind: 'api_client', role: 'report-filer', id: 3 };

  before(async () => {
    db = await openTestDatabase('lifecycle');
    await createFixtureCity(db);
  });
  after(() => db?.close());

  const row = async (id: number) => (await db.knex.raw(`SELECT * FROM requests WHERE id = ?`, [id])).rows[0];
  const events = async (id: number) => (await db.knex('request_events').where({ request_id: id }).orderBy('id').select('*')) as Array<Record<string, unknown>>;
  /** A pothole filed on Monday 2026-03-02 10:00 local, by phone, by a resident with a confirmed-looking e-mail. */
  async function fileOne(): Promise<{ id: number; publicId: string }> {
    spot++;
    const r = await submitReport(
      db,
      {
        serviceCode: 'pothole',
        channel: 'phone',
        attributes: { size: 'small' },
        location: { kind: 'wgs84', lat: 52.203 + (spot % 6) * 0.006, long: 21.011 + Math.floor(spot / 6) * 0.006 },
        reporter: { email: `mieszkaniec${spot}@example.org`, notify: 'email' },
      },
      new Date('2026-03-02T09:00:00Z'),
    );
    return { id: r.requestId, publicId: r.publicId };
  }
  const go = (id: number, to: DetailedStatus | null, actor: Actor, at: string, note?: string, extra: Record<string, unknown> = {}) =>
    db.knex.transaction((trx: Knex.Transaction) => transition(trx, id, to, actor, note, { at: new Date(at), ...extra }));

  it('sets responded_at on the first change by the city, not on a reopening, and keeps it', async () => {
    const r = await fileOne();
    await go(r.id, 'waiting_for_resident', agent, '2026-03-02T10:00:00Z', 'Prosimy o zdjęcie');
    const first = await row(r.id);
    assert.equal(first.responded_at.toISOString(), '2026-03-02T10:00:00.000Z');
    assert.equal(first.status_notes, 'Prosimy o zdjęcie');
    await go(r.id, 'acknowledged', agent, '2026-03-03T10:00:00Z');
    assert.equal((await row(r.id)).responded_at.toISOString(), '2026-03-02T10:00:00.000Z', 'the first response stays');
    assert.equal((await row(r.id)).status_notes, null, 'a new status without a note clears the old one');

    const other = await fileOne();
    await go(other.id, 'reopened', admin, '2026-03-02T10:00:00Z');
    assert.equal((await row(other.id)).responded_at, null, 'reopening is not a response');
    const own = await fileOne();
    await go(own.id, 'fixed', filer, '2026-03-02T10:00:00Z', undefined, { onlyReporter: true });
    assert.equal((await row(own.id)).responded_at, null, "a reporter's app closing its own report is not the city's response");
  });

  it('sets closed_at when the request closes, keeps it while closed, clears it on reopening', async () => {
    const r = await fileOne();
    await go(r.id, 'fixed', admin, '2026-03-04T10:00:00Z');
    let now = await row(r.id);
    assert.deepEqual([now.status, now.detailed_status, now.closed_at.toISOString()], ['closed', 'fixed', '2026-03-04T10:00:00.000Z']);
    await go(r.id, 'no_further_action', admin, '2026-03-05T10:00:00Z');
    assert.equal((await row(r.id)).closed_at.toISOString(), '2026-03-04T10:00:00.000Z');
    await go(r.id, 'reopened', agent, '2026-03-06T10:00:00Z');
    now = await row(r.id);
    assert.deepEqual([now.status, now.detailed_status, now.closed_at], ['open', 'reopened', null]);
  });

  it('pauses the SLA clock in a paused status and moves the deadlines on leaving it', async () => {
    const r = await fileOne();
    const before = await row(r.id);
    await go(r.id, 'waiting_for_resident', agent, '2026-03-02T11:00:00Z');
    assert.equal((await row(r.id)).sla_paused_at.toISOString(), '2026-03-02T11:00:00.000Z');
    await go(r.id, 'acknowledged', agent, '2026-03-03T11:00:00Z');
    const after = await row(r.id);
    assert.equal(after.sla_paused_at, null);
    assert.equal(after.sla_paused_seconds, 24 * 3600, '8 working hours lost');
    assert.ok(after.expected_at > before.expected_at, 'the resolution deadline moved');
  });

  it('writes one public status event with the previous status, and the notice trigger queues a notice from it', async () => {
    const r = await fileOne();
    const n0 = await events(r.id);
    const done = await go(r.id, 'acknowledged', agent, '2026-03-02T10:00:00Z', 'Przyjęte');
    const added = (await events(r.id)).slice(n0.length);
    assert.equal(added.length, 1);
    assert.equal(Number(added[0].id), done.eventId);
    assert.deepEqual(
      [added[0].kind, added[0].public, added[0].status, added[0].detailed_status, added[0].note, added[0].actor_kind, Number(added[0].actor_id)],
      ['status', true, 'open', 'acknowledged', 'Przyjęte', 'staff', 1],
    );
    assert.equal((added[0].data as { from: string }).from, 'new');
    const notices = await db.knex('notifications').where({ request_event_id: done.eventId }).select('kind');
    assert.deepEqual(
      notices.map((x: { kind: string }) => x.kind),
      ['status_changed'],
    );
  });

  it('refuses what the table refuses and writes nothing', async () => {
    const r = await fileOne();
    const before = [await row(r.id), await events(r.id)];
    await assert.rejects(go(r.id, 'fixed', agent, '2026-03-02T10:00:00Z'), (e: Error & { code?: string }) =>
      /agent cannot set the status fixed/.test(JSON.stringify(e)),
    );
    await go(r.id, 'cancelled', agent, '2026-03-02T10:00:00Z');
    await assert.rejects(go(r.id, 'acknowledged', agent, '2026-03-02T11:00:00Z'), (e: Error) => /already closed/.test(JSON.stringify(e)));
    assert.equal((await row(r.id)).detailed_status, 'cancelled');
    assert.equal((await events(r.id)).length, (before[1] as unknown[]).length + 1);
  });

  it('refuses any change to a merged request with 409 naming the survivor; merge and un-merge go through it', async () => {
    const dup = await fileOne();
    const survivor = await fileOne();
    await go(dup.id, 'waiting_for_resident', agent, '2026-03-02T10:00:00Z');
    await mergeRequests(db, { from: dup.publicId, into: survivor.publicId, now: new Date('2026-03-03T10:00:00Z') });
    let merged = await row(dup.id);
    assert.deepEqual([merged.status, merged.detailed_status, merged.closed_at.toISOString()], ['closed', 'duplicate', '2026-03-03T10:00:00.000Z']);
    assert.equal(merged.sla_paused_at, null, 'closing as a duplicate ends the pause');
    const count = (await events(dup.id)).length;
    for (const to of ['reopened', 'acknowledged', null] as const) {
      await assert.rejects(go(dup.id, to, admin, '2026-03-04T10:00:00Z'), (e: Error & { status?: number }) => {
        const text = JSON.stringify(e) + e.message;
        return new RegExp(`${dup.publicId} was merged into ${survivor.publicId}`).test(text) && /conflict/.test(text);
      });
    }
    assert.equal((await events(dup.id)).length, count, 'nothing written');
    assert.equal((await row(dup.id)).detailed_status, 'duplicate');
    await unmergeRequest(db, { publicId: dup.publicId, now: new Date('2026-03-05T10:00:00Z') });
    merged = await row(dup.id);
    assert.deepEqual([merged.status, merged.detailed_status, merged.closed_at, merged.duplicate_of_id], ['open', 'waiting_for_resident', null, null]);
    assert.ok(merged.sla_paused_at, 'back in a paused status: the clock stops again');
    const kinds = (await events(dup.id)).map((e) => e.kind);
    assert.deepEqual(kinds.slice(-2), ['merged', 'unmerged']);
  });
});
