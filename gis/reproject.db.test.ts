import assert from 'node:assert/strict';
import { openTestDatabase } from '../test/db';
import type { Database } from '../api/db/engine';
import { projector, SUPPORTED_SRIDS, crsDefinition } from '.';

describe('gis: proj4 definitions agree with PostGIS (ST_Transform)', () => {
  let db: Database;
  before(async function () {
    this.timeout(300_000); // the first suite of a run may pay for starting the embedded engine
    db = await openTestDatabase('gis-reproject');
  });
  after(() => db?.close());

  it("projects a point inside each system's area within 5 cm of PostGIS", async () => {
    for (const srid of SUPPORTED_SRIDS.filter((s) => s !== 4326)) {
      const [w, s, e, n] = crsDefinition(srid).area;
      // A point in the middle of the area the system is made for (Warsaw-ish for the Polish ones).
      const lonlat: [number, number] = srid === 3857 ? [21.0122, 52.2297] : [(w + e) / 2, (s + n) / 2];
      const ours = projector(4326, srid)(lonlat);
      const row = (
        await db.knex.raw(`SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), ?::int) AS p) q`, [
          lonlat[0],
          lonlat[1],
          srid,
        ])
      ).rows[0];
      // PostGIS answers in the native axis units: metres, or US feet for EPSG:2263.
      const tolerance = srid === 2263 ? 0.05 / 0.3048006 : 0.05;
      assert.ok(Math.abs(ours[0] - row.x) < tolerance && Math.abs(ours[1] - row.y) < tolerance, `EPSG:${srid}: proj4 ${ours} vs PostGIS ${row.x},${row.y}`);
    }
  });
});
