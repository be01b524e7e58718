import assert from 'node:assert/strict';
import type { Database } from '../db/engine';
import { openTestDatabase } from '../../test/db';
import { createFixtureCity, FixtureCity } from './fixtures';
import { resolveBatch } from './batch';
import { newPublicId } from './public-id';
import { postgisPublicStore } from '../public/store';
import { districtReason } from './reasons';

describe('resolveBatch (set-based resolution of imported requests)', function () {
  this.timeout(120_000);
  let db: Database;
  let city: FixtureCity;
  before(async () => {
    db = await openTestDatabase('pipeline-batch');
    city = await createFixtureCity(db);
  });
  after(() => db?.close());

  const insert = async (service: string, lon: number | null, lat: number | null, at: string, description = '') => {
    const row = (
      await db.knex.raw(
        `INSERT INTO requests (public_id, jurisdiction_id, service_id, description, geom, requested_at, channel)
       VALUES (?, ?, ?, ?, ${lon == null ? 'NULL' : 'ST_SetSRID(ST_MakePoint(?, ?), 4326)'}, ?, 'import') RETURNING id`,
        [newPublicId(), city.jurisdictionId, city.services[service], description, ...(lon == null ? [] : [lon, lat]), at],
      )
    ).rows[0];
    return row.id as number;
  };
  const get = async (id: number) => {
    const row = (
      await db.knex.raw(`SELECT r.*, ST_X(public_geom) AS px, ST_Y(public_geom) AS py, ST_X(geom) AS gx, ST_Y(geom) AS gy FROM requests r WHERE id = ?`, [id])
    ).rows[0];
    if (typeof row.resolution === 'string') row.resolution = JSON.parse(row.resolution);
    return row;
  };

  it('resolves district (by the boundary valid at the time), unit, address, privacy and SLA for every row in one call', async () => {
    const ids = {
      roadsBeta: await insert('pothole', 21.025, 52.2201, '2026-03-02T09:00:00Z', 'Dziura, dzwońcie 601 234 567 albo jan@example.com'),
      oldBoundary: await insert('pothole', 21.025, 52.2201, '2025-06-02T09:00:00Z'),
      hole: await insert('litter', 21.0065, 52.2075, '2026-03-02T09:00:00Z'),
      island: await insert('litter', 21.006, 52.206, '2026-03-02T09:00:00Z'),
      noise: await insert('noise', 21.0123, 52.2211, '2026-03-02T09:00:00Z'),
      abuse: await insert('abuse', 21.0123, 52.2211, '2026-03-02T09:00:00Z'),
      noPoint: await insert('litter', null, null, '2026-03-02T09:00:00Z'),
      litterAlfa: await insert('litter', 21.0101, 52.2231, '2026-03-02T09:00:00Z'),
      border: await insert('pothole', 21.02, 52.23, '2026-03-02T09:00:00Z'),
    };
    const result = await resolveBatch(db, { jurisdictionId: city.jurisdictionId, chunkSize: 3 });
    assert.equal(result.resolved, 8);

    const roads = await get(ids.roadsBeta);
    assert.equal(roads.district_id, city.districts.beta);
    assert.equal(roads.unit_id, city.units.UDB, 'group rule restricted to district 02 beats the city-wide group rule');
    // An imported request's text is scrubbed where it is published, like every other request's.
    assert.equal((await postgisPublicStore(db.knex).request(roads.public_id))!.description, 'Dziura, dzwońcie […] albo […]');
    assert.equal(roads.description.includes('601 234 567'), true, 'the original text stays for staff');
    assert.ok(roads.expected_at instanceof Date);
    // Monday 2026-03-02 10:00 local + 5 working days -> Monday 2026-03-09 16:00 local (15:00Z).
    assert.equal(roads.expected_at.toISOString(), '2026-03-09T15:00:00.000Z');
    // 8 working hours from 10:00 Monday -> Tuesday 10:00 local.
    assert.equal(roads.response_due_at.toISOString(), '2026-03-03T09:00:00.000Z');
    assert.match(JSON.stringify(roads.resolution), /district Beta/);

    const old = await get(ids.oldBoundary);
    assert.equal(old.district_id, city.districts.alfaOld, 'in 2025 the point was in Alfa');
    assert.equal(old.unit_id, city.units.ZDM);

    // The same rule and the same words as the intake (intake.db.test.ts): nearest district in a gap, overlap rule on a border.
    const hole = await get(ids.hole);
    assert.equal(hole.district_id, city.districts.alfa, 'a point in the hole, inside the outline: the nearest district');
    assert.deepEqual(hole.resolution.district, { id: city.districts.alfa, code: '01', name: 'Alfa', via: 'nearest', distanceM: 56 });
    const holeReason = hole.resolution.reasons.find((x: { step: string }) => x.step === 'district').text;
    assert.equal(holeReason, districtReason({ name: 'Alfa', via: 'nearest', distanceM: 56 }).text);
    assert.equal(hole.unit_id, city.units.ZOM2, 'routed as a request in Alfa');
    const border = await get(ids.border);
    assert.equal(border.district_id, city.districts.alfa);
    assert.deepEqual(border.resolution.district.others, [{ code: '02', name: 'Beta' }]);
    assert.equal(
      border.resolution.reasons.find((x: { step: string }) => x.step === 'district').text,
      'district Alfa (point in polygon; also in Beta: the first code in numeric order wins)',
    );

    const island = await get(ids.island);
    assert.equal(island.district_id, city.districts.beta, 'the island of Beta inside Alfa');

    const noise = await get(ids.noise);
    assert.ok(noise.px != null);
    assert.ok(noise.px !== noise.gx || noise.py !== noise.gy, 'fuzzed point differs from the exact one');
    const moved = await db.knex.raw(`SELECT ST_Distance(geom::geography, public_geom::geography) AS d FROM requests WHERE id = ?`, [ids.noise]);
    assert.ok(moved.rows[0].d <= 200, 'within the fuzz radius');
    assert.equal((await get(ids.abuse)).px, null, 'private: no public point');

    const litter = await get(ids.litterAlfa);
    assert.equal(litter.unit_id, city.units.ZOM2, 'higher priority wins among equally specific rules; the expired rule is ignored');
    assert.equal(litter.address, 'ul. Złota 3');
    assert.equal(litter.postcode, '00-001');
    assert.equal((await get(ids.noPoint)).district_id, null);

    const away = await insert('litter', 21.0065, 52.2075, '2026-03-02T09:00:00Z');
    await db.knex.raw(`UPDATE jurisdictions SET settings = settings || '{"resolution":{"nearest_district_m":50}}' WHERE id = ?`, [city.jurisdictionId]);
    const again = await resolveBatch(db, { jurisdictionId: city.jurisdictionId });
    assert.equal(again.resolved, 1, 'only the new request is looked at');
    const far = await get(away);
    assert.equal(far.district_id, null, 'Alfa is 56 m away, beyond the 50 m the city allows');
    assert.match(JSON.stringify(far.resolution), /outside every district .*: none within 50 m/);
    assert.equal(far.unit_id, city.units.UM, 'no district: only rules for anywhere apply');
    const third = await resolveBatch(db, { jurisdictionId: city.jurisdictionId });
    assert.equal(third.resolved, 1, 'a request in no district is looked at again');
  });
});
