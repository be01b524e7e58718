import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openTestDatabase } from '../../test/db';
import type { Database } from '../db/engine';
import { importCityPack } from './import';
import { projector } from '../../gis';
import { writeShapefile } from './fixtures/write-shapefile';
import { FIXTURE, tmpRoot, copyPack, editJson, expectRejected } from './fixtures/packs';

describe('city pack import', function () {
  let db: Database;
  before(async function () {
    this.timeout(300_000); // the first suite of a run may pay for starting the embedded engine
    db = await openTestDatabase('city-import-errors');
  });
  after(async () => {
    await db?.close();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  });
  // The city is in the database already, as in a real re-import: a routing.json sent alone is checked against its units.
  before(() => importCityPack(db, FIXTURE, { now: new Date('2026-11-01T10:00:00Z') }));

  describe('bad input: a clear error and nothing changed', () => {
    it('an unclosed ring', async () => {
      const dir = copyPack();
      editJson(dir, 'districts.geojson', (fc) => void fc.features[1].geometry.coordinates[0].pop());
      await expectRejected(db, dir, [
        { file: 'districts.geojson', location: 'feature 2', reason: /ring 1 is not closed: first \[21, 52.2\] and last \[21, 52.22\] positions differ/ },
      ]);
    });

    it('city settings of the wrong shape, each named (kernel/city-settings.ts)', async () => {
      const dir = copyPack();
      editJson(dir, 'city.json', (c) => void (c.settings = { ...c.settings, map: { zoom: 'far' }, inquirySla: { unit: 'weeks' } }));
      await expectRejected(db, dir, [
        { file: 'city.json', location: 'settings.map.zoom', reason: /must be a number from 0 to 24/ },
        { file: 'city.json', location: 'settings.inquirySla.unit', reason: /must be one of working_hours, working_days, hours, days/ },
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
});
