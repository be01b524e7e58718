import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import type { Database } from '../db/engine';
import { createStaff } from '../accounts/staff';
import { createFixtureCity, type FixtureCity } from '../pipeline/fixtures';
import { loadDemoArticles } from '../knowledge/demo-articles';
import { StaffClient } from '../../test/staff-client';

describe('console API and staff sessions (database, HTTP)', () => {
  let db: Database;
  let city: FixtureCity;
  let server: TestServer;
  let agent: StaffClient;
  before(async () => {
    db = await openTestDatabase('console-api');
    city = await createFixtureCity(db);
    await loadDemoArticles(db.knex, city.jurisdictionId);
    for (const [email, role, unitCode] of [
      ['agent@testowo.pl', 'agent'],
      ['admin@testowo.pl', 'admin'],
      ['crew@testowo.pl', 'crew', 'ZDM'],
    ] as const) {
      await createStaff(db.knex, { email, role, unitCode, password: 'correct horse battery', jurisdictionId: city.jurisdictionId });
    }
    server = await startTestServer(db);
    agent = new StaffClient(server.url);
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  it('logs staff in with an HttpOnly SameSite=Strict cookie, stores only a hash, and logs out', async () => {
    assert.equal((await fetch(`${server.url}/api/console/settings`)).status, 401);
    const bad = await agent.login('agent@testowo.pl', 'wrong');
    assert.equal(bad.status, 400);
    const res = await agent.login('Agent@Testowo.pl', 'correct horse battery');
    assert.equal(res.status, 200);
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^kontakt_session=[A-Za-z0-9_-]{40,};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const token = agent.cookie.split('=')[1];
    const stored = await db.knex('staff_sessions').select('token_hash');
    assert.ok(stored.length >= 1 && stored.every((s: { token_hash: string }) => s.token_hash !== token && /^[0-9a-f]{64}$/.test(s.token_hash)));
    const settings = await agent.json(agent.get('/api/console/settings'));
    assert.equal(settings.jurisdiction.id, city.jurisdictionId);
    assert.deepEqual(settings.districts.map((d: { code: string }) => d.code).sort(), ['01', '02']);

    const other = new StaffClient(server.url);
    await other.login('agent@testowo.pl', 'correct horse battery');
    await other.json(other.send('POST', '/api/auth/logout', {}));
    assert.equal((await other.get('/api/console/settings')).status, 401, 'the session ended');
    assert.equal((await agent.get('/api/console/settings')).status, 200, 'other sessions live on');
    const actions = (await db.knex('audit_log').whereIn('action', ['staff.login', 'staff.login_failed', 'staff.logout']).select('action')).map(
      (a: { action: string }) => a.action,
    );
    assert.deepEqual(actions.sort(), ['staff.login', 'staff.login', 'staff.login_failed', 'staff.logout']);
  });

  it('stops password guessing for one account after ten tries, without locking out others', async () => {
    const guesser = new StaffClient(server.url);
    for (let i = 0; i < 10; i++) assert.equal((await guesser.login('admin@guess.example', `guess-${i}`)).status, 400);
    const refused = await guesser.login('admin@guess.example', 'guess-10');
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal((await new StaffClient(server.url).login('agent@testowo.pl', 'correct horse battery')).status, 200, 'other accounts still log in');
  });

  it('refuses state changes without the CSRF token and roles the console is not for', async () => {
    const r = await agent.send('POST', '/api/console/contacts', { channel: 'phone' }, 'forged');
    assert.equal(r.status, 403);
    assert.match(JSON.stringify(await r.json()), /CSRF/);
    const crew = new StaffClient(server.url);
    await crew.login('crew@testowo.pl', 'correct horse battery');
    assert.equal((await crew.get('/api/console/settings')).status, 403, 'a crew member has no business in the console');
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=agent%40testowo.pl&password=correct+horse+battery',
    });
    assert.equal(login.status, 415, 'a cross-site form cannot log anyone in');
    const put = await agent.send('PUT', '/api/console/kb/new-article', { titlePl: 'T', bodyPl: 'B' });
    assert.equal(put.status, 403, 'only admins edit the knowledge base');
  });

  it('locates a typed address with a typo, and coordinates in either CRS and order', async () => {
    const typo = await agent.json(agent.get(`/api/console/locate?q=${encodeURIComponent('Marszalkowsa 12')}`));
    assert.equal(typo.candidates[0].label, 'ul. Marszałkowska 12');
    const wgs = await agent.json(agent.get(`/api/console/locate?q=${encodeURIComponent('21.012 52.2201')}`));
    assert.equal(wgs.candidates[0].kind, 'coordinates');
    assert.equal(wgs.candidates[0].reading, 'WGS84 long, lat');
    assert.ok(Math.abs(wgs.candidates[0].lat - 52.2201) < 1e-9);
    // The same point in EPSG:2180, written the surveyors' way (x = northing first).
    const p = (await db.knex.raw(`SELECT ST_X(g) AS e, ST_Y(g) AS n FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(21.012, 52.2201), 4326), 2180) AS g) t`))
      .rows[0];
    const puwg = await agent.json(agent.get(`/api/console/locate?q=${encodeURIComponent(`${p.n.toFixed(2)} ${p.e.toFixed(2)}`)}`));
    assert.equal(puwg.candidates[0].reading, 'EPSG:2180 x=northing y=easting');
    assert.ok(Math.abs(puwg.candidates[0].long - 21.012) < 1e-6 && Math.abs(puwg.candidates[0].lat - 52.2201) < 1e-6);
  });

  let potholeId = '';
  it('files a phone report through the pipeline and attaches a second caller to it', async () => {
    const { contact } = await agent.json(agent.send('POST', '/api/console/contacts', { channel: 'phone' }));
    const preview = await agent.json(agent.get('/api/console/resolve?lat=52.2201&long=21.012&service_code=pothole'));
    assert.equal(preview.resolution.district.name, 'Alfa');
    assert.equal(preview.resolution.unit.code, 'ZDM');
    const filed = await agent.json(
      agent.send('POST', '/api/console/reports', {
        contactId: contact.id,
        serviceCode: 'pothole',
        location: { lat: 52.2201, long: 21.012 },
        attributes: { size: 'large' },
        description: 'Głęboka dziura przy przejściu',
        reporter: { firstName: 'Jan', phone: '601 111 222', notify: 'sms' },
      }),
    );
    potholeId = filed.publicId;
    assert.equal(filed.district.name, 'Alfa');
    assert.equal(filed.unit.code, 'ZDM');
    assert.ok(filed.expectedAt, 'a promised date to read out');
    const byNumber = await agent.json(agent.get(`/api/console/locate?q=${encodeURIComponent(potholeId.toLowerCase().replace(/-/g, ''))}`));
    assert.deepEqual(
      byNumber.candidates.map((c: { kind: string; publicId: string }) => [c.kind, c.publicId]),
      [['request', potholeId]],
    );
    const closed = await db.knex('contacts').where({ id: contact.id }).first();
    assert.equal(closed.outcome, 'request_filed');
    assert.ok(closed.request_id && closed.ended_at);

    const second = await agent.json(agent.send('POST', '/api/console/contacts', { channel: 'in_person' }));
    const near = await agent.json(agent.get('/api/console/resolve?lat=52.22012&long=21.01205&service_code=pothole'));
    assert.equal(near.resolution.candidates[0].publicId, potholeId, 'the first report is offered as a duplicate');
    const attached = await agent.json(
      agent.send('POST', '/api/console/reports', {
        contactId: second.contact.id,
        attachTo: potholeId,
        location: { lat: 52.22012, long: 21.01205 },
        reporter: { firstName: 'Ewa', email: 'ewa@example.pl', notify: 'email' },
      }),
    );
    assert.equal(attached.publicId, potholeId);
    const { request } = await agent.json(agent.get(`/api/console/requests/${potholeId}`));
    assert.equal(request.reporterCount, 2);
    assert.deepEqual(
      request.reporters.map((r: { channel: string; name: string }) => [r.channel, r.name]),
      [
        ['phone', 'Jan'],
        ['in_person', 'Ewa'],
      ],
    );
    assert.equal((await db.knex('contacts').where({ id: second.contact.id }).first()).outcome, 'attached');

    const history = await agent.json(agent.get(`/api/console/callers?phone=${encodeURIComponent('+48601111222')}`));
    assert.deepEqual(
      history.requests.map((r: { publicId: string }) => r.publicId),
      [potholeId],
    );
    assert.equal(history.contacts[0].requestPublicId, potholeId);
  });

  it('keeps notes and changes statuses only as the role allows', async () => {
    await agent.json(agent.send('POST', `/api/console/requests/${potholeId}/notes`, { text: 'Mieszkaniec prosi o pilną naprawę', public: false }));
    const fixed = await agent.send('POST', `/api/console/requests/${potholeId}/status`, { detailedStatus: 'fixed' });
    assert.equal(fixed.status, 403, 'an agent does not decide that a fault is fixed');
    const { request } = await agent.json(
      agent.send('POST', `/api/console/requests/${potholeId}/status`, { detailedStatus: 'waiting_for_resident', note: 'Prosimy o zdjęcie' }),
    );
    assert.equal(request.detailedStatus, 'waiting_for_resident');
    assert.deepEqual(
      request.events.filter((e: { kind: string }) => e.kind !== 'reporter_added').map((e: { kind: string; public: boolean }) => [e.kind, e.public]),
      [
        ['created', true],
        ['note', false],
        ['status', true],
      ],
    );
    const paused = await db.knex('requests').where({ public_id: potholeId }).first();
    assert.ok(paused.sla_paused_at, 'the SLA clock stands still while waiting');
    await db
      .knex('requests')
      .where({ public_id: potholeId })
      .update({ sla_paused_at: new Date(Date.now() - 3 * 24 * 3600_000) });
    await agent.json(agent.send('POST', `/api/console/requests/${potholeId}/status`, { detailedStatus: 'acknowledged' }));
    const resumed = await db.knex('requests').where({ public_id: potholeId }).first();
    assert.equal(resumed.sla_paused_at, null, 'the clock runs again');
    assert.ok(resumed.sla_paused_seconds >= 3 * 24 * 3600 - 60, 'the pause is counted');
    assert.ok(resumed.expected_at > paused.expected_at, 'the promised date moved by the pause');
  });

  it('merges a request into another and un-merges it, keeping every reporter', async () => {
    const other = await agent.json(
      agent.send('POST', '/api/console/reports', {
        serviceCode: 'pothole',
        channel: 'email',
        location: { lat: 52.2201, long: 21.0125 },
        attributes: { size: 'small' },
        reporter: { firstName: 'Olga', email: 'olga@example.pl', locale: 'en' },
      }),
    );
    assert.notEqual(other.publicId, potholeId);
    // The caller's language for notices, whatever the agent's screen shows.
    assert.equal((await db.knex('people').where({ email: 'olga@example.pl' }).first('locale')).locale, 'en');
    const merged = await agent.json(agent.send('POST', `/api/console/requests/${other.publicId}/merge`, { into: potholeId }));
    assert.equal(merged.request.duplicateOf, potholeId);
    assert.equal(merged.request.detailedStatus, 'duplicate');
    const survivor = (await agent.json(agent.get(`/api/console/requests/${potholeId}`))).request;
    assert.equal(survivor.reporterCount, 3);
    assert.deepEqual(
      survivor.duplicates.map((d: { publicId: string }) => d.publicId),
      [other.publicId],
    );
    assert.equal(survivor.reporters.find((r: { name: string }) => r.name === 'Olga').originalPublicId, other.publicId);
    const back = await agent.json(agent.send('POST', `/api/console/requests/${other.publicId}/unmerge`, {}));
    assert.equal(back.request.duplicateOf, null);
    assert.equal(back.request.status, 'open');
    assert.equal((await agent.json(agent.get(`/api/console/requests/${potholeId}`))).request.reporterCount, 2);
  });

  it('answers from the knowledge base without a request and forwards a question to the second line', async () => {
    const requests = Number((await db.knex('requests').count('* as n'))[0].n);
    const { contact } = await agent.json(agent.send('POST', '/api/console/contacts', { channel: 'phone' }));
    const kb = await agent.json(agent.get(`/api/console/kb?q=${encodeURIComponent('harmonogram wywozu smieci')}`));
    assert.equal(kb.articles[0].slug, 'harmonogram-odbioru-odpadow');
    const closed = await agent.json(agent.send('POST', `/api/console/contacts/${contact.id}/close`, { outcome: 'answered_kb', articleId: kb.articles[0].id }));
    assert.equal(closed.contact.topic, 'Harmonogram odbioru odpadów');
    assert.equal(Number((await db.knex('requests').count('* as n'))[0].n), requests, 'no request was created');

    const fw = await agent.json(agent.send('POST', '/api/console/contacts', { channel: 'email' }));
    const { inquiry } = await agent.json(
      agent.send('POST', '/api/console/inquiries', {
        contactId: fw.contact.id,
        question: 'Czy w Becie powstanie nowy chodnik?',
        serviceCode: 'pothole',
        districtCode: '02',
        replyChannel: 'email',
        person: { email: 'pytajacy@example.pl' },
      }),
    );
    assert.equal(inquiry.unit.code, 'UDB');
    assert.ok(new Date(inquiry.dueAt) > new Date());
    const row = await db.knex('contacts').where({ id: fw.contact.id }).first();
    assert.equal(row.outcome, 'forwarded');
    assert.equal(row.inquiry_id, inquiry.id);
    const list = await agent.json(agent.get('/api/console/inquiries?status=open'));
    assert.ok(list.inquiries.some((i: { publicId: string }) => i.publicId === inquiry.publicId));
    assert.equal((await agent.get('/api/console/inquiries?status=opne')).status, 400);
  });

  it('serves the map layers by extent: clusters when zoomed out, requests and addresses when zoomed in', async () => {
    const bbox = '21,52.2,21.04,52.24';
    const count = (fc: { features: Array<{ properties: { n: number } }> }) => fc.features.reduce((n, f) => n + f.properties.n, 0);
    const far = await agent.json(agent.get(`/api/console/map/requests?bbox=${bbox}&zoom=10`));
    assert.equal(count(far), 2, 'two requests: the attached caller made none');
    // A private report is not on the public map, but staff see it.
    await agent.json(
      agent.send('POST', '/api/console/reports', {
        serviceCode: 'abuse',
        channel: 'phone',
        location: { lat: 52.23, long: 21.03 },
        description: 'Krzyki w mieszkaniu',
      }),
    );
    const withPrivate = await agent.json(agent.get(`/api/console/map/requests?bbox=${bbox}&zoom=10`));
    assert.equal(count(withPrivate), 3);
    const beta = await agent.json(agent.get(`/api/console/map/requests?bbox=${bbox}&zoom=12&district=02`));
    assert.equal(count(beta), 1);
    assert.equal(beta.features[0].properties.notPublic, true);

    const near = await agent.json(agent.get(`/api/console/map/requests?bbox=21.01,52.219,21.0122,52.221&zoom=17`));
    assert.deepEqual(
      near.features.map((f: { properties: { publicId: string; reporterCount: number } }) => [f.properties.publicId, f.properties.reporterCount]),
      [[potholeId, 2]],
    );
    assert.equal((await agent.json(agent.get(`/api/console/map/requests?bbox=${bbox}&zoom=10&status=closed`))).features.length, 0);
    const districts = await agent.json(agent.get(`/api/console/map/districts?bbox=${bbox}&zoom=12`));
    assert.deepEqual(
      districts.features.map((f: { properties: { name: string } }) => f.properties.name),
      ['Alfa', 'Beta'],
    );
    const addresses = await agent.json(agent.get(`/api/console/map/addresses?bbox=21.0,52.219,21.005,52.221&zoom=17`));
    assert.ok(addresses.features.some((f: { properties: { label: string } }) => f.properties.label === 'ul. Marszałkowska 1'));
    assert.equal((await agent.get('/api/console/map/requests?bbox=1,2,3&zoom=10')).status, 400);
    const streets = await agent.json(agent.get(`/api/console/map/streets?bbox=21.0,52.219,21.02,52.221&zoom=15`));
    const marszalkowska = streets.features.find((f: { properties: { label: string } }) => f.properties.label === 'ul. Marszałkowska');
    assert.ok(marszalkowska, 'the street crossing the view is drawn');
    assert.match(marszalkowska.geometry.type, /LineString$/);
    assert.equal(
      (await agent.json(agent.get(`/api/console/map/streets?bbox=21.0,52.219,21.02,52.221&zoom=12`))).features.length,
      0,
      'no street lines at city zoom',
    );
  });

  it('lets an admin answer an inquiry and edit the knowledge base', async () => {
    const admin = new StaffClient(server.url);
    await admin.login('admin@testowo.pl', 'correct horse battery');
    const [open] = (await admin.json(admin.get('/api/console/inquiries?status=open'))).inquiries;
    assert.equal((await agent.send('POST', `/api/console/inquiries/${open.publicId}/answer`, { answer: 'x' })).status, 403);
    const answered = await admin.json(admin.send('POST', `/api/console/inquiries/${open.publicId}/answer`, { answer: 'Chodnik będzie gotowy w maju.' }));
    assert.deepEqual(
      answered.inquiries.map((i: { publicId: string; answer: string }) => [i.publicId, i.answer]),
      [[open.publicId, 'Chodnik będzie gotowy w maju.']],
    );
    const { article } = await admin.json(
      admin.send('PUT', '/api/console/kb/zamkniecie-mostu', {
        titlePl: 'Zamknięcie mostu Alfa',
        bodyPl: 'Most jest zamknięty do grudnia.',
        tags: ['most', 'objazd'],
      }),
    );
    const found = await agent.json(agent.get(`/api/console/kb?q=${encodeURIComponent('zamkniety most')}`));
    assert.equal(found.articles[0].id, article.id);
  });

  it('shows the agent why a point in a gap got its district (pin drop and request detail)', async () => {
    const preview = await agent.json(agent.get('/api/console/resolve?lat=52.2075&long=21.0065&service_code=litter'));
    assert.equal(preview.resolution.district.name, 'Alfa');
    const why = 'nearest district, 56 m: Alfa (the point is inside the city outline but in no district)';
    assert.ok(preview.resolution.reasons.some((x: { text: string }) => x.text === why));
    const { contact } = await agent.json(agent.send('POST', '/api/console/contacts', { channel: 'phone' }));
    const filed = await agent.json(
      agent.send('POST', '/api/console/reports', {
        contactId: contact.id,
        serviceCode: 'litter',
        location: { lat: 52.2075, long: 21.0065 },
        description: 'Śmieci w dziurze mapy',
      }),
    );
    const { request } = await agent.json(agent.get(`/api/console/requests/${filed.publicId}`));
    assert.deepEqual(request.district, { code: '01', name: 'Alfa', how: why });
    const plain = await agent.json(agent.get(`/api/console/requests/${potholeId}`));
    assert.deepEqual(plain.request.district, { code: '01', name: 'Alfa' }, 'a plain point in polygon needs no explanation');
  });
});
