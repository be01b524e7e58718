import assert from 'node:assert/strict';
import type { Database } from '../db/engine';
import { openTestDatabase } from '../../test/db';
import { startTestServer, TestServer } from '../../test/server';
import { createFixtureCity } from '../pipeline/fixtures';
import { submitReport } from '../pipeline/intake';
import { autocomplete, geocode } from '../geocoder/search';

describe('geocoder and /api/geo', function () {
  this.timeout(120_000);
  let db: Database;
  let server: TestServer;
  let j: string;
  before(async () => {
    db = await openTestDatabase('geo-routes');
    j = (await createFixtureCity(db)).jurisdictionId;
    server = await startTestServer(db);
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });
  const get = async (path: string) => {
    const res = await fetch(server.url + path);
    return { status: res.status, body: await res.json() };
  };

  it('finds addresses despite missing diacritics, typos, prefixes, number order and letters', async () => {
    for (const q of ['ul. Marszałkowska 12A', 'marszalkowska 12a', 'Marszakowska 12A', '12A Marszałkowska', 'ulica Marszałkowska 12 a']) {
      const best = (await geocode(db, j, q))[0];
      assert.equal(best?.label, 'ul. Marszałkowska 12A', q);
      assert.ok(best.score >= 0.5, `${q}: ${best.score}`);
    }
    assert.equal((await geocode(db, j, 'Marszałkowska 5/7'))[0].label, 'ul. Marszałkowska 5/7');
    assert.equal((await geocode(db, j, 'Al. Jerozolimskie 3'))[0].label, 'al. Jerozolimskie 3');
    const streetOnly = (await geocode(db, j, 'Łazienkowska'))[0];
    assert.equal(streetOnly.kind, 'street');
    assert.equal(streetOnly.label, 'ul. Łazienkowska');
    const cross = (await geocode(db, j, 'Marszałkowska / Złota'))[0];
    assert.equal(cross.kind, 'intersection');
    assert.ok(Math.abs(cross.lat - 52.22) < 1e-6 && Math.abs(cross.long - 21.01) < 1e-6);
    assert.deepEqual(await geocode(db, j, 'Nieistniejąca 5'), []);
  });

  it('autocompletes house numbers by prefix', async () => {
    const labels = (await autocomplete(db, j, 'marsz 1', 5)).map((c) => c.label);
    assert.equal(labels[0], 'ul. Marszałkowska 1');
    assert.ok(labels.includes('ul. Marszałkowska 10'));
  });

  it('serves autocomplete, reverse and resolve without personal data', async () => {
    const ac = await get('/api/geo/autocomplete?q=zlota%203');
    assert.equal(ac.status, 200);
    assert.equal(ac.body.candidates[0].label, 'ul. Złota 3');
    assert.equal((await get('/api/geo/autocomplete')).status, 400);
    assert.equal((await get('/api/geo/autocomplete?q=z%C5%82ota&limit=500')).body.errors[0].field, 'limit');

    const rev = await get('/api/geo/reverse?lat=52.22302&long=21.0102');
    assert.equal(rev.body.address.label, 'ul. Złota 3');
    assert.ok(rev.body.address.distanceM < 10);
    const far = await get('/api/geo/reverse?lat=52.235&long=21.0301');
    assert.equal(far.body.street.label, 'ul. Łazienkowska');
    assert.equal((await get('/api/geo/reverse?lat=abc&long=21')).body.errors[0].field, 'lat');

    await submitReport(db, {
      serviceCode: 'pothole',
      channel: 'phone',
      attributes: { size: 'small' },
      location: { kind: 'wgs84', lat: 52.2301, long: 21.0121 },
      description: 'Dziura, proszę dzwonić 601 234 567',
      reporter: { firstName: 'Jan', email: 'jan@example.com', phone: '601234567' },
    });
    const r = await get('/api/geo/resolve?lat=52.23012&long=21.01212&service_code=pothole&locale=en');
    assert.equal(r.status, 200);
    assert.equal(r.body.district.code, '01');
    assert.equal(r.body.unit.code, 'ZDM');
    assert.equal(r.body.candidates.length, 1);
    assert.match(r.body.candidates[0].reason, /^\d+ m, same category, today$/);
    const text = JSON.stringify(r.body);
    for (const secret of ['601 234 567', '601234567', 'jan@example.com', 'Jan']) assert.ok(!text.includes(secret), `leaks ${secret}`);
    assert.equal(r.body.candidates[0].description, 'Dziura, proszę dzwonić […]');

    const out = await get('/api/geo/resolve?lat=21.02&long=52.22');
    assert.equal(out.status, 400);
    assert.match(out.body.errors[0].description, /look swapped/);
    assert.equal((await get('/api/geo/resolve?lat=52.23&long=21.01&service_code=nope')).status, 404);
  });
});
