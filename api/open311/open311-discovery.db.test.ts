/**
 * Open311 discovery, service lists and definitions, and several jurisdictions in one server.
 */
import assert from 'node:assert/strict';
import { createTestCity, CITY } from './test-city';
import type { Database } from '../db/engine';
import { open311Harness } from './fixtures/harness';

describe('Open311 GeoReport v2 server: discovery and jurisdictions', function () {
  const h = open311Harness('open311-discovery');
  const { call, post, pothole } = h;
  let db: Database;
  let key: string;
  before(() => ({ db, key } = h));

  describe('discovery, services and definitions', () => {
    it('serves discovery in both formats with an ISO changeset and both formats listed', async () => {
      const xml = await call('GET', '/discovery.xml');
      assert.equal(xml.status, 200);
      assert.ok(xml.text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<discovery>'));
      const json = await call('GET', '/discovery.json');
      assert.deepEqual(json.json.endpoints[0].formats, ['text/xml', 'application/json']);
      assert.equal(json.json.endpoints[0].url, `${h.url}/open311/v2/`);
    });

    it('lists services with string codes, real booleans and bare-comma keywords', async () => {
      const res = await call('GET', '/services.json');
      const codes = res.json.map((s: { service_code: string }) => s.service_code);
      assert.deepEqual([...codes].sort(), ['abuse', 'graffiti', 'litter', 'park_bench', 'pothole']);
      const p = res.json.find((s: { service_code: string }) => s.service_code === 'pothole');
      assert.equal(p.metadata, true);
      assert.equal(p.keywords, 'dziura,jezdnia');
      assert.equal(res.json.find((s: { service_code: string }) => s.service_code === 'abuse').keywords, 'private');
      const xml = await call('GET', '/services.xml');
      assert.match(xml.text, /<service>\s*<service_code>pothole<\/service_code>/);
      assert.match(xml.text, /<metadata>true<\/metadata>/);
    });

    it('picks Polish or English names from Accept-Language or locale', async () => {
      const en = await call('GET', '/services.json', { headers: { 'Accept-Language': 'en-GB,en;q=0.9,pl;q=0.5' } });
      assert.equal(en.json.find((s: { service_code: string }) => s.service_code === 'pothole').service_name, 'Pothole');
      const pl = await call('GET', '/services.json?locale=pl', { headers: { 'Accept-Language': 'en' } });
      assert.equal(pl.json.find((s: { service_code: string }) => s.service_code === 'pothole').service_name, 'Dziura w jezdni');
      const def = await call('GET', '/services/pothole.json?locale=en');
      assert.equal(def.json.attributes[0].values[1].name, 'large');
    });

    it('lists only the services offered at a point', async () => {
      const east = await call('GET', `/services.json?lat=${CITY.east.lat}&long=${CITY.east.long}`);
      const codes = east.json.map((s: { service_code: string }) => s.service_code);
      assert.ok(codes.includes('pothole') && !codes.includes('park_bench'), codes.join());
      const west = await call('GET', `/services.xml?lat=${CITY.west.lat}&long=${CITY.west.long}`);
      assert.match(west.text, /park_bench/);
    });

    it('serves service definitions and 404s an unknown one', async () => {
      const def = await call('GET', '/services/pothole.xml');
      assert.match(def.text, /<service_definition>/);
      assert.match(def.text, /<values>\s*<value>\s*<key>small<\/key>/);
      assert.equal(def.json && (def.json as { attributes: unknown[] }).attributes.length, 5);
      const missing = await call('GET', '/services/nope.json');
      assert.equal(missing.status, 404);
      assert.match(missing.json[0].description, /service_code/);
    });

    it('answers an unknown format with 404 and a clear message', async () => {
      const res = await call('GET', '/services.csv');
      assert.equal(res.status, 404);
      assert.match(res.text, /use \.xml or \.json/);
    });
  });

  describe('several jurisdictions', () => {
    it('requires jurisdiction_id once a second city exists (400 missing, 404 unknown)', async () => {
      await createTestCity(db.knex, 'drugie.pl');
      const missing = await call('GET', '/services.json');
      assert.equal(missing.status, 400);
      assert.match(missing.json[0].description, /jurisdiction_id/);
      assert.equal((await call('GET', '/services.xml?jurisdiction_id=nowhere.pl')).status, 404);
      assert.equal((await call('GET', `/services.json?jurisdiction_id=drugie.pl`)).status, 200);
      assert.equal((await call('GET', `/requests.json?jurisdiction_id=${CITY.id}`)).status, 200);
      // A city may opt in to being found from the point (settings.open311.jurisdiction_from_point).
      await db
        .knex('jurisdictions')
        .where({ id: 'drugie.pl' })
        .update({ boundary: db.knex.raw(`ST_GeomFromEWKT('SRID=4326;MULTIPOLYGON(((19 50,19.1 50,19.1 50.1,19 50.1,19 50)))')`) });
      const at = `lat=${CITY.west.lat}&long=${CITY.west.long}`;
      assert.equal((await call('GET', `/services.json?${at}`)).status, 400, 'not without the opt-in');
      await db
        .knex('jurisdictions')
        .where({ id: CITY.id })
        .update({ settings: JSON.stringify({ open311: { jurisdiction_from_point: true } }) });
      assert.equal((await call('GET', `/services.json?${at}`)).status, 200);
      const posted = await post('json', pothole());
      assert.equal(posted.status, 200, posted.text);
      await db.knex('jurisdictions').where({ id: 'drugie.pl' }).delete();
    });
  });
});
