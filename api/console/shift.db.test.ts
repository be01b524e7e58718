import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import { StaffClient } from '../../test/staff-client';
import type { Database } from '../db/engine';
import { createStaff } from '../accounts/staff';
import { createFixtureCity, type FixtureCity } from '../pipeline/fixtures';
import { answerInquiry, forwardInquiry } from '../knowledge/inquiries';
import { myShift } from './shift';

/** Friday 27 November 2026, 16:00 in Warsaw (UTC+1): local midnight was 2026-11-26T23:00Z. */
const NOW = new Date('2026-11-27T15:00:00Z');
const at = (iso: string) => new Date(iso);

describe('my shift panel (database, HTTP)', () => {
  let db: Database;
  let city: FixtureCity;
  let server: TestServer;
  let me: number;
  let colleague: number;
  before(async () => {
    db = await openTestDatabase('console-shift');
    city = await createFixtureCity(db);
    const password = 'correct horse battery';
    me = (await createStaff(db.knex, { email: 'agent@testowo.pl', role: 'agent', password, jurisdictionId: city.jurisdictionId })).staff.id;
    colleague = (await createStaff(db.knex, { email: 'agent2@testowo.pl', role: 'agent', password, jurisdictionId: city.jurisdictionId })).staff.id;
    await createStaff(db.knex, { email: 'crew@testowo.pl', role: 'crew', unitCode: 'ZDM', password, jurisdictionId: city.jurisdictionId });
    await createStaff(db.knex, { email: 'zdm@testowo.pl', role: 'unit_staff', unitCode: 'ZDM', password, jurisdictionId: city.jurisdictionId });
    await createStaff(db.knex, { email: 'analyst@testowo.pl', role: 'analyst', password, jurisdictionId: city.jurisdictionId });
    await db.knex.raw(`INSERT INTO jurisdictions (id, name) VALUES ('inne.pl', 'Inne')`);
    server = await startTestServer(db);

    const contact = (
      staffId: number,
      started: string,
      seconds: number | null,
      outcome: string | null,
      channel = 'phone',
      jurisdictionId = city.jurisdictionId,
    ) => ({
      jurisdiction_id: jurisdictionId,
      staff_id: staffId,
      channel,
      started_at: at(started),
      outcome,
      topic: outcome ? `t-${outcome}` : null,
      ended_at: seconds === null ? null : new Date(at(started).getTime() + seconds * 1000),
    });
    await db.knex('contacts').insert([
      contact(me, '2026-11-26T20:00:00Z', 600, 'other'), // yesterday evening in Warsaw: another shift
      contact(me, '2026-11-26T23:30:00Z', 30, 'abandoned'), // 00:30 local: the first contact today, so the shift starts here
      contact(me, '2026-11-27T07:05:00Z', 120, 'answered_kb'),
      contact(me, '2026-11-27T08:00:00Z', 300, 'request_filed'),
      contact(me, '2026-11-27T09:00:00Z', 60, 'forwarded', 'email'),
      contact(me, '2026-11-27T14:50:00Z', null, null), // the call in progress
      contact(colleague, '2026-11-27T07:00:00Z', 900, 'answered_kb'), // a colleague's
      contact(me, '2026-11-27T10:00:00Z', 45, 'answered_kb', 'phone', 'inne.pl'), // same person, another city
    ]);

    // Requests at risk: one late, one due within 4 h, one due later today, one late but closed.
    const request = (publicId: string, expected: string, status = 'open') => ({
      public_id: publicId,
      jurisdiction_id: city.jurisdictionId,
      service_id: city.services.pothole,
      status,
      channel: 'phone',
      requested_at: at('2026-11-20T10:00:00Z'),
      expected_at: at(expected),
      address: `ul. Złota ${publicId.slice(-1)}`,
    });
    await db
      .knex('requests')
      .insert([
        request('LATE-000-001', '2026-11-27T12:00:00Z'),
        request('SOON-000-002', '2026-11-27T17:30:00Z'),
        request('LATER-00-003', '2026-11-27T22:00:00Z'),
        request('DONE-000-004', '2026-11-26T12:00:00Z', 'closed'),
      ]);
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  it('counts only my contacts of this shift by outcome and channel, with the exact average handling time', async () => {
    const shift = await myShift(db, { jurisdictionId: city.jurisdictionId, staffId: me, now: NOW });
    assert.equal(shift.timeZone, 'Europe/Warsaw');
    assert.equal(shift.since.toISOString(), '2026-11-26T23:30:00.000Z', 'the shift began at my first contact after local midnight');
    assert.deepEqual(shift.totals, { contacts: 5, closed: 4, avgHandlingSeconds: (30 + 120 + 300 + 60) / 4 });
    assert.deepEqual(shift.byOutcome, { abandoned: 1, answered_kb: 1, request_filed: 1, forwarded: 1, open: 1 });
    assert.deepEqual(shift.byChannel, { phone: 4, email: 1 });
    assert.equal(shift.openContact?.startedAt.toISOString(), '2026-11-27T14:50:00.000Z');
    assert.deepEqual(
      shift.recent.map((c) => c.startedAt.toISOString()),
      ['2026-11-27T14:50:00.000Z', '2026-11-27T09:00:00.000Z', '2026-11-27T08:00:00.000Z', '2026-11-27T07:05:00.000Z', '2026-11-26T23:30:00.000Z'],
    );

    const fromMorning = await myShift(db, { jurisdictionId: city.jurisdictionId, staffId: me, now: NOW, since: at('2026-11-27T08:00:00Z') });
    assert.deepEqual(fromMorning.totals, { contacts: 3, closed: 2, avgHandlingSeconds: 180 });

    const colleagues = await myShift(db, { jurisdictionId: city.jurisdictionId, staffId: colleague, now: NOW });
    assert.deepEqual(colleagues.byOutcome, { answered_kb: 1 });
    assert.equal(colleagues.totals.avgHandlingSeconds, 900);

    const nothingYet = await myShift(db, { jurisdictionId: city.jurisdictionId, staffId: me, now: at('2026-11-29T09:00:00Z') });
    assert.equal(nothingYet.since.toISOString(), '2026-11-28T23:00:00.000Z', 'no contact yet today: the shift starts at local midnight');
    assert.deepEqual(nothingYet.totals, { contacts: 0, closed: 0, avgHandlingSeconds: null });
  });

  it('lists the requests past or within 4 hours of their deadline, and my forwarded questions with their answers', async () => {
    const mine = await forwardInquiry(db.knex, {
      jurisdictionId: city.jurisdictionId,
      question: 'Kiedy remont chodnika?',
      serviceCode: 'pothole',
      districtCode: '02',
      channel: 'phone',
      replyChannel: 'none',
      staffId: me,
      now: at('2026-11-27T09:00:00Z'),
    });
    const answered = await forwardInquiry(db.knex, {
      jurisdictionId: city.jurisdictionId,
      question: 'Czy będzie nowy park?',
      channel: 'phone',
      replyChannel: 'none',
      staffId: me,
      now: at('2026-11-20T09:00:00Z'),
    });
    await answerInquiry(db.knex, city.jurisdictionId, answered.publicId, 'Tak, w 2027 roku przy ul. Złotej.', at('2026-11-26T12:00:00Z'));
    await forwardInquiry(db.knex, {
      jurisdictionId: city.jurisdictionId,
      question: 'Pytanie kolegi',
      channel: 'phone',
      replyChannel: 'none',
      staffId: colleague,
      now: at('2026-11-27T09:00:00Z'),
    });

    const shift = await myShift(db, { jurisdictionId: city.jurisdictionId, staffId: me, now: NOW });
    assert.deepEqual(
      shift.forwarded.map((i) => [i.publicId, i.status, i.answer]),
      [
        [answered.publicId, 'answered', 'Tak, w 2027 roku przy ul. Złotej.'],
        [mine.publicId, 'open', null],
      ],
    );
    assert.deepEqual(
      shift.atRisk.requests.map((r) => [r.publicId, r.kind, r.state]),
      [
        ['LATE-000-001', 'resolution', 'breached'],
        ['SOON-000-002', 'resolution', 'due_soon'],
      ],
    );
    assert.equal(shift.atRisk.requests[0].serviceNamePl, 'Dziura w jezdni');
    assert.equal(shift.atRisk.requests[0].address, 'ul. Złota 1');
    assert.equal(shift.atRisk.count, 2);

    // Three weeks later the answered question has left the list; the open one stays.
    const later = await myShift(db, { jurisdictionId: city.jurisdictionId, staffId: me, now: at('2026-12-18T10:00:00Z') });
    assert.deepEqual(
      later.forwarded.map((i) => [i.publicId, i.overdue]),
      [[mine.publicId, true]],
    );
  });

  it('answers GET /api/console/shift to agents and admins only, counting a contact closed through the API', async () => {
    assert.equal((await fetch(`${server.url}/api/console/shift`)).status, 401);
    for (const email of ['crew@testowo.pl', 'zdm@testowo.pl', 'analyst@testowo.pl']) {
      const other = new StaffClient(server.url);
      assert.equal((await other.login(email, 'correct horse battery')).status, 200);
      assert.equal((await other.get('/api/console/shift')).status, 403, email);
    }
    const agent = new StaffClient(server.url);
    await agent.login('agent2@testowo.pl', 'correct horse battery');
    const before = (await agent.json(agent.get('/api/console/shift'))).shift;
    const { contact } = await agent.json(agent.send('POST', '/api/console/contacts', { channel: 'chat' }));
    await agent.json(agent.send('POST', `/api/console/contacts/${contact.id}/close`, { outcome: 'answered_kb', topic: 'Godziny otwarcia urzędu' }));
    const { shift } = await agent.json(agent.get('/api/console/shift'));
    assert.equal(shift.totals.contacts, before.totals.contacts + 1);
    assert.equal(shift.byChannel.chat, 1);
    assert.equal(shift.recent[0].topic, 'Godziny otwarcia urzędu');
    assert.equal(shift.recent[0].outcome, 'answered_kb');
    assert.equal(shift.openContact, null);
    const bad = await agent.json(agent.get('/api/console/shift?since=yesterday'), 400);
    assert.equal(bad.errors[0].field, 'since');
    await agent.json(agent.get(`/api/console/shift?since=${encodeURIComponent(new Date(Date.now() - 10 * 86_400_000).toISOString())}`), 400);
    await agent.json(agent.get(`/api/console/shift?since=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`));
  });
});
