import assert from 'node:assert/strict';
import type { Database } from '../db/engine';
import { isAppError } from '../errors';
import { openTestDatabase } from '../../test/db';
import { createFixtureCity } from './fixtures';
import { previewResolution, submitReport } from './intake';
import { mergeRequests, unmergeRequest } from './merges';
import type { ReportInput } from './types';

async function rejects(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => isAppError(e) && pattern.test(e.message));
}

describe('duplicates, merges and un-merges (every reporter kept)', function () {
  this.timeout(120_000);
  let db: Database;
  const now = new Date('2026-03-10T09:00:00Z');
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  before(async () => {
    db = await openTestDatabase('pipeline-duplicates');
    await createFixtureCity(db);
  });
  after(() => db?.close());

  // Points along lat 52.2301 near Złota; 0.0001 degree of longitude is about 6.8 m here.
  const at = (lat: number, long: number) => ({ kind: 'wgs84' as const, lat, long });
  const report = (over: Partial<ReportInput>) =>
    submitReport(db, { serviceCode: 'pothole', channel: 'web', attributes: { size: 'small' }, location: at(52.2301, 21.0121), ...over }, now);
  const reporters = async (publicId: string) =>
    (
      await db.knex.raw(
        `SELECT rr.channel, rr.notify, o.public_id AS original, p.email_norm FROM request_reporters rr JOIN requests r ON r.id = rr.request_id
         LEFT JOIN requests o ON o.id = rr.original_request_id LEFT JOIN people p ON p.id = rr.person_id WHERE r.public_id = ? ORDER BY rr.id`,
        [publicId],
      )
    ).rows;
  const request = async (publicId: string) =>
    (
      await db.knex.raw(`SELECT r.*, d.public_id AS duplicate_of FROM requests r LEFT JOIN requests d ON d.id = r.duplicate_of_id WHERE r.public_id = ?`, [
        publicId,
      ])
    ).rows[0];

  it('suggests duplicates across channels, ranked, with reasons; ignores those outside radius, window, closed or of other kinds', async () => {
    const phone = await report({ channel: 'phone', description: 'Duża dziura przed sklepem', requestedAt: daysAgo(2) });
    await report({ channel: 'open311', location: at(52.2301, 21.0141), requestedAt: daysAgo(1) }); // ~137 m: outside the 100 m radius
    await report({ channel: 'email', location: at(52.2301, 21.0122), requestedAt: daysAgo(31) }); // outside the 30-day window
    const closed = await report({ channel: 'web', location: at(52.2301, 21.012), requestedAt: daysAgo(1) });
    await db.knex.raw(`UPDATE requests SET status = 'closed', detailed_status = 'fixed' WHERE public_id = ?`, [closed.publicId]);
    await submitReport(db, { serviceCode: 'litter', channel: 'web', location: at(52.2301, 21.0121) }, now); // other kind, other group

    const web = await report({ channel: 'mobile', description: 'dziura przed sklepem', location: at(52.23015, 21.01215), locale: 'en' });
    assert.equal(web.merged, false, 'pothole has the suggest policy');
    assert.deepEqual(
      web.resolution.candidates.map((c) => c.publicId),
      [phone.publicId],
    );
    const c = web.resolution.candidates[0];
    assert.match(c.reason, /^\d+ m, same category, 2 days ago, description \d+% alike$/);
    assert.ok(c.distanceM < 10 && c.score > 0.5);
    assert.equal(c.reporterCount, 1);
    const stored = await request(web.publicId);
    assert.equal(stored.resolution.candidates[0].publicId, phone.publicId);

    const preview = await previewResolution(db, { serviceCode: 'pothole', location: at(52.2301, 21.0121), at: now });
    assert.equal(preview.candidates.length, 2, 'the phone report and the mobile one');
    assert.ok(
      preview.candidates.every((x) => !('requestId' in x)),
      'no internal ids',
    );
  });

  it('merges a strong match automatically for a merge-policy service, across the duplicate group, keeping the reporter', async () => {
    const lamp = await submitReport(
      db,
      { serviceCode: 'lamp_post', channel: 'phone', location: at(52.2361, 21.0201), reporter: { email: 'a@example.com', notify: 'email' } },
      now,
    );
    const light = await submitReport(
      db,
      { serviceCode: 'streetlight', channel: 'sms', location: at(52.23611, 21.02011), reporter: { phone: '601 000 111', notify: 'sms' } },
      now,
    );
    assert.equal(light.merged, true);
    assert.equal(light.publicId, lamp.publicId);
    assert.match(light.serviceNotice ?? '', new RegExp(`już przyjęliśmy jako ${lamp.publicId}`));
    const survivor = await request(lamp.publicId);
    assert.equal(survivor.reporter_count, 2);
    assert.equal(survivor.priority, 1);
    const reps = await reporters(lamp.publicId);
    assert.deepEqual(
      reps.map((r: { channel: string; notify: string }) => [r.channel, r.notify]),
      [
        ['phone', 'email'],
        ['sms', 'sms'],
      ],
    );
    assert.ok(reps[1].original, 'the merged report is kept (closed, duplicate) so the merge can be undone');
    assert.equal(light.ownPublicId, reps[1].original, 'the report keeps its own id (Open311 answers with it)');
    assert.notEqual(light.ownPublicId, lamp.publicId);
    const dup = await request(reps[1].original);
    assert.equal(dup.status, 'closed');
    assert.equal(dup.detailed_status, 'duplicate');
    assert.equal(dup.duplicate_of, lamp.publicId);

    const far = await submitReport(db, { serviceCode: 'streetlight', channel: 'web', location: at(52.2361, 21.0206) }, now); // ~34 m: a candidate, not strong
    assert.equal(far.merged, false);
    assert.equal(far.resolution.candidates[0].publicId, lamp.publicId);
  });

  it('attaches a caller to a chosen request (me too), following a merge chain, refusing closed ones', async () => {
    const a = await report({ location: at(52.2381, 21.0301), description: 'A' });
    const b = await report({ location: at(52.2381, 21.0351), description: 'B' });
    await mergeRequests(db, { from: a.publicId, into: b.publicId, staffId: null, now });
    const me = await report({
      attachTo: a.publicId.toLowerCase().replace(/-/g, ''),
      channel: 'phone',
      reporter: { email: 'c@example.com', notify: 'email' },
      description: 'też to widzę',
    });
    assert.equal(me.merged, true);
    assert.equal(me.publicId, b.publicId, 'attaching to a merged request reaches its survivor');
    assert.equal((await request(b.publicId)).reporter_count, 3);
    await db.knex.raw(`UPDATE requests SET status = 'closed' WHERE public_id = ?`, [b.publicId]);
    await rejects(report({ attachTo: b.publicId }), /closed requests are not merge targets/);
    await rejects(
      mergeRequests(db, { from: (await report({ location: at(52.2391, 21.0301) })).publicId, into: b.publicId, now }),
      /closed requests are not merge targets/,
    );
    await db.knex.raw(`UPDATE requests SET status = 'open', detailed_status = 'reopened' WHERE public_id = ?`, [b.publicId]);
    await report({ attachTo: b.publicId });
    const quiet = await report({ attachTo: b.publicId, attributes: {} });
    assert.equal(quiet.publicId, b.publicId, 'a co-reporter answers no questions: the request keeps its own answers');
  });

  it('flattens a merge of a merge and un-merges, giving reporters back', async () => {
    const mk = (long: number, email: string) => report({ location: at(52.2221, long), reporter: { email, notify: 'email' } });
    const a = await mk(21.0301, 'a1@example.com');
    const b = await mk(21.0321, 'b1@example.com');
    const c = await mk(21.0341, 'c1@example.com');
    await mergeRequests(db, { from: a.publicId, into: b.publicId, now });
    const m = await mergeRequests(db, { from: b.publicId, into: c.publicId, now });
    assert.equal(m.childrenMoved, 1);
    assert.equal((await request(a.publicId)).duplicate_of, c.publicId, 'A now points straight at C');
    assert.equal((await request(c.publicId)).reporter_count, 3);
    const onC = await reporters(c.publicId);
    assert.deepEqual(
      onC.map((r: { email_norm: string; original: string | null }) => [r.email_norm, r.original]),
      [
        ['a1@example.com', a.publicId],
        ['b1@example.com', b.publicId],
        ['c1@example.com', null],
      ],
    );
    await rejects(mergeRequests(db, { from: c.publicId, into: a.publicId, now }), /cannot be merged into itself/);
    await rejects(mergeRequests(db, { from: a.publicId, into: b.publicId, now }), /already merged into/);

    const u = await unmergeRequest(db, { publicId: b.publicId, now });
    assert.equal(u.reportersMoved, 1);
    const bRow = await request(b.publicId);
    assert.equal(bRow.status, 'open');
    assert.equal(bRow.duplicate_of_id, null);
    assert.equal(bRow.reporter_count, 1);
    assert.equal((await request(c.publicId)).reporter_count, 2, 'C keeps its own reporter and A’s');
    assert.deepEqual(
      (await reporters(b.publicId)).map((r: { email_norm: string; original: string | null }) => [r.email_norm, r.original]),
      [['b1@example.com', null]],
    );
    const kinds = (
      await db.knex.raw(`SELECT e.kind FROM request_events e JOIN requests r ON r.id = e.request_id WHERE r.public_id = ? ORDER BY e.id`, [b.publicId])
    ).rows.map((r: { kind: string }) => r.kind);
    assert.deepEqual(kinds, ['created', 'reporter_added', 'merged', 'unmerged']);
    await rejects(unmergeRequest(db, { publicId: b.publicId, now }), /is not merged/);
  });
});
