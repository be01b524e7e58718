import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import type { Database } from '../db/engine';
import { createFixtureCity, FixtureCity } from '../pipeline/fixtures';
import { publicGeomSql } from '../privacy/fuzz';
import { parseMapQuery } from './filters';
import { postgisMapStore, rebuildMapCells } from './store';
import { mapView } from './view';

const CITY = '20.99,52.19,21.05,52.25';

describe('public map data (database)', () => {
  let db: Database;
  let city: FixtureCity;
  let n = 0;

  async function addRequest(
    service: string,
    lon: number,
    lat: number,
    v: { district?: 'alfa' | 'beta'; status?: string; at?: string; duplicateOf?: number } = {},
  ): Promise<number> {
    const r = await db.knex.raw(
      `INSERT INTO requests (public_id, jurisdiction_id, service_id, status, geom, public_geom, district_id, requested_at, duplicate_of_id)
       SELECT ?, ?, s.id, ?, p.g, ${publicGeomSql('p.g', 's.privacy', 's.fuzz_radius_m')}, ?, ?, ?
         FROM services s, (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS g) p WHERE s.id = ? RETURNING id`,
      [
        `MAP-${String(++n).padStart(3, '0')}-XYZ`,
        city.jurisdictionId,
        v.status ?? 'open',
        v.district ? city.districts[v.district] : null,
        v.at ?? '2026-11-20T10:00:00Z',
        v.duplicateOf ?? null,
        lon,
        lat,
        city.services[service],
      ],
    );
    return r.rows[0].id;
  }

  const view = (q: Record<string, string>) => mapView(postgisMapStore(db.knex), parseMapQuery({ bbox: CITY, ...q }));
  const total = (v: Awaited<ReturnType<typeof view>>) => (v.kind === 'clusters' ? v.clusters.reduce((s, c) => s + c.count, 0) : v.points.length);

  before(async () => {
    db = await openTestDatabase('map-store');
    city = await createFixtureCity(db);
    const first = await addRequest('pothole', 21.011, 52.221, { district: 'alfa' });
    await addRequest('pothole', 21.0112, 52.2211, { district: 'alfa', duplicateOf: first }); // merged: not on the map
    await addRequest('pothole', 21.03, 52.23, { district: 'beta', status: 'closed', at: '2026-10-05T08:00:00Z' });
    await addRequest('litter', 21.025, 52.215, { district: 'beta', at: '2026-09-15T08:00:00Z' });
    await addRequest('noise', 21.0151, 52.2301, { district: 'alfa' });
    await addRequest('abuse', 21.012, 52.222, { district: 'alfa' }); // private: never on the map
  });
  after(() => db.close());

  it('clusters the public, unmerged requests when zoomed out', async () => {
    const v = await view({ zoom: '10' });
    assert.equal(v.kind, 'clusters');
    assert.equal(total(v), 4);
  });

  it('filters by group, status, district and date range', async () => {
    assert.equal(total(await view({ zoom: '12', group: 'roads' })), 2);
    assert.equal(total(await view({ zoom: '12', status: 'closed' })), 1);
    assert.equal(total(await view({ zoom: '12', district: '02' })), 2);
    assert.equal(total(await view({ zoom: '12', group: 'nothing-like-this' })), 0);
    // whole October from the aggregates, plus partial September and November from the requests
    assert.equal(total(await view({ zoom: '12', start_date: '2026-09-10', end_date: '2026-11-19' })), 2);
    assert.equal(total(await view({ zoom: '12', start_date: '2026-11-01', end_date: '2026-11-30' })), 2);
    assert.equal(total(await view({ zoom: '12', start_date: '2026-09-16' })), 3);
  });

  it('shows individual requests at street zoom, sensitive ones only as an approximate area', async () => {
    const v = await view({ zoom: '17' });
    assert.equal(v.kind, 'points');
    if (v.kind !== 'points') return;
    assert.equal(v.points.length, 4);
    assert.ok(!v.points.some((p) => p.serviceCode === 'abuse'));
    const noise = v.points.find((p) => p.serviceCode === 'noise')!;
    assert.equal(noise.approximateM, 200);
    assert.ok(Math.abs(noise.lon - 21.0151) > 1e-6 || Math.abs(noise.lat - 52.2301) > 1e-6, 'not the exact point');
    assert.equal(v.points.find((p) => p.serviceCode === 'pothole' && p.status === 'open')!.approximateM, undefined);
  });

  it('follows status changes, merges and deletions as they happen', async () => {
    await db.knex('requests').where({ status: 'open', service_id: city.services.litter }).update({ status: 'closed' });
    assert.equal(total(await view({ zoom: '11', status: 'closed' })), 2);
    const noise = await db.knex('requests').where({ service_id: city.services.noise }).first('id');
    const pothole = await db.knex('requests').where({ service_id: city.services.pothole, status: 'open' }).whereNull('duplicate_of_id').first('id');
    await db.knex('requests').where({ id: noise.id }).update({ duplicate_of_id: pothole.id });
    assert.equal(total(await view({ zoom: '11' })), 3);
    await db.knex('requests').where({ id: noise.id }).update({ duplicate_of_id: null });
    assert.equal(total(await view({ zoom: '11' })), 4);
    const totals = await db.knex('map_cells_total').orderBy(['level', 'cx', 'cy', 'service_id', 'district_id', 'status']).select('level', 'cx', 'cy', 'n');
    const summed = await db
      .knex('map_cells')
      .groupBy('level', 'cx', 'cy', 'service_id', 'district_id', 'status')
      .orderBy(['level', 'cx', 'cy', 'service_id', 'district_id', 'status'])
      .select('level', 'cx', 'cy', db.knex.raw('sum(n)::int AS n'));
    assert.deepEqual(totals, summed, 'the all-time totals are the months summed');
    const before = await db.knex('map_cells').orderBy(['level', 'cx', 'cy', 'service_id', 'district_id', 'status', 'month']).select('level', 'cx', 'cy', 'n');
    await rebuildMapCells(db.knex);
    const after = await db.knex('map_cells').orderBy(['level', 'cx', 'cy', 'service_id', 'district_id', 'status', 'month']).select('level', 'cx', 'cy', 'n');
    assert.deepEqual(after, before, 'the trigger keeps exactly what a rebuild computes');
    await db.knex('requests').where({ id: noise.id }).delete();
    assert.equal(total(await view({ zoom: '9' })), 3);
  });
});
