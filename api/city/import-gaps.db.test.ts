/**
 * Issue #12 items 8-10 on a synthetic pack of our own with both gaps and overlaps:
 *
 *   A "1"  21.000-21.020 x 52.200-52.220, with a small hole (21.005-21.006 x 52.2015-52.2025) and
 *          an enclave hole of 1.12 km² (21.002-21.0145 x 52.2030-52.2148)
 *   B "2"  21.0205-21.040 x 52.200-52.220: a 34 m sliver between A and B, open to the outside
 *   C "10" and E "9": the same box 21.015-21.025 x 52.215-52.225, over A and B and each other
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/engine';
import { openTestDatabase } from '../../test/db';
import { importCityPack, CityImportError } from './import';
import { previewResolution } from '../pipeline/intake';
import { isAppError } from '../errors';
import { tmpRoot } from './fixtures/packs';
import { writeShapefile, PRJ_2180 } from './fixtures/write-shapefile';

const ring = (x1: number, y1: number, x2: number, y2: number) => [
  [x1, y1],
  [x2, y1],
  [x2, y2],
  [x1, y2],
  [x1, y1],
];
const feature = (properties: Record<string, unknown>, rings: number[][][]) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: rings },
});
const A = [ring(21, 52.2, 21.02, 52.22), ring(21.005, 52.2015, 21.006, 52.2025), ring(21.002, 52.203, 21.0145, 52.2148)];

let packNo = 0;
function writePack(id: string, options: { priority?: boolean; settings?: Record<string, unknown> } = {}): string {
  fs.mkdirSync(tmpRoot, { recursive: true });
  const dir = path.join(tmpRoot, `gaps-${++packNo}`);
  fs.mkdirSync(dir);
  const districts = {
    type: 'FeatureCollection',
    features: [
      feature({ code: '1', name: 'Alpha', ...(options.priority ? { rank: 5 } : {}) }, A),
      feature({ code: '2', name: 'Bravo' }, [ring(21.0205, 52.2, 21.04, 52.22)]),
      feature({ code: '10', name: 'Ten' }, [ring(21.015, 52.215, 21.025, 52.225)]),
      feature({ code: '9', name: 'Nine' }, [ring(21.015, 52.215, 21.025, 52.225)]),
    ],
  };
  fs.writeFileSync(path.join(dir, 'districts.geojson'), JSON.stringify(districts));
  const city = {
    id,
    name: `Gapton ${id}`,
    districts: { code_property: 'code', ...(options.priority ? { priority_property: 'rank' } : {}) },
    ...(options.settings ? { settings: options.settings } : {}),
  };
  fs.writeFileSync(path.join(dir, 'city.json'), JSON.stringify(city));
  return dir;
}

describe('city import: gaps, overlaps and the city outline (issue #12)', function () {
  this.timeout(240_000);
  let db: Database;
  before(async () => {
    db = await openTestDatabase('city-gaps');
  });
  after(async () => {
    await db?.close();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  });

  const at = (jurisdictionId: string, lat: number, long: number) => previewResolution(db, { jurisdictionId, location: { kind: 'wgs84', lat, long } });
  const districtText = (r: { reasons: Array<{ step: string; text: string }> }) => r.reasons.find((x) => x.step === 'district')?.text;
  const refused = async (jurisdictionId: string, lat: number, long: number) =>
    assert.rejects(at(jurisdictionId, lat, long), (err: unknown) => isAppError(err) && err.status === 400 && /is outside Gapton/.test(err.message));

  it('without an outline file: builds one from the districts with the sliver and the small hole closed, and reports the overlaps', async () => {
    const lines: string[] = [];
    const report = await importCityPack(db, writePack('gap.built'), { log: (l) => lines.push(l) });
    assert.ok(lines.includes('boundary: built from the districts, 1 small hole(s) closed'), lines.join('\n'));
    const overlap = report.warnings.find((w) => /overlap/.test(w.reason));
    assert.ok(overlap, 'overlaps are a warning');
    assert.equal(overlap.file, 'districts.geojson');
    // Five pairs, B-10, B-9 and 10-9 (the same box), the largest first.
    assert.match(overlap.reason, /^5 pair\(s\) of districts overlap, 1\.\d\d km² in all; largest: Ten \(10\) \/ Nine \(9\) 0\.7\d km²; /);
    assert.match(overlap.reason, /A point in an overlap goes to the smaller district, else the first code/);

    // In the sliver between A and B (14 m from A, 20 m from B): the nearest district, with the distance.
    const sliver = await at('gap.built', 52.21, 21.0202);
    assert.equal(sliver.district?.code, '1');
    assert.equal(sliver.district?.via, 'nearest');
    assert.equal(districtText(sliver), 'nearest district, 14 m: Alpha (the point is inside the city outline but in no district)');
    // In the small hole of A.
    const hole = await at('gap.built', 52.202, 21.0055);
    assert.equal(hole.district?.code, '1');
    assert.equal(hole.district?.distanceM, 34);
    // In the overlap of A, 10 and 9: 10 and 9 are smaller than A and equal, so "9" < "10" (numbers, not text).
    const overlapPoint = await at('gap.built', 52.2198, 21.019);
    assert.equal(overlapPoint.district?.code, '9');
    assert.deepEqual(overlapPoint.district?.others, [
      { code: '10', name: 'Ten' },
      { code: '1', name: 'Alpha' },
    ]);
    assert.equal(districtText(overlapPoint), 'district Nine (point in polygon; also in Ten, Alpha: the first code in numeric order wins)');
    // Over B and the two boxes (east of the sliver): the smaller boxes win over B.
    const overB = await at('gap.built', 52.217, 21.023);
    assert.equal(overB.district?.code, '9');
    // Outside the outline: refused. The enclave hole (1.12 km², over the 1 km² limit) stays outside.
    await refused('gap.built', 52.21, 21.05);
    await refused('gap.built', 52.2089, 21.00825);
  });

  it('with a priority property, the higher priority wins the overlap and the reason says so', async () => {
    await importCityPack(db, writePack('gap.priority', { priority: true }));
    const r = await at('gap.priority', 52.2198, 21.019);
    assert.equal(r.district?.code, '1');
    assert.equal(r.district?.decidedBy, 'priority');
    assert.equal(districtText(r), 'district Alpha (point in polygon; also in Nine, Ten: the higher priority wins)');
  });

  it('with an outline file in another CRS: the enclave is inside; its points go to the nearest district within the city setting', async () => {
    const dir = writePack('gap.outline', { settings: { resolution: { nearest_district_m: 600 } } });
    // The outline: the box 21.00-21.04 x 52.20-52.225 in EPSG:2180 (metres), as a shapefile with its .prj.
    const corners = (
      await db.knex.raw(
        `SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 2180) AS p, n
           FROM (VALUES (1, 21.0, 52.2), (2, 21.04, 52.2), (3, 21.04, 52.225), (4, 21.0, 52.225)) v(n, lon, lat)) q ORDER BY n`,
      )
    ).rows.map((r: { x: number; y: number }) => [Number(r.x), Number(r.y)]);
    writeShapefile(
      path.join(dir, 'boundary'),
      [{ properties: { name: 'Gapton' }, geometry: { type: 'Polygon', coordinates: [[...corners, corners[0]]] } }],
      PRJ_2180,
    );
    const lines: string[] = [];
    await importCityPack(db, dir, { log: (l) => lines.push(l) });
    assert.ok(lines.includes('boundary: from boundary.shp'), lines.join('\n'));
    const source = (await db.knex.raw(`SELECT boundary_source FROM jurisdictions WHERE id = 'gap.outline'`)).rows[0].boundary_source;
    assert.equal(source, 'file');

    const enclave = await at('gap.outline', 52.2089, 21.00825);
    assert.equal(enclave.district?.code, '1', 'the enclave is inside this outline: the nearest district, 427 m away');
    assert.match(districtText(enclave)!, /^nearest district, 42\d m: Alpha/);
    const sliver = await at('gap.outline', 52.21, 21.0202);
    assert.equal(sliver.district?.code, '1');
    await refused('gap.outline', 52.21, 21.05);

    // An unchanged re-import writes nothing, the outline included.
    const again = await importCityPack(db, dir);
    assert.equal(again.changed, false);

    // The setting lowered: the enclave point is accepted with no district, and the reason says how far was looked.
    await db.knex.raw(`UPDATE jurisdictions SET settings = '{"resolution":{"nearest_district_m":100}}' WHERE id = 'gap.outline'`);
    const none = await at('gap.outline', 52.2089, 21.00825);
    assert.equal(none.district, undefined);
    assert.equal(districtText(none), 'outside every district (a hole or gap in the district map); no district set: none within 100 m');
  });

  it('takes numeric dBASE fields as names and codes (BoroCD, N(5,0)), and lists the properties when one is really missing', async () => {
    const dir = writePack('gap.shp');
    fs.rmSync(path.join(dir, 'districts.geojson'));
    writeShapefile(
      path.join(dir, 'districts'),
      [
        { properties: { BoroCD: 101, Shape_Leng: 5 }, geometry: { type: 'Polygon', coordinates: [ring(21, 52.2, 21.02, 52.22)] } },
        { properties: { BoroCD: 102, Shape_Leng: 7 }, geometry: { type: 'Polygon', coordinates: [ring(21.02, 52.2, 21.04, 52.22)] } },
      ],
      'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
    );
    fs.writeFileSync(
      path.join(dir, 'city.json'),
      JSON.stringify({ id: 'gap.shp', name: 'Gapton shp', districts: { code_property: 'BoroCD', name_property: 'BoroCD' } }),
    );
    await importCityPack(db, dir);
    const rows = (await db.knex.raw(`SELECT code, name FROM districts WHERE jurisdiction_id = 'gap.shp' ORDER BY code`)).rows;
    assert.deepEqual(rows, [
      { code: '101', name: '101' },
      { code: '102', name: '102' },
    ]);

    fs.writeFileSync(
      path.join(dir, 'city.json'),
      JSON.stringify({ id: 'gap.shp', name: 'Gapton shp', districts: { code_property: 'BoroCD', name_property: 'boro_name' } }),
    );
    await assert.rejects(importCityPack(db, dir), (err: unknown) => {
      assert.ok(err instanceof CityImportError);
      assert.equal(err.problems[0].reason, 'property "boro_name" (the district name) is missing; the feature has "BoroCD", "Shape_Leng"');
      assert.equal(err.count, 2);
      return true;
    });
  });

  it('states in the header the number of problems found, not the lines listed', async () => {
    const dir = writePack('gap.count');
    const features = Array.from({ length: 60 }, (_, i) => feature({ code: String(i) }, [ring(21 + i * 0.001, 52.2, 21.001 + i * 0.001, 52.201)]));
    fs.writeFileSync(path.join(dir, 'districts.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
    await assert.rejects(importCityPack(db, dir), (err: unknown) => {
      assert.ok(err instanceof CityImportError);
      assert.equal(err.count, 60);
      assert.equal(err.problems.length, 51, '50 listed and a line for the 10 more');
      assert.match(err.message, /^the city pack has 60 problem\(s\), 50 shown; nothing was imported:/);
      assert.equal(err.message.split('\n').length - 1, 51);
      return true;
    });
    fs.writeFileSync(path.join(dir, 'districts.geojson'), JSON.stringify({ type: 'FeatureCollection', features: features.slice(0, 3) }));
    await assert.rejects(
      importCityPack(db, dir),
      (err: unknown) => err instanceof CityImportError && /^the city pack has 3 problem\(s\); nothing/.test(err.message),
    );
  });
});
