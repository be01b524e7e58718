import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestDatabase } from '../../test/db';
import type { Database } from '../db/engine';
import { importCityPack, CityImportError, ImportOptions, ImportProblem } from './import';
import { projector } from '../../gis';
import { writeShapefile, PRJ_2180 } from './fixtures/write-shapefile';

const FIXTURE = path.join(__dirname, 'fixtures', 'small-city');
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-city-'));
let packNo = 0;

/** A fresh copy of the small-city fixture, to change for one test. */
function copyPack(): string {
  const dir = path.join(tmpRoot, `pack-${++packNo}`);
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}
const readJson = (dir: string, file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
const writeJson = (dir: string, file: string, value: unknown) => fs.writeFileSync(path.join(dir, file), JSON.stringify(value));
/** Changes a JSON file: `edit` mutates the value, or returns a replacement. */
function editJson(dir: string, file: string, edit: (value: any) => unknown): void {
  const value = readJson(dir, file);
  const replaced = edit(value);
  writeJson(dir, file, replaced === undefined ? value : replaced);
}

const TABLES = [
  'jurisdictions',
  'districts',
  'district_parts',
  'units',
  'services',
  'service_attributes',
  'routing_rules',
  'streets',
  'addresses',
  'landmarks',
  'audit_log',
];

/** A digest of every row of every city table: equal digests mean nothing changed. */
async function snapshot(db: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const row = (await db.knex.raw(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${table} t`))
      .rows[0];
    out[table] = `${row.n}:${row.digest}`;
  }
  return out;
}

interface Expected {
  file: string;
  location?: string;
  reason: RegExp;
}

async function expectRejected(db: Database, dir: string, expected: Expected[], options: ImportOptions = {}): Promise<ImportProblem[]> {
  const before = await snapshot(db);
  let problems: ImportProblem[] = [];
  await assert.rejects(importCityPack(db, dir, options), (err: unknown) => {
    assert.ok(err instanceof CityImportError, `expected a CityImportError, got ${err}`);
    problems = err.problems;
    return true;
  });
  for (const e of expected) {
    assert.ok(
      problems.some((p) => p.file === e.file && (e.location === undefined || p.location === e.location) && e.reason.test(p.reason)),
      `no problem ${e.file} ${e.location ?? ''} ${e.reason} among:\n${problems.map((p) => `  ${p.file} (${p.location}): ${p.reason}`).join('\n')}`,
    );
  }
  assert.deepEqual(await snapshot(db), before, 'a rejected import must change nothing');
  return problems;
}

const districtAt = async (db: Database, jurisdictionId: string, lon: number, lat: number) =>
  (
    await db.knex.raw(
      `
    SELECT d.code FROM district_parts p JOIN districts d ON d.id = p.district_id
    WHERE p.jurisdiction_id = ? AND d.valid_to IS NULL AND ST_Intersects(p.geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))`,
      [jurisdictionId, lon, lat],
    )
  ).rows.map((r: { code: string }) => r.code);

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

  describe('bad input: a clear error and nothing changed', () => {
    it('an unclosed ring', async () => {
      const dir = copyPack();
      editJson(dir, 'districts.geojson', (fc) => void fc.features[1].geometry.coordinates[0].pop());
      await expectRejected(db, dir, [
        { file: 'districts.geojson', location: 'feature 2', reason: /ring 1 is not closed: first \[21, 52.2\] and last \[21, 52.22\] positions differ/ },
      ]);
    });

    it('a point instead of a polygon', async () => {
      const dir = copyPack();
      editJson(dir, 'districts.geojson', (fc) => void (fc.features[2].geometry = { type: 'Point', coordinates: [21.03, 52.21] }));
      await expectRejected(db, dir, [{ file: 'districts.geojson', location: 'feature 3', reason: /is a Point; expected a Polygon or MultiPolygon/ }]);
    });

    it('coordinates in metres declared as degrees', async () => {
      const dir = copyPack();
      const toCs92 = projector(4326, 2180);
      editJson(dir, 'districts.geojson', (fc) => {
        for (const f of fc.features) f.geometry.coordinates = f.geometry.coordinates.map((ring: number[][]) => ring.map((p) => toCs92(p as [number, number])));
      });
      await expectRejected(db, dir, [{ file: 'districts.geojson', location: 'feature 2', reason: /out of range for EPSG:4326.*metres declared as degrees/ }]);
    });

    it('an unknown CRS', async () => {
      const dir = copyPack();
      editJson(dir, 'districts.geojson', (fc) => ({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'EPSG:31467' } },
        features: fc.features,
      }));
      await expectRejected(db, dir, [{ file: 'districts.geojson', reason: /EPSG:31467 is not a supported coordinate system/ }]);
    });

    it('a shapefile without .prj and without --srid', async () => {
      const dir = copyPack();
      fs.rmSync(path.join(dir, 'districts.geojson'));
      writeShapefile(path.join(dir, 'districts'), [
        {
          properties: { code: 'a', name: 'A' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [637000, 486000],
                [638000, 486000],
                [638000, 487000],
                [637000, 486000],
              ],
            ],
          },
        },
      ]);
      await expectRejected(db, dir, [
        { file: 'districts.shp', reason: /districts.prj is missing, so the coordinate system is unknown; add the .prj file or give --srid/ },
      ]);
    });

    it('a services.json with a duplicate code', async () => {
      const dir = copyPack();
      editJson(dir, 'services.json', (services) => [...services, { ...services[0] }]);
      await expectRejected(db, dir, [{ file: 'services.json', location: '$[3].code', reason: /duplicate service code "pothole" \(first at \$\[0\]\)/ }]);
    });

    it('a routing rule naming an unknown unit, service or district', async () => {
      const dir = copyPack();
      editJson(dir, 'routing.json', (rules) => {
        rules[1].unit = 'NOPE';
        rules[2].service = 'no-such-service';
        rules[0].district = 'atlantyda';
      });
      await expectRejected(db, dir, [
        { file: 'routing.json', location: '$[1].unit', reason: /unit "NOPE" is not in units.json/ },
        { file: 'routing.json', location: '$[2].service', reason: /service "no-such-service" is not in services.json/ },
        { file: 'routing.json', location: '$[0].district', reason: /district "atlantyda" is not in districts.geojson/ },
      ]);
    });

    it('a routing.json alone naming a unit the city does not have (checked against the database)', async () => {
      const dir = copyPack();
      fs.rmSync(path.join(dir, 'units.json'));
      editJson(dir, 'routing.json', (rules) => void (rules[1].unit = 'NOPE'));
      await expectRejected(db, dir, [{ file: 'routing.json', location: '$[1].unit', reason: /unit "NOPE" is not a unit of this city/ }]);
    });

    it('a CSV with a wrong header', async () => {
      const dir = copyPack();
      const csv = fs.readFileSync(path.join(dir, 'addresses.csv'), 'utf8').replace(/^id,street,/, 'id,ulica,');
      fs.writeFileSync(path.join(dir, 'addresses.csv'), csv);
      await expectRejected(db, dir, [
        {
          file: 'addresses.csv',
          location: 'line 1',
          reason: /wrong header: missing column\(s\) street; unknown column\(s\) "ulica"\. Expected: id,street,number,postcode,x,y/,
        },
      ]);
    });

    it('bad address rows after good batches were written: all rolled back, every bad row listed', async () => {
      const dir = copyPack();
      const lines = fs.readFileSync(path.join(dir, 'addresses.csv'), 'utf8').split('\r\n');
      lines[12] = lines[12].replace(/,21\.\d+,/, ',21.05.1,');
      lines[15] = lines[15].replace(/,52\.\d+$/, ',5200000');
      lines.splice(17, 0, 'A-99,ul. Nowa,1');
      fs.writeFileSync(path.join(dir, 'addresses.csv'), lines.join('\r\n'));
      await expectRejected(
        db,
        dir,
        [
          { file: 'addresses.csv', location: 'line 13', reason: /coordinates "21.05.1", "52.\d+" are not numbers/ },
          { file: 'addresses.csv', location: 'line 16', reason: /out of range for EPSG:4326/ },
          { file: 'addresses.csv', location: 'line 18', reason: /has 3 fields; the header has 6/ },
        ],
        { batchSize: 3 },
      );
    });

    it('empty files', async () => {
      for (const file of ['addresses.csv', 'units.json', 'districts.geojson']) {
        const dir = copyPack();
        fs.writeFileSync(path.join(dir, file), '');
        await expectRejected(db, dir, [{ file, reason: /the file is empty/ }]);
      }
    });

    it('2 GB files: JSON refused by size before reading, CSV and GeoJSON streamed and stopped at the first bad bytes', async () => {
      const twoGB = 2 * 1024 ** 3;
      const cases: Array<[string, RegExp]> = [
        ['units.json', /the file is 2147483648 bytes, above the limit of 20971520 bytes for a JSON file; it was not read/],
        ['addresses.csv', /a field is longer than 65536 characters/],
        ['districts.geojson', /not a GeoJSON object/],
      ];
      for (const [file, reason] of cases) {
        const dir = copyPack();
        // A sparse file: 2 GB long, no disk used, and reading it whole would be the bug.
        fs.truncateSync(path.join(dir, file), 0);
        fs.truncateSync(path.join(dir, file), twoGB);
        assert.equal(fs.statSync(path.join(dir, file)).size, twoGB);
        const heapBefore = process.memoryUsage().heapUsed;
        await expectRejected(db, dir, [{ file, reason }]);
        assert.ok(process.memoryUsage().heapUsed - heapBefore < 256 * 1024 ** 2, 'the file was not loaded into memory');
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('lists the problems of every file at once', async () => {
      const dir = copyPack();
      editJson(dir, 'services.json', (services) => [...services, { ...services[1] }]);
      editJson(dir, 'units.json', (units) => void (units[0].kind = 'ministry'));
      editJson(dir, 'city.json', (c) => void (c.id = 'Not An Id'));
      fs.writeFileSync(path.join(dir, 'addresses.csv'), 'id,street\nA-1,ul. X\n');
      const problems = await expectRejected(db, dir, [
        { file: 'services.json', location: '$[3].code', reason: /duplicate service code "tree"/ },
        { file: 'units.json', location: '$[0].kind', reason: /must be one of "department"/ },
        { file: 'city.json', location: '$.id', reason: /must match pattern/ },
        { file: 'addresses.csv', location: 'line 1', reason: /missing column\(s\) number, x, y/ },
      ]);
      assert.equal(problems.length, 4);
    });

    it('a folder that does not exist', async () => {
      await expectRejected(db, path.join(tmpRoot, 'nowhere'), [{ file: path.join(tmpRoot, 'nowhere'), reason: /is not a folder/ }]);
    });
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
