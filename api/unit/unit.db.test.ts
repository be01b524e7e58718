import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import { StaffClient } from '../../test/staff-client';
import type { Database } from '../db/engine';
import { createStaff } from '../accounts/staff';
import { createFixtureCity, type FixtureCity } from '../pipeline/fixtures';
import { loadDemoInquiries } from './demo-inquiries';

const PASSWORD = 'correct horse battery';

describe('second line: the unit inbox API (database, HTTP)', () => {
  let db: Database;
  let city: FixtureCity;
  let server: TestServer;
  const as: Record<string, StaffClient> = {};
  const staffId: Record<string, number> = {};
  const ids: Record<string, string> = {};

  before(async () => {
    db = await openTestDatabase('unit-inbox');
    city = await createFixtureCity(db);
    for (const [key, role, unitCode] of [
      ['agent', 'agent'],
      ['admin', 'admin'],
      ['zdm', 'unit_staff', 'ZDM'],
      ['udb', 'unit_staff', 'UDB'],
      ['crew', 'crew', 'ZDM'],
    ] as const) {
      const { staff } = await createStaff(db.knex, {
        email: `${key}@testowo.pl`,
        name: `${key} name`,
        role,
        unitCode,
        password: PASSWORD,
        jurisdictionId: city.jurisdictionId,
      });
      staffId[key] = staff.id;
    }
    server = await startTestServer(db);
    for (const key of Object.keys(staffId)) {
      as[key] = new StaffClient(server.url);
      assert.equal((await as[key].login(`${key}@testowo.pl`, PASSWORD)).status, 200);
    }
    const forward = async (body: Record<string, unknown>) => (await as.agent.json(as.agent.send('POST', '/api/console/inquiries', body))).inquiry;
    // A pin on a road in Alfa: roads go to ZDM (rule roads-all).
    const pothole = await forward({
      question: 'Kiedy załatacie dziury na Marszałkowskiej?',
      serviceCode: 'pothole',
      lat: 52.2201,
      long: 21.012,
      replyChannel: 'email',
      person: { firstName: 'Anna', lastName: 'Nowak', email: 'anna@example.pl', phone: '601 234 567' },
    });
    assert.equal(pothole.unit.code, 'ZDM');
    ids.pothole = pothole.publicId;
    ids.sidewalk = (await forward({ question: 'Czy w Becie będzie nowy chodnik?', unitCode: 'UDB', replyChannel: 'none' })).publicId;
    ids.tree = (
      await forward({
        question: 'Kto przytnie drzewo przy szkole?',
        unitCode: 'ZDM',
        replyChannel: 'sms',
        person: { firstName: 'Jan', phone: '+48 602 000 111', email: 'jan@example.pl' },
      })
    ).publicId;
    ids.late = (await forward({ question: 'Dlaczego nikt nie odpowiada?', unitCode: 'ZDM', replyChannel: 'phone', person: { phone: '603 000 222' } })).publicId;
    // Deadlines the SLA states can be checked against, whatever the time of day the test runs.
    const due = (id: string, ms: number) =>
      db
        .knex('inquiries')
        .where({ public_id: id })
        .update({ due_at: new Date(Date.now() + ms) });
    await due(ids.pothole, 60_000); // a minute left: due soon (at most 8 working hours)
    await due(ids.tree, 30 * 86_400_000); // a month: on time
    await due(ids.late, -3_600_000); // an hour ago: overdue
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  it('lets only unit staff and admins in: 401 without a session, 403 for agents and crews', async () => {
    assert.equal((await fetch(`${server.url}/api/unit/inquiries`)).status, 401);
    assert.equal((await as.agent.get('/api/unit/inquiries')).status, 403);
    assert.equal((await as.crew.get('/api/unit/inquiries')).status, 403);
    assert.equal((await as.agent.send('POST', `/api/unit/inquiries/${ids.pothole}/answer`, { answer: 'x' })).status, 403);
    const page = await fetch(`${server.url}/unit`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /\/assets\/unit\.[A-Z0-9]{8}\.js/, 'the fingerprinted bundle');
  });

  it('lists only the unit own inquiries, overdue first then due soonest, with counts, SLA states and paging', async () => {
    const list = await as.zdm.json(as.zdm.get('/api/unit/inquiries'));
    assert.deepEqual(
      list.inquiries.map((i: { publicId: string }) => i.publicId),
      [ids.late, ids.pothole, ids.tree],
    );
    assert.deepEqual(
      list.inquiries.map((i: { sla: { state: string } }) => i.sla.state),
      ['overdue', 'due_soon', 'on_time'],
    );
    assert.ok(list.inquiries[2].sla.workingHoursLeft > 8);
    assert.deepEqual(list.counts, { open: 3, overdue: 1, answered: 0, returned: 0, all: 3 });
    assert.ok(list.inquiries.every((i: { unit: { code: string } }) => i.unit.code === 'ZDM'));
    const second = await as.zdm.json(as.zdm.get('/api/unit/inquiries?limit=1&page=2'));
    assert.deepEqual([second.inquiries.map((i: { publicId: string }) => i.publicId), second.total, second.page], [[ids.pothole], 3, 2]);
    assert.equal((await as.zdm.get('/api/unit/inquiries?status=bogus')).status, 400);
    assert.equal((await as.zdm.get('/api/unit/inquiries?limit=1000')).status, 400);
    // ?unit= does not widen a unit account's scope.
    const udbAsked = await as.zdm.json(as.zdm.get('/api/unit/inquiries?unit=UDB'));
    assert.ok(udbAsked.inquiries.every((i: { unit: { code: string } }) => i.unit.code === 'ZDM'));
    const all = await as.admin.json(as.admin.get('/api/unit/inquiries'));
    assert.equal(all.counts.open, 4, 'admins see every unit');
    const udb = await as.admin.json(as.admin.get('/api/unit/inquiries?unit=UDB'));
    assert.deepEqual(
      udb.inquiries.map((i: { publicId: string }) => i.publicId),
      [ids.sidewalk],
    );
    assert.equal((await as.admin.get('/api/unit/inquiries?unit=NOPE')).status, 404);
  });

  it('shows one inquiry with its context, and of the resident only the name and the reply address', async () => {
    const { inquiry } = await as.zdm.json(as.zdm.get(`/api/unit/inquiries/${ids.pothole}`));
    assert.equal(inquiry.question, 'Kiedy załatacie dziury na Marszałkowskiej?');
    assert.equal(inquiry.service.code, 'pothole');
    assert.equal(inquiry.district.code, '01');
    assert.equal(inquiry.forwardedBy, 'agent name');
    assert.ok(Math.abs(inquiry.point.lat - 52.2201) < 1e-9 && Math.abs(inquiry.point.long - 21.012) < 1e-9);
    assert.deepEqual(inquiry.resident, { name: 'Anna Nowak', email: 'anna@example.pl' }, 'no phone: the answer goes by e-mail');
    const tree = (await as.zdm.json(as.zdm.get(`/api/unit/inquiries/${ids.tree.toLowerCase()}`))).inquiry;
    assert.deepEqual(tree.resident, { name: 'Jan', phone: '+48 602 000 111' });
    assert.equal(tree.point, null);
  });

  it('answers 404, not 403, for another unit inquiry, so numbers cannot be probed', async () => {
    for (const res of [
      await as.zdm.get(`/api/unit/inquiries/${ids.sidewalk}`),
      await as.zdm.send('POST', `/api/unit/inquiries/${ids.sidewalk}/answer`, { answer: 'Nie wiem' }),
      await as.zdm.send('POST', `/api/unit/inquiries/${ids.sidewalk}/return`, { reason: 'nie nasze' }),
      await as.zdm.get('/api/unit/inquiries/Z-0000-000-000'),
    ]) {
      assert.equal(res.status, 404);
    }
    assert.equal((await db.knex('inquiries').where({ public_id: ids.sidewalk }).first()).status, 'open');
  });

  it('records an answer once, with who answered and an audit row, and the first line reads it back', async () => {
    const path = `/api/unit/inquiries/${ids.pothole}/answer`;
    assert.equal((await as.zdm.send('POST', path, { answer: 'Do piątku.' }, 'forged')).status, 403, 'CSRF token required');
    assert.equal((await as.zdm.send('POST', path, { answer: '   ' })).status, 400);
    assert.equal((await as.zdm.send('POST', path, { answer: 'x'.repeat(4001) })).status, 400);
    const { inquiry } = await as.zdm.json(as.zdm.send('POST', path, { answer: '  Załatamy do piątku 14 marca.  ' }));
    assert.equal(inquiry.status, 'answered');
    assert.equal(inquiry.answer, 'Załatamy do piątku 14 marca.');
    assert.equal(inquiry.answeredBy, 'zdm name');
    assert.equal(inquiry.sla.state, 'answered_on_time');
    const row = await db.knex('inquiries').where({ public_id: ids.pothole }).first();
    assert.equal(Number(row.answered_by), staffId.zdm);
    const audit = await db
      .knex('audit_log')
      .where({ action: 'inquiry.answer', entity_id: String(row.id) })
      .select('actor_id', 'data');
    assert.equal(audit.length, 1);
    assert.equal(Number(audit[0].actor_id), staffId.zdm);
    assert.ok(!JSON.stringify(audit[0].data).includes('piątku'), 'the answer text is not copied into the audit');

    const again = await as.zdm.send('POST', path, { answer: 'Jednak w poniedziałek.' });
    assert.equal(again.status, 409);
    assert.equal((await db.knex('inquiries').where({ public_id: ids.pothole }).first()).answer, 'Załatamy do piątku 14 marca.');
    assert.equal((await as.admin.send('POST', `/api/console/inquiries/${ids.pothole}/answer`, { answer: 'x' })).status, 409, 'the admin path refuses it too');

    const caller = await as.agent.json(as.agent.get('/api/console/callers?email=anna@example.pl'));
    const mine = caller.inquiries.find((i: { publicId: string }) => i.publicId === ids.pothole);
    assert.equal(mine.answer, 'Załatamy do piątku 14 marca.');
    assert.ok(mine.answeredAt);
    const counts = (await as.zdm.json(as.zdm.get('/api/unit/inquiries?status=answered'))).counts;
    assert.deepEqual([counts.open, counts.answered], [2, 1]);
  });

  it('returns a wrong-unit inquiry to the first line, which reassigns it keeping the deadline', async () => {
    const path = `/api/unit/inquiries/${ids.tree}/return`;
    assert.equal((await as.zdm.send('POST', path, { reason: '' })).status, 400);
    const { inquiry } = await as.zdm.json(as.zdm.send('POST', path, { reason: 'Drzewa przy szkołach: Urząd Dzielnicy Beta' }));
    assert.equal(inquiry.status, 'returned');
    assert.equal(inquiry.returnReason, 'Drzewa przy szkołach: Urząd Dzielnicy Beta');
    assert.equal(
      (await as.zdm.send('POST', `/api/unit/inquiries/${ids.tree}/answer`, { answer: 'x' })).status,
      409,
      'a returned inquiry is no longer the unit to answer',
    );
    assert.equal((await as.zdm.send('POST', path, { reason: 'again' })).status, 409);
    const before = await db.knex('inquiries').where({ public_id: ids.tree }).first();

    const returned = await as.agent.json(as.agent.get('/api/console/inquiries?status=returned'));
    assert.deepEqual(
      returned.inquiries.map((i: { publicId: string; returnReason: string }) => [i.publicId, i.returnReason]),
      [[ids.tree, 'Drzewa przy szkołach: Urząd Dzielnicy Beta']],
    );
    const reassign = `/api/console/inquiries/${ids.tree}/reassign`;
    assert.equal((await as.zdm.send('POST', reassign, { unitCode: 'UDB' })).status, 403, 'units do not reassign');
    assert.equal((await as.agent.send('POST', reassign, { unitCode: 'UDB' }, 'forged')).status, 403);
    assert.equal((await as.agent.send('POST', reassign, {})).status, 400);
    assert.equal((await as.agent.send('POST', reassign, { unitCode: 'NOPE' })).status, 404);
    assert.equal((await as.agent.send('POST', reassign, { unitCode: 'OLD' })).status, 404, 'an inactive unit');
    const moved = (await as.agent.json(as.agent.send('POST', reassign, { unitCode: 'UDB' }))).inquiry;
    assert.deepEqual([moved.status, moved.unit.code, new Date(moved.dueAt).getTime()], ['open', 'UDB', new Date(before.due_at).getTime()]);
    assert.equal((await as.agent.send('POST', reassign, { unitCode: 'UDB' })).status, 409, 'already there');
    assert.equal((await as.agent.send('POST', `/api/console/inquiries/${ids.pothole}/reassign`, { unitCode: 'UDB' })).status, 409, 'answered ones stay');

    assert.equal((await as.zdm.get(`/api/unit/inquiries/${ids.tree}`)).status, 404, 'gone from the old unit');
    const udb = await as.udb.json(as.udb.get('/api/unit/inquiries'));
    assert.deepEqual(udb.inquiries.map((i: { publicId: string }) => i.publicId).sort(), [ids.sidewalk, ids.tree].sort());
    const detail = (await as.udb.json(as.udb.get(`/api/unit/inquiries/${ids.tree}`))).inquiry;
    assert.equal(detail.returnReason, 'Drzewa przy szkołach: Urząd Dzielnicy Beta', 'the new unit sees why it came back');
    const actions = (
      await db
        .knex('audit_log')
        .where({ entity: 'inquiries', entity_id: String(before.id) })
        .orderBy('id')
        .select('action')
    ).map((a: { action: string }) => a.action);
    assert.deepEqual(actions, ['inquiry.return', 'inquiry.reassign']);
  });

  it('gives the demo unit an inbox with something in it: overdue, open and answered questions', async () => {
    const before = (await as.zdm.json(as.zdm.get('/api/unit/inquiries'))).counts;
    assert.equal(await loadDemoInquiries(db.knex, city.jurisdictionId), 7);
    const after = await as.zdm.json(as.zdm.get('/api/unit/inquiries?status=all&limit=200'));
    assert.deepEqual([after.counts.open - before.open, after.counts.answered - before.answered], [4, 2]);
    assert.ok(after.counts.overdue > before.overdue, 'the 24-day-old question is past its 10 working days');
    const answered = after.inquiries.filter((i: { status: string }) => i.status === 'answered');
    assert.ok(answered.every((i: { sla: { state: string } }) => i.sla.state === 'answered_on_time'));
    const withPin = after.inquiries.find((i: { topic: string }) => i.topic === 'Remont chodnika');
    assert.ok((await as.zdm.json(as.zdm.get(`/api/unit/inquiries/${withPin.publicId}`))).inquiry.point, 'demo questions carry a point for the map');
  });
});
