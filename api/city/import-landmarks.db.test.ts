import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openTestDatabase } from '../../test/db';
import type { Database } from '../db/engine';
import { importCityPack } from './import';
import { projector } from '../../gis';
import { tmpRoot, copyPack, writeJson, editJson, snapshot, expectRejected } from './fixtures/packs';

describe('city pack import', function () {
  let db: Database;
  before(async function () {
    this.timeout(300_000); // the first suite of a run may pay for starting the embedded engine
    db = await openTestDatabase('city-import-landmarks');
  });
  after(async () => {
    await db?.close();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  });

  describe('landmarks.geojson and unit offices', () => {
    const toCs92 = projector(4326, 2180);
    /** A pack of its own city with three landmarks in EPSG:2180: a point on an address, a point with an address text, a park polygon. */
    function landmarkPack(id: string): string {
      const dir = copyPack();
      editJson(dir, 'city.json', (c) => ({ ...c, id }));
      editJson(dir, 'units.json', (units) => void ((units[0].location = { lat: 52.2071, long: 21.0031 }), (units[0].address = 'ul. Marszałkowska 2A')));
      const square = [
        [21.041, 52.211],
        [21.049, 52.211],
        [21.049, 52.219],
        [21.041, 52.219],
        [21.041, 52.211],
      ].map((p) => toCs92(p as [number, number]));
      writeJson(dir, 'landmarks.geojson', {
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'EPSG:2180' } },
        features: [
          {
            type: 'Feature',
            properties: {
              code: 'szpital',
              name: 'Szpital Miejski',
              name_en: 'City Hospital',
              kind: 'hospital',
              aliases: ['Miejski', ' Szpital na Marszałkowskiej '],
              address_id: 'A-2',
            },
            geometry: { type: 'Point', coordinates: toCs92([21.0025, 52.2071]) },
          },
          {
            type: 'Feature',
            properties: { code: 'ratusz', name: 'Ratusz', kind: 'office', address: 'pl. Zamkowy 1' },
            geometry: { type: 'Point', coordinates: toCs92([21.02, 52.21]) },
          },
          {
            type: 'Feature',
            properties: { code: 'park', name: 'Park Skaryszewski', name_en: 'Skaryszewski Park', kind: 'park' },
            geometry: { type: 'Polygon', coordinates: [square] },
          },
        ],
      });
      return dir;
    }

    it('imports landmarks (reprojected, an area pinned inside it, an address from the register) and unit offices; a second import changes nothing', async () => {
      const dir = landmarkPack('landmarks.pl');
      const report = await importCityPack(db, dir, {});
      assert.deepEqual(report.counts.landmarks, { inserted: 3, updated: 0, unchanged: 0, closed: 0 });
      const rows = (
        await db.knex.raw(`
        SELECT l.code, l.name_pl, l.name_en, l.kind, l.aliases, l.address, a.source_id, l.names_folded, l.area IS NOT NULL AS has_area,
               round(ST_X(l.geom)::numeric, 4)::float8 AS lon, round(ST_Y(l.geom)::numeric, 4)::float8 AS lat, ST_Contains(l.area, l.geom) AS inside
          FROM landmarks l LEFT JOIN addresses a ON a.id = l.address_id WHERE l.jurisdiction_id = 'landmarks.pl' ORDER BY l.code`)
      ).rows;
      assert.deepEqual(
        rows.map((r: any) => [r.code, r.kind, r.address, r.source_id, r.has_area, r.lon, r.lat]),
        [
          ['park', 'park', null, null, true, rows[0].lon, rows[0].lat],
          ['ratusz', 'office', 'pl. Zamkowy 1', null, false, 21.02, 52.21],
          ['szpital', 'hospital', 'ul. Marszałkowska 2A', 'A-2', false, 21.0025, 52.2071],
        ],
      );
      assert.equal(rows[0].inside, true, 'the pin of an area is inside it');
      assert.ok(rows[0].lon > 21.041 && rows[0].lon < 21.049 && rows[0].lat > 52.211 && rows[0].lat < 52.219);
      assert.deepEqual(rows[2].aliases, ['Miejski', 'Szpital na Marszałkowskiej']);
      assert.deepEqual([...rows[2].names_folded].sort(), ['city hospital', 'miejski', 'szpital miejski', 'szpital na marszalkowskiej']);
      const unit = (
        await db.knex.raw(`SELECT address, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM units WHERE jurisdiction_id = 'landmarks.pl' AND code = 'ZDM'`)
      ).rows[0];
      assert.deepEqual(unit, { address: 'ul. Marszałkowska 2A', lon: 21.0031, lat: 52.2071 });

      const before = await snapshot(db);
      const again = await importCityPack(db, dir, {});
      assert.equal(again.changed, false);
      assert.deepEqual(again.counts.landmarks, { inserted: 0, updated: 0, unchanged: 3, closed: 0 });
      assert.deepEqual(await snapshot(db), before);

      // A landmark left out of the pack is retired, a renamed one updated.
      editJson(dir, 'landmarks.geojson', (fc) => {
        fc.features = fc.features.filter((f: any) => f.properties.code !== 'ratusz');
        fc.features[0].properties.aliases = ['Miejski'];
      });
      const third = await importCityPack(db, dir, {});
      assert.deepEqual(third.counts.landmarks, { inserted: 0, updated: 1, unchanged: 1, closed: 1 });
      const active = (await db.knex.raw(`SELECT code FROM landmarks WHERE jurisdiction_id = 'landmarks.pl' AND active ORDER BY code`)).rows.map(
        (r: any) => r.code,
      );
      assert.deepEqual(active, ['park', 'szpital']);
    });

    it('a broken landmark: reported with its feature and field, and nothing changed', async () => {
      const dir = landmarkPack('landmarks.pl');
      editJson(dir, 'landmarks.geojson', (fc) => {
        fc.features[1].properties.kind = 'castle';
        delete fc.features[2].properties.name;
        fc.features.push({
          type: 'Feature',
          properties: { code: 'szpital', name: 'Drugi szpital' },
          geometry: { type: 'Point', coordinates: toCs92([21.01, 52.21]) },
        });
        fc.features.push({
          type: 'Feature',
          properties: { code: 'linia', name: 'Linia' },
          geometry: { type: 'LineString', coordinates: [toCs92([21.01, 52.21]), toCs92([21.02, 52.21])] },
        });
        fc.features.push({ type: 'Feature', properties: { code: 'daleko', name: 'Daleko' }, geometry: { type: 'Point', coordinates: [21.01, 52.21] } });
      });
      editJson(dir, 'units.json', (units) => void (units[1].location = { lat: 152, long: 21 }));
      const problems = await expectRejected(db, dir, [
        { file: 'landmarks.geojson', location: 'feature 2, properties.kind', reason: /must be one of "school"/ },
        { file: 'landmarks.geojson', location: 'feature 3, properties.name', reason: /"name" is required/ },
        { file: 'landmarks.geojson', location: 'feature 4, properties.code', reason: /duplicate landmark code "szpital" \(first at feature 1\)/ },
        { file: 'landmarks.geojson', location: 'feature 5', reason: /is a LineString; expected a Point, Polygon or MultiPolygon/ },
        { file: 'landmarks.geojson', location: 'feature 6', reason: /does not fit EPSG:2180/ },
        { file: 'units.json', location: '$[1].location.lat', reason: /must be <= 90/ },
      ]);
      assert.equal(problems.length, 6);
    });

    it('a landmark naming an address the register does not have: rolled back after writing, nothing changed', async () => {
      const dir = landmarkPack('landmarks-bad-address.pl');
      editJson(dir, 'landmarks.geojson', (fc) => void (fc.features[0].properties.address_id = 'A-999'));
      await expectRejected(db, dir, [
        { file: 'landmarks.geojson', location: 'feature 1, properties.address_id', reason: /address "A-999" is not in the address register/ },
      ]);
    });
  });
});
