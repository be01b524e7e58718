import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import { startTestServer, TestServer } from '../../test/server';
import type { Database } from '../db/engine';
import { createFixtureCity, FixtureCity } from '../pipeline/fixtures';
import { publicGeomSql } from '../privacy/fuzz';

const PII = { first: 'Zenobia', last: 'Kowalczykówna', email: 'zenobia.k@example.org', phone: '+48 601 234 567' };

describe('public portal API (database)', () => {
  let db: Database;
  let city: FixtureCity;
  let server: TestServer;
  let n = 0;

  async function addRequest(service: string, lon: number, lat: number, description: string, district: 'alfa' | 'beta' = 'alfa'): Promise<string> {
    const publicId = `PUB${String(++n).padStart(1, '0')}-ABC-DEF`;
    const r = await db.knex.raw(
      `INSERT INTO requests (public_id, jurisdiction_id, service_id, geom, public_geom, description, public_description, address, district_id, unit_id)
       SELECT ?, ?, s.id, p.g, ${publicGeomSql('p.g', 's.privacy', 's.fuzz_radius_m')}, ?, ?, 'ul. Złota 5', ?, ?
         FROM services s, (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS g) p WHERE s.id = ? RETURNING id`,
      [
        publicId,
        city.jurisdictionId,
        `${description} — call me ${PII.phone}`,
        description,
        city.districts[district],
        city.units.ZDM,
        lon,
        lat,
        city.services[service],
      ],
    );
    const id = r.rows[0].id;
    const [person] = await db
      .knex('people')
      .insert({ jurisdiction_id: city.jurisdictionId, first_name: PII.first, last_name: PII.last, email: PII.email, phone: PII.phone })
      .returning('id');
    await db.knex('request_reporters').insert({ request_id: id, jurisdiction_id: city.jurisdictionId, person_id: person.id, channel: 'web', notify: 'email' });
    await db.knex('request_events').insert([
      { request_id: id, jurisdiction_id: city.jurisdictionId, actor_kind: 'resident', kind: 'created', public: true, status: 'open', detailed_status: 'new' },
      { request_id: id, jurisdiction_id: city.jurisdictionId, actor_kind: 'staff', kind: 'note', public: false, note: `internal: reporter ${PII.email}` },
    ]);
    return publicId;
  }

  const get = async (path: string) => {
    const res = await fetch(server.url + path);
    return { status: res.status, text: await res.text() };
  };
  const json = async (path: string) => {
    const r = await get(path);
    return { status: r.status, body: JSON.parse(r.text) };
  };
  const assertNoPii = (text: string, where: string) => {
    for (const v of [PII.first, PII.last, PII.email, PII.phone, '601 234 567']) assert.ok(!text.includes(v), `${where} leaks ${v}`);
  };

  let pothole: string;
  let noise: string;
  let abuse: string;

  before(async () => {
    db = await openTestDatabase('public-routes');
    city = await createFixtureCity(db);
    server = await startTestServer(db);
    pothole = await addRequest('pothole', 21.011, 52.221, 'Deep hole by the tram stop');
    noise = await addRequest('noise', 21.0151, 52.2301, 'Loud music every night');
    abuse = await addRequest('abuse', 21.012, 52.222, 'Private matter');
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  it('serves the page with the city and no API key in it (issue #11)', async () => {
    const page = await get('/');
    assert.equal(page.status, 200);
    assert.match(page.text, /<script type="module" src="\/assets\/public[^"]*\.js">/);
    const config = JSON.parse(/<script type="application\/json" id="kontakt-config">(.*?)<\/script>/s.exec(page.text)![1]);
    assert.equal(config.city.id, city.jurisdictionId);
    assert.equal(config.open311, undefined);
    for (const path of ['/', `/r/${pothole}`]) {
      const text = (await get(path)).text;
      assert.doesNotMatch(text, /kk_[A-Za-z0-9_-]{20,}/, `${path} carries an API key`);
      assert.doesNotMatch(text, /api_?key/i, `${path} mentions an API key`);
    }
  });

  it('answers map viewports with clusters, then points, without private requests', async () => {
    const clusters = await json('/api/public/map?bbox=20.99,52.19,21.05,52.25&zoom=11');
    assert.equal(clusters.body.kind, 'clusters');
    assert.equal(
      clusters.body.clusters.reduce((s: number, c: { count: number }) => s + c.count, 0),
      2,
    );
    const points = await json('/api/public/map?bbox=21.0,52.21,21.03,52.235&zoom=17');
    assert.deepEqual(points.body.points.map((p: { id: string }) => p.id).sort(), [pothole, noise].sort());
    const bad = await json('/api/public/map?bbox=x&zoom=11');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].field, 'bbox');
  });

  it('shows a request with public history only, its district and reporter count', async () => {
    const r = await json(`/api/public/requests/${pothole}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.district.name.pl, 'Alfa');
    assert.equal(r.body.reporters, 1);
    // The stored text, scrubbed when it is read (api/privacy/public-text.ts): the phone is gone.
    assert.equal(r.body.description, 'Deep hole by the tram stop — call me […]');
    assert.deepEqual(
      r.body.history.map((e: { kind: string }) => e.kind),
      ['created'],
    );
    assert.equal(r.body.address, 'ul. Złota 5');
    assert.equal((await json('/api/public/requests/NOPE-NOP-NOP')).status, 404);
  });

  it('shows sensitive requests only as an approximate area, and private ones without place or text', async () => {
    const fuzzed = (await json(`/api/public/requests/${noise}`)).body;
    assert.equal(fuzzed.approximateM, 200);
    assert.equal(fuzzed.address, null);
    assert.ok(Math.abs(fuzzed.lon - 21.0151) > 1e-6 || Math.abs(fuzzed.lat - 52.2301) > 1e-6);
    const hidden = (await json(`/api/public/requests/${abuse}`)).body;
    assert.equal(hidden.private, true);
    assert.equal(hidden.lon, null);
    assert.equal(hidden.description, null);
    assert.equal(hidden.district, null);
  });

  it('lists nearby open reports of the same kind for "Is it one of these?"', async () => {
    const near = (await json('/api/public/nearby?lat=52.2212&long=21.0112&service_code=pothole')).body;
    assert.deepEqual(
      near.map((x: { id: string }) => x.id),
      [pothole],
    );
    assert.ok(near[0].distanceM > 0 && near[0].distanceM < 50);
    assert.deepEqual((await json('/api/public/nearby?lat=52.2212&long=21.0112&service_code=litter')).body, []);
    assert.deepEqual((await json('/api/public/nearby?lat=52.2390&long=21.0390&service_code=pothole')).body, []);
  });

  it('gives the district and nearest address of a tapped point', async () => {
    const place = (await json('/api/public/place?lat=52.2202&long=21.0051')).body;
    assert.equal(place.district.code, '01');
    assert.match(place.address, /Marszałkowska/);
    assert.equal((await json('/api/public/place?lat=50&long=19')).body.district, null);
  });

  it('never answers with the name, e-mail or phone of a reporter', async () => {
    for (const path of [
      '/',
      `/r/${pothole}`,
      '/api/public/map?bbox=20.99,52.19,21.05,52.25&zoom=11',
      '/api/public/map?bbox=20.99,52.19,21.05,52.25&zoom=18',
      `/api/public/requests/${pothole}`,
      `/api/public/requests/${noise}`,
      `/api/public/requests/${abuse}`,
      '/api/public/nearby?lat=52.2212&long=21.0112&service_code=pothole',
      '/api/public/services',
      '/api/public/districts',
      '/api/public/place?lat=52.2202&long=21.0051',
    ]) {
      const r = await get(path);
      assert.equal(r.status, 200, path);
      assertNoPii(r.text, path);
    }
  });
});
