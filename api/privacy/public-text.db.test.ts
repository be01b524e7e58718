/**
 * Issue #11 §4 at the surface: one request whose description, status note and public staff note
 * carry a phone number and an e-mail address, read back through every public output over real
 * HTTP. None may show the phone or the address, all must show the same scrubbed text, and the
 * staff console must still show the raw text.
 */
import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import { StaffClient } from '../../test/staff-client';
import type { Database } from '../db/engine';
import { createStaff } from '../accounts/staff';
import { createFixtureCity, type FixtureCity } from '../pipeline/fixtures';
import { submitReport } from '../pipeline/intake';
import { SCRUB_MARK } from './scrub';

const M = SCRUB_MARK;
const AT = { lat: 52.2231, long: 21.0101 };
// Phone and e-mail written the ways the old scrubber let through.
const DESCRIPTION = 'Dziura na pasie. Proszę dzwonić 601 23 45 67 po 16:00 albo pisać jan(at)example.org';
const STATUS_NOTE = 'Ekipa jedzie; kierownik 6912 345 67, name[at]example[dot]net. Zgłoszenie nr 1796411985630 z 14.03.2026';
const PUBLIC_NOTE = 'Wykonawca: (22) 1234567, biuro@wykonawca.example.pl; linia 123, kurs 456, ul. Długa 15/7, 00-950';
const SCRUBBED = {
  description: `Dziura na pasie. Proszę dzwonić ${M} po 16:00 albo pisać ${M}`,
  status: `Ekipa jedzie; kierownik ${M}, ${M}. Zgłoszenie nr 1796411985630 z 14.03.2026`,
  note: `Wykonawca: ${M}, ${M}; linia 123, kurs 456, ul. Długa 15/7, 00-950`,
};
const SECRETS = [/601 23 45 67/, /6912 345 67/, /1234567[^\d]/, /example\.org/, /example\[dot\]net/, /wykonawca\.example/, /\(at\)/, /\[at\]/, /@/];

