import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openTestDatabase } from '../../test/db';
import type { Database } from '../db/engine';
import { importCityPack } from './import';
import { projector } from '../../gis';
import { writeShapefile, PRJ_2180 } from './fixtures/write-shapefile';
import { FIXTURE, tmpRoot, copyPack, readJson, writeJson, editJson, snapshot, districtAt } from './fixtures/packs';

describe('city pack import', function () {
  let db: Database;
  const t0 = new Date('2026-11-01T10:00:00Z');
  before(async function () {
    this.timeout(300_000); // the first suite of a run may pay for starting the embedded engine
    db = await openTestDatabase('city-import');
  });
  after(async () => {
    await db?.close();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  });

  describe('a good pack', () => {
    it('imports everything in the pack, leaving out the excluded whole-city feature', async () => {
      const lines: string[] = [];
      const report = await importCityPack(db, FIXTURE, { now: t0, log: (l) => lines.push(l) });
      assert.equal(report.jurisdictionId, 'testowo.pl');
      assert.equal(report.changed, true);
      assert.deepEqual(report.counts.districts, { inserted: 3, updated: 0, unchanged: 0, closed: 0 });
      assert.deepEqual(report.counts.units, { inserted: 3, updated: 0, unchanged: 0, closed: 0 });
      assert.deepEqual(report.counts.services, { inserted: 3, updated: 0, unchanged: 0, closed: 0 });
      assert.equal(report.counts.service_attributes.inserted, 2);
      assert.equal(report.counts.routing_rules.inserted, 3);
      assert.equal(report.counts.streets.inserted, 5);
      assert.equal(report.counts.addresses.inserted, 20);
      assert.ok(
        lines.some((l) => /feature 1 left out \(kind=city\)/.test(l)),
        lines.join('\n'),
      );

      const districts = (await db.knex.raw(`SELECT code, name, name_en, valid_from, valid_to FROM districts ORDER BY code`)).rows;
      assert.deepEqual(
        districts.map((d: any) => [d.code, d.name, d.name_en, d.valid_from.toISOString(), d.valid_to]),
        [
          ['nowy-dwor', 'Nowy Dwór', null, t0.toISOString(), null],
          ['praga-poludnie', 'Praga Południe', null, t0.toISOString(), null],
          ['stare-miasto', 'Stare Miasto', 'Old Town', t0.toISOString(), null],
        ],
      );
      assert.deepEqual(await districtAt(db, 'testowo.pl', 21.01, 52.21), ['stare-miasto']);
      assert.deepEqual(await districtAt(db, 'testowo.pl', 21.05, 52.21), ['nowy-dwor']);
      const j = (await db.knex.raw(`SELECT name_en, local_srid, ST_Area(boundary) AS area, days_off FROM jurisdictions WHERE id = 'testowo.pl'`)).rows[0];
      assert.equal(j.name_en, 'Testtown');
      assert.equal(j.local_srid, 2180);
      assert.ok(Math.abs(j.area - 0.06 * 0.02) < 1e-9, `boundary is the union of the districts (area ${j.area})`);
      assert.deepEqual(j.days_off, ['2026-12-24']);

      const units = (await db.knex.raw(`SELECT u.code, p.code AS parent FROM units u LEFT JOIN units p ON p.id = u.parent_id ORDER BY u.code`)).rows;
      assert.deepEqual(units, [
        { code: 'ZDM', parent: null },
        { code: 'ZDM-SM', parent: 'ZDM' },
        { code: 'ZZM', parent: null },
      ]);
      const pothole = (
        await db.knex.raw(
          `SELECT s.*, (SELECT json_agg(a."values" ORDER BY a."order") FROM service_attributes a WHERE a.service_id = s.id) AS attrs FROM services s WHERE code = 'pothole'`,
        )
      ).rows[0];
      assert.equal(pothole.sla_response_unit, 'working_hours');
      assert.equal(pothole.duplicate_radius_m, 50);
      assert.deepEqual(pothole.keywords, ['dziura', 'jezdnia', 'pothole']);
      assert.deepEqual(pothole.attrs[0][1], { key: 'large', name_pl: 'Duża', name_en: 'Large' });
      const rules = (await db.knex.raw(`SELECT code, service_group, district_code, area IS NOT NULL AS has_area, valid_from FROM routing_rules ORDER BY code`))
        .rows;
      assert.deepEqual(
        rules.map((r: any) => [r.code, r.service_group, r.district_code, r.has_area]),
        [
          ['park', null, null, true],
          ['roads', 'roads', null, false],
          ['roads-sm', 'roads', 'stare-miasto', false],
        ],
      );
      const streets = (await db.knex.raw(`SELECT prefix, name, name_folded FROM streets ORDER BY name`)).rows;
      assert.deepEqual(
        streets.map((s: any) => `${s.prefix}|${s.name}|${s.name_folded}`),
        ['ul.|"Pod Wiatą"|"pod wiata"', 'al.|Jerozolimskie|jerozolimskie', 'ul.|Marszałkowska|marszalkowska', 'rondo|ONZ|onz', 'pl.|Zamkowy|zamkowy'],
      );
      const a = (
        await db.knex.raw(
          `SELECT a.street, a.house_number, a.postcode, s.name, ST_X(a.geom) AS x, ST_Y(a.geom) AS y FROM addresses a JOIN streets s ON s.id = a.street_id WHERE source_id = 'A-2'`,
        )
      ).rows[0];
      assert.deepEqual(a, { street: 'ul. Marszałkowska', house_number: '2A', postcode: '00-600', name: 'Marszałkowska', x: 21.0024, y: 52.207 });
    });

    it('changes nothing when the same pack is imported again', async () => {
      const before = await snapshot(db);
      const report = await importCityPack(db, FIXTURE, { now: new Date('2026-11-02T10:00:00Z') });
      assert.equal(report.changed, false);
      for (const [what, c] of Object.entries(report.counts)) assert.equal(c.inserted + c.updated + (c.closed ?? 0), 0, `${what}: ${JSON.stringify(c)}`);
      assert.equal(report.counts.addresses.unchanged, 20);
      assert.deepEqual(await snapshot(db), before);
    });

    it('reports in a dry run what would change, and changes nothing', async () => {
      const dir = copyPack();
      editJson(dir, 'units.json', (units) => [...units, { code: 'MPO', name: 'Miejskie Przedsiębiorstwo Oczyszczania', kind: 'utility' }]);
      const before = await snapshot(db);
      const report = await importCityPack(db, dir, { dryRun: true });
      assert.equal(report.dryRun, true);
      assert.equal(report.changed, true);
      assert.equal(report.counts.units.inserted, 1);
      assert.deepEqual(await snapshot(db), before);
    });

    it('closes a changed boundary and opens a new version; closes a district missing from the pack', async () => {
      const dir = copyPack();
      const t1 = new Date('2026-11-20T12:00:00Z');
      editJson(dir, 'districts.geojson', (fc) => {
        fc.features = fc.features.filter((f: any) => f.properties.code !== 'praga-poludnie');
        const nowy = fc.features.find((f: any) => f.properties.code === 'nowy-dwor');
        nowy.geometry.coordinates = [
          [
            [21.02, 52.2],
            [21.06, 52.2],
            [21.06, 52.22],
            [21.02, 52.22],
            [21.02, 52.2],
          ],
        ];
      });
      const report = await importCityPack(db, dir, { now: t1 });
      assert.deepEqual(report.counts.districts, { inserted: 0, updated: 1, unchanged: 1, closed: 1 });
      const versions = (
        await db.knex.raw(`SELECT code, valid_from, valid_to FROM districts WHERE code IN ('nowy-dwor', 'praga-poludnie') ORDER BY code, valid_from`)
      ).rows;
      assert.deepEqual(
        versions.map((v: any) => [v.code, v.valid_from.toISOString(), v.valid_to?.toISOString() ?? null]),
        [
          ['nowy-dwor', t0.toISOString(), t1.toISOString()],
          ['nowy-dwor', t1.toISOString(), null],
          ['praga-poludnie', t0.toISOString(), t1.toISOString()],
        ],
      );
      // Point lookups through district_parts follow the current versions.
      assert.deepEqual(await districtAt(db, 'testowo.pl', 21.03, 52.21), ['nowy-dwor']);
      const area = (await db.knex.raw(`SELECT ST_Area(boundary) AS a FROM jurisdictions WHERE id = 'testowo.pl'`)).rows[0].a;
      assert.ok(Math.abs(area - 0.06 * 0.02) < 1e-9);
      // And importing the changed pack again changes nothing more.
      const again = await importCityPack(db, dir, { now: new Date('2026-11-21T12:00:00Z') });
      assert.equal(again.changed, false);
    });

    it('deletes addresses the register no longer lists, and updates changed ones', async () => {
      const dir = copyPack();
      const lines = fs.readFileSync(path.join(dir, 'addresses.csv'), 'utf8').split('\r\n');
      const kept = lines.filter((l) => !/^A-(3|4),/.test(l)).map((l) => (l.startsWith('A-5,') ? l.replace(',1,', ',1B,') : l));
      fs.writeFileSync(path.join(dir, 'addresses.csv'), kept.join('\r\n'));
      const report = await importCityPack(db, dir, { batchSize: 4 });
      assert.deepEqual(report.counts.addresses, { inserted: 0, updated: 1, unchanged: 17, closed: 2 });
      const ids = (await db.knex.raw(`SELECT source_id FROM addresses WHERE jurisdiction_id = 'testowo.pl' AND source_id IN ('A-3', 'A-4', 'A-5')`)).rows;
      assert.deepEqual(ids, [{ source_id: 'A-5' }]);
      const again = await importCityPack(db, dir, {});
      assert.equal(again.changed, false);
      assert.equal(again.counts.addresses.closed, undefined);
    });

    it('retires services and deletes attributes the pack no longer lists', async () => {
      const dir = copyPack();
      editJson(dir, 'services.json', (services) => {
        services[0].attributes = [{ ...services[0].attributes[1], order: 1 }];
        return services.filter((s: any) => s.code !== 'info');
      });
      const report = await importCityPack(db, dir, {});
      assert.equal(report.counts.services.closed, 1);
      assert.equal(report.counts.service_attributes.closed, 1);
      const rows = (await db.knex.raw(`SELECT code, active FROM services ORDER BY code`)).rows;
      assert.deepEqual(rows, [
        { code: 'info', active: false },
        { code: 'pothole', active: true },
        { code: 'tree', active: true },
      ]);
      const attrs = (await db.knex.raw(`SELECT a.code, a."order" FROM service_attributes a JOIN services s ON s.id = a.service_id WHERE s.code = 'pothole'`))
        .rows;
      assert.deepEqual(attrs, [{ code: 'lane', order: 1 }]);
    });

    it('drops features with --exclude, on top of city.json', async () => {
      const dir = copyPack();
      editJson(dir, 'city.json', (c) => ({ ...c, id: 'exclude.pl' }));
      fs.rmSync(path.join(dir, 'routing.json'));
      const report = await importCityPack(db, dir, { exclude: [{ key: 'name', value: 'Nowy Dwór' }] });
      assert.equal(report.counts.districts.inserted, 2);
      const codes = (await db.knex.raw(`SELECT code FROM districts WHERE jurisdiction_id = 'exclude.pl' ORDER BY code`)).rows.map((r: any) => r.code);
      assert.deepEqual(codes, ['praga-poludnie', 'stare-miasto']);
    });

    it('reads districts in EPSG:2180 from the GeoJSON crs member', async () => {
      const dir = copyPack();
      editJson(dir, 'city.json', (c) => ({ ...c, id: 'crs2180.pl' }));
      const toCs92 = projector(4326, 2180);
      editJson(dir, 'districts.geojson', (fc) => {
        fc.crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2180' } };
        for (const f of fc.features) f.geometry.coordinates = f.geometry.coordinates.map((ring: number[][]) => ring.map((p) => toCs92(p as [number, number])));
      });
      // Areas stay in EPSG:4326 (their own file declares nothing).
      await importCityPack(db, dir, {});
      assert.deepEqual(await districtAt(db, 'crs2180.pl', 21.01, 52.21), ['stare-miasto']);
      assert.deepEqual(await districtAt(db, 'crs2180.pl', 21.03, 52.21), ['praga-poludnie']);
    });

    it('reads districts from a shapefile with its .prj, or with --srid when the .prj is missing', async () => {
      for (const withPrj of [true, false]) {
        const dir = copyPack();
        const id = withPrj ? 'shp-prj.pl' : 'shp-srid.pl';
        editJson(dir, 'city.json', (c) => ({ ...c, id }));
        const fc = readJson(dir, 'districts.geojson');
        fs.rmSync(path.join(dir, 'districts.geojson'));
        fs.rmSync(path.join(dir, 'addresses.csv'));
        const toCs92 = projector(4326, 2180);
        writeShapefile(
          path.join(dir, 'districts'),
          fc.features.map((f: any) => ({
            properties: { code: f.properties.code ?? 'city', name: f.properties.name, kind: f.properties.kind ?? '' },
            geometry: { type: 'Polygon', coordinates: f.geometry.coordinates.map((ring: number[][]) => ring.map((p) => toCs92(p as [number, number]))) },
          })),
          withPrj ? PRJ_2180 : undefined,
        );
        // --srid covers every file that declares no CRS, so the WGS 84 routing areas now say so.
        if (!withPrj)
          editJson(dir, 'routing-areas.geojson', (areas) => void (areas.crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }));
        const report = await importCityPack(db, dir, withPrj ? {} : { srid: 2180 });
        assert.equal(report.counts.districts.inserted, 3);
        assert.deepEqual(await districtAt(db, id, 21.05, 52.21), ['nowy-dwor']);
      }
    });

    it('reads street centre lines from streets.geojson and addresses from addresses.geojson in EPSG:2180', async () => {
      const dir = copyPack();
      editJson(dir, 'city.json', (c) => ({ ...c, id: 'geojson-addr.pl' }));
      const toCs92 = projector(4326, 2180);
      fs.rmSync(path.join(dir, 'addresses.csv'));
      writeJson(dir, 'addresses.geojson', {
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'EPSG:2180' } },
        features: [
          {
            type: 'Feature',
            properties: { id: 'G-1', street: 'ulica Marszałkowska', number: '10', postcode: '00-001' },
            geometry: { type: 'Point', coordinates: toCs92([21.011, 52.205]) },
          },
          {
            type: 'Feature',
            properties: { id: 'G-2', street: 'Aleje Jerozolimskie', number: 5 },
            geometry: { type: 'Point', coordinates: toCs92([21.031, 52.215]) },
          },
        ],
      });
      writeJson(dir, 'streets.geojson', {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: 'ul. Marszałkowska' },
            geometry: {
              type: 'LineString',
              coordinates: [
                [21.01, 52.2],
                [21.011, 52.21],
              ],
            },
          },
          {
            type: 'Feature',
            properties: { name: 'Marszałkowska', prefix: 'ul.' },
            geometry: {
              type: 'LineString',
              coordinates: [
                [21.011, 52.21],
                [21.012, 52.22],
              ],
            },
          },
        ],
      });
      const report = await importCityPack(db, dir, {});
      assert.equal(report.counts.addresses.inserted, 2);
      assert.equal(report.counts.streets.inserted, 2, 'Marszałkowska from the file, Jerozolimskie derived from an address');
      const rows = (
        await db.knex.raw(`
        SELECT a.source_id, a.street, a.house_number, s.prefix, s.name, ST_NumGeometries(s.geom) AS pieces, round(ST_X(a.geom)::numeric, 5)::float8 AS lon
        FROM addresses a JOIN streets s ON s.id = a.street_id WHERE a.jurisdiction_id = 'geojson-addr.pl' ORDER BY a.source_id`)
      ).rows;
      assert.deepEqual(rows, [
        { source_id: 'G-1', street: 'ulica Marszałkowska', house_number: '10', prefix: 'ul.', name: 'Marszałkowska', pieces: 2, lon: 21.011 },
        { source_id: 'G-2', street: 'Aleje Jerozolimskie', house_number: '5', prefix: 'al.', name: 'Jerozolimskie', pieces: null, lon: 21.031 },
      ]);
      assert.equal((await importCityPack(db, dir, {})).changed, false);
    });

    it('repairs a self-intersecting polygon with ST_MakeValid and says so', async () => {
      const dir = copyPack();
      editJson(dir, 'city.json', (c) => ({ ...c, id: 'bowtie.pl' }));
      editJson(dir, 'districts.geojson', (fc) => {
        // A bow tie: the ring crosses itself in the middle.
        fc.features[3].geometry.coordinates = [
          [
            [21.04, 52.2],
            [21.06, 52.22],
            [21.06, 52.2],
            [21.04, 52.22],
            [21.04, 52.2],
          ],
        ];
      });
      const report = await importCityPack(db, dir, {});
      assert.equal(report.repaired.length, 1);
      assert.equal(report.repaired[0].file, 'districts.geojson');
      assert.equal(report.repaired[0].location, 'feature 4');
      assert.match(report.repaired[0].reason, /Nowy Dwór.*Self-intersection.*repaired with ST_MakeValid/i);
      const row = (
        await db.knex.raw(
          `SELECT ST_IsValid(geom) AS valid, ST_NumGeometries(geom) AS parts FROM districts WHERE jurisdiction_id = 'bowtie.pl' AND code = 'nowy-dwor'`,
        )
      ).rows[0];
      assert.deepEqual(row, { valid: true, parts: 2 });
    });
  });
});