describe('public text: one scrubber for every public output (database, HTTP)', function () {
  this.timeout(120_000);
  let db: Database;
  let city: FixtureCity;
  let server: TestServer;
  let agent: StaffClient;
  let id: string;
  const get = async (path: string) => {
    const res = await fetch(`${server.url}${path}`);
    const text = await res.text();
    assert.equal(res.status, 200, `${path}: ${text.slice(0, 300)}`);
    return text;
  };
  const noSecrets = (what: string, body: string) => {
    for (const s of SECRETS) assert.doesNotMatch(body, s, `${what} shows ${s}`);
  };

  before(async () => {
    db = await openTestDatabase('privacy-public-text');
    city = await createFixtureCity(db);
    await createStaff(db.knex, { email: 'agent@testowo.pl', role: 'agent', password: 'correct horse battery', jurisdictionId: city.jurisdictionId });
    server = await startTestServer(db);
    agent = new StaffClient(server.url);
    assert.equal((await agent.login('agent@testowo.pl', 'correct horse battery')).status, 200);
    id = (
      await submitReport(db, {
        jurisdictionId: city.jurisdictionId,
        serviceCode: 'pothole',
        location: { kind: 'wgs84', ...AT },
        description: DESCRIPTION,
        attributes: { size: 'small' },
        channel: 'web',
      })
    ).publicId;
    await agent.json(agent.send('POST', `/api/console/requests/${id}/status`, { detailedStatus: 'acknowledged', note: STATUS_NOTE }));
    await agent.json(agent.send('POST', `/api/console/requests/${id}/notes`, { text: PUBLIC_NOTE, public: true }));
    await agent.json(agent.send('POST', `/api/console/requests/${id}/notes`, { text: 'wewnętrzna: sąsiad 501 234 567', public: false }));
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  it('Open311 GET requests (JSON) shows only the scrubbed description, status notes and notes', async () => {
    const body = await get(`/open311/v2/requests/${id}.json?extensions=true`);
    noSecrets('Open311 JSON', body);
    const [doc] = JSON.parse(body);
    assert.equal(doc.description, SCRUBBED.description);
    assert.equal(doc.status_notes, SCRUBBED.status);
    const notes = doc.notes.map((n: { description: string | null }) => n.description).filter(Boolean);
    assert.deepEqual(notes, [SCRUBBED.status, SCRUBBED.note]);
    const list = JSON.parse(await get(`/open311/v2/requests.json?service_code=pothole`));
    assert.equal(
      list.find((r: { service_request_id: string }) => r.service_request_id === id).status_notes,
      SCRUBBED.status,
      'the list says what the single read says',
    );
  });

  it('Open311 GET requests (XML) shows the same scrubbed texts', async () => {
    const body = await get(`/open311/v2/requests/${id}.xml?extensions=true`);
    noSecrets('Open311 XML', body);
    assert.ok(body.includes(`<description>${SCRUBBED.description}</description>`), body);
    assert.ok(body.includes(`<status_notes>${SCRUBBED.status}</status_notes>`), body);
    assert.ok(body.includes(SCRUBBED.note), body);
  });

  it('Open311 GET servicerequestupdates (JSON and XML) shows the same scrubbed notes', async () => {
    const json = await get('/open311/v2/servicerequestupdates.json');
    const xml = await get('/open311/v2/servicerequestupdates.xml');
    noSecrets('updates JSON', json);
    noSecrets('updates XML', xml);
    const mine = JSON.parse(json)
      .filter((u: { service_request_id: string }) => u.service_request_id === id)
      .map((u: { description: string }) => u.description);
    assert.deepEqual(mine, [SCRUBBED.status, SCRUBBED.note]);
    assert.ok(xml.includes(SCRUBBED.note));
  });

  it('the public request (follow page /r/<id>, map popup) shows the same scrubbed texts', async () => {
    const body = await get(`/api/public/requests/${id}`);
    noSecrets('/api/public/requests', body);
    const r = JSON.parse(body);
    assert.equal(r.description, SCRUBBED.description);
    assert.equal(r.statusNotes, SCRUBBED.status);
    assert.deepEqual(r.history.map((h: { note: string | null }) => h.note).filter(Boolean), [SCRUBBED.status, SCRUBBED.note]);
  });

  it('the public map, "is it one of these?" and the pin-drop answer show the same scrubbed description', async () => {
    for (const zoom of [12, 18]) noSecrets(`map z${zoom}`, await get(`/api/public/map?bbox=21.0,52.2,21.04,52.24&zoom=${zoom}`));
    const nearby = await get(`/api/public/nearby?lat=${AT.lat}&long=${AT.long}&service_code=pothole`);
    noSecrets('nearby', nearby);
    assert.equal(JSON.parse(nearby).find((n: { id: string }) => n.id === id).description, SCRUBBED.description);
    const resolve = await get(`/api/geo/resolve?lat=${AT.lat}&long=${AT.long}&service_code=pothole`);
    noSecrets('geo resolve', resolve);
    assert.equal(JSON.parse(resolve).candidates.find((c: { publicId: string }) => c.publicId === id).description, SCRUBBED.description);
  });

  it('the public page /r/<id> carries no request text in its HTML', async () => {
    noSecrets('/r/<id>', await get(`/r/${id}`));
  });

  it('staff still see the raw texts in the console', async () => {
    const r = await agent.json(agent.get(`/api/console/requests/${id}`));
    const all = JSON.stringify(r);
    for (const raw of [DESCRIPTION, STATUS_NOTE, PUBLIC_NOTE, 'wewnętrzna: sąsiad 501 234 567']) assert.ok(all.includes(JSON.stringify(raw).slice(1, -1)), raw);
  });

  it('an internal note is in no public output', async () => {
    for (const path of [`/open311/v2/requests/${id}.json?extensions=true`, '/open311/v2/servicerequestupdates.json', `/api/public/requests/${id}`]) {
      assert.doesNotMatch(await get(path), /wewnętrzna|501 234 567/, path);
    }
  });

  it('the public pin-drop answer lists no request of a fuzzed or private service (their exact distance would give the point away)', async () => {
    const noise = (
      await submitReport(db, {
        jurisdictionId: city.jurisdictionId,
        serviceCode: 'noise',
        location: { kind: 'wgs84', lat: 52.2211, long: 21.0123 },
        description: 'Głośna muzyka',
        channel: 'web',
      })
    ).publicId;
    const abuse = (
      await submitReport(db, {
        jurisdictionId: city.jurisdictionId,
        serviceCode: 'abuse',
        location: { kind: 'wgs84', lat: 52.2211, long: 21.0123 },
        description: 'Przemoc',
        channel: 'phone',
      })
    ).publicId;
    const body = await get('/api/geo/resolve?lat=52.2211&long=21.0124');
    assert.ok(!body.includes(noise) && !body.includes(abuse), body);
    const staff = await agent.json(agent.get('/api/console/resolve?lat=52.2211&long=21.0124'));
    const ids = staff.resolution.candidates.map((c: { publicId: string }) => c.publicId);
    assert.ok(ids.includes(noise) && ids.includes(abuse), 'staff still see every candidate');
  });
});
