import assert from 'node:assert/strict';
import type { Database } from '../db/engine';
import { isAppError } from '../errors';
import { openTestDatabase } from '../../test/db';
import { createFixtureCity, FixtureCity, FIXTURE_JURISDICTION } from './fixtures';
import { previewResolution, submitReport } from './intake';
import type { ReportInput } from './types';

/** Rejects with an AppError whose message matches. */
async function rejects(p: Promise<unknown>, status: number, pattern: RegExp): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.ok(isAppError(e), `expected an AppError, got ${(e as Error).message}`);
    assert.equal(e.status, status, e.message);
    assert.match(e.message, pattern);
    return;
  }
  assert.fail(`expected a ${status} error matching ${pattern}`);
}

describe('submitReport / previewResolution (the one intake)', function () {
  this.timeout(120_000);
  let db: Database;
  let city: FixtureCity;
  const now = new Date('2026-03-02T09:00:00Z'); // Monday 10:00 in Warsaw
  before(async () => {
    db = await openTestDatabase('pipeline-intake');
    city = await createFixtureCity(db);
  });
  after(() => db?.close());

  const base = (over: Partial<ReportInput> = {}): ReportInput => ({
    serviceCode: 'litter',
    channel: 'web',
    location: { kind: 'wgs84', lat: 52.2231, long: 21.0101 },
    ...over,
  });
  const request = async (publicId: string) => (await db.knex.raw(`SELECT * FROM requests WHERE public_id = ?`, [publicId])).rows[0];

  it('stores a report with district, unit, address, reasons, SLA, reporter and the created event', async () => {
    const r = await submitReport(
      db,
      base({
        serviceCode: 'pothole',
        attributes: { size: 'large', depth: '12' },
        description: 'Głęboka dziura\r\nzadzwoń 601 234 567',
        location: { kind: 'wgs84', lat: 52.2201, long: 21.0259 },
        reporter: { firstName: 'Anna', email: ' Anna@Example.COM ', phone: '+48 601-234-567', notify: 'email' },
      }),
      now,
    );
    assert.equal(r.merged, false);
    assert.match(r.publicId, /^[0-9A-Z]{4}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
    assert.equal(r.resolution.district?.code, '02');
    assert.equal(r.resolution.unit?.code, 'UDB');
    assert.equal(r.resolution.unit?.ruleCode, 'roads-beta');
    assert.ok(r.resolution.reasons.some((x) => x.step === 'unit' && /district Beta; rule roads-beta: roads in Beta -> Urząd Dzielnicy Beta/.test(x.text)));
    assert.equal(r.resolution.expectedAt?.toISOString(), '2026-03-09T15:00:00.000Z');
    const row = await request(r.publicId);
    assert.equal(row.description, 'Głęboka dziura\nzadzwoń 601 234 567');
    assert.equal(row.public_description, 'Głęboka dziura\nzadzwoń […]');
    assert.equal(row.unit_id, city.units.UDB);
    assert.equal(row.district_id, city.districts.beta);
    assert.deepEqual(row.attributes, { size: 'large', depth: '12' });
    assert.equal(row.expected_at.toISOString(), '2026-03-09T15:00:00.000Z');
    assert.equal(row.response_due_at.toISOString(), '2026-03-03T09:00:00.000Z');
    const rep = (
      await db.knex.raw(`SELECT rr.*, p.email_norm, p.phone_norm FROM request_reporters rr JOIN people p ON p.id = rr.person_id WHERE rr.request_id = ?`, [
        row.id,
      ])
    ).rows;
    assert.equal(rep.length, 1);
    assert.equal(rep[0].email_norm, 'anna@example.com');
    assert.equal(rep[0].phone_norm, '48601234567');
    assert.equal(rep[0].notify, 'email');
    const ev = (await db.knex.raw(`SELECT kind FROM request_events WHERE request_id = ?`, [row.id])).rows;
    assert.deepEqual(
      ev.map((e: { kind: string }) => e.kind),
      ['created'],
    );
  });

  it('validates service, description and attributes, naming each field', async () => {
    await rejects(submitReport(db, base({ serviceCode: 'nope' }), now), 404, /service_code "nope"/);
    await rejects(submitReport(db, base({ serviceCode: 'closed_service' }), now), 404, /service_code/);
    await rejects(submitReport(db, base({ description: 'x'.repeat(3999) + '\r\n\r\n' }), now), 400, /description is longer than 4000/);
    await submitReport(db, base({ description: 'x'.repeat(3998) + '\r\n\r\n', location: { kind: 'wgs84', lat: 52.2301, long: 21.0101 } }), now); // 4000 after CRLF -> LF
    await rejects(
      submitReport(db, base({ serviceCode: 'pothole', attributes: { depth: 'deep', colour: 'red' } }), now),
      400,
      /attribute\[colour\].*not an attribute.*attribute\[size\] is required.*attribute\[depth\] must be a number/,
    );
    await rejects(submitReport(db, base({ serviceCode: 'pothole', attributes: { size: 'huge' } }), now), 400, /attribute\[size\]: "huge" is not in the list/);
    await rejects(submitReport(db, base({ attributes: { kinds: ['glass', 'gold'] } }), now), 400, /attribute\[kinds\]: "gold" not in the list/);
    await rejects(submitReport(db, base({ jurisdictionId: 'elsewhere.pl' }), now), 404, /jurisdiction_id/);
  });

  it('refuses NaN, out-of-range and outside points, and says when lat/long look swapped', async () => {
    await rejects(submitReport(db, base({ location: { kind: 'wgs84', lat: NaN, long: 21 } }), now), 400, /lat must be a number/);
    await rejects(submitReport(db, base({ location: { kind: 'wgs84', lat: 95, long: 21 } }), now), 400, /lat 95 is out of range/);
    await rejects(submitReport(db, base({ location: { kind: 'wgs84', lat: 52.1, long: 21.02 } }), now), 400, /outside Testowo$/);
    await rejects(
      submitReport(db, base({ location: { kind: 'wgs84', lat: 21.02, long: 52.22 } }), now),
      400,
      /look swapped: lat 52.220000, long 21.020000 would be inside/,
    );
  });

  it('gives a point in a hole of the district map the nearest district (city setting), and a border point by the overlap rule', async () => {
    const hole = await submitReport(db, base({ location: { kind: 'wgs84', lat: 52.2075, long: 21.0065 } }), now);
    assert.deepEqual(hole.resolution.district, { id: city.districts.alfa, code: '01', name: 'Alfa', via: 'nearest', distanceM: 56 });
    assert.ok(hole.resolution.reasons.some((x) => x.text === 'nearest district, 56 m: Alfa (the point is inside the city outline but in no district)'));
    const stored = (await db.knex.raw(`SELECT district_id, resolution::text AS resolution FROM requests WHERE public_id = ?`, [hole.publicId])).rows[0];
    stored.resolution = JSON.parse(stored.resolution);
    assert.equal(Number(stored.district_id), city.districts.alfa);
    assert.equal(stored.resolution.district.via, 'nearest');
    assert.equal(stored.resolution.district.distanceM, 56);
    await db.knex.raw(`UPDATE jurisdictions SET settings = settings || '{"resolution":{"nearest_district_m":50}}' WHERE id = ?`, [FIXTURE_JURISDICTION]);
    try {
      const far = await submitReport(db, base({ location: { kind: 'wgs84', lat: 52.2075, long: 21.0065 } }), now);
      assert.equal(far.resolution.district, undefined, 'Alfa is 56 m away, beyond the 50 m the city allows');
      assert.ok(far.resolution.reasons.some((x) => /outside every district .*: none within 50 m/.test(x.text)));
      assert.equal(far.resolution.unit?.code, 'UM');
    } finally {
      await db.knex.raw(`UPDATE jurisdictions SET settings = settings - 'resolution' WHERE id = ?`, [FIXTURE_JURISDICTION]);
    }
    const island = await previewResolution(db, { location: { kind: 'wgs84', lat: 52.206, long: 21.006 } });
    assert.equal(island.district?.code, '02', 'the island of Beta');
    const border = await previewResolution(db, { serviceCode: 'pothole', location: { kind: 'wgs84', lat: 52.23, long: 21.02 } });
    assert.equal(border.district?.code, '01');
    assert.deepEqual(border.district?.others, [{ code: '02', name: 'Beta' }]);
    assert.ok(border.reasons.some((x) => x.text === 'district Alfa (point in polygon; also in Beta: the first code in numeric order wins)'));
  });

  it('uses the boundary valid at the report time and the routing rules valid then', async () => {
    const at2024 = new Date('2024-06-01T10:00:00Z');
    const old = await previewResolution(db, { serviceCode: 'litter', location: { kind: 'wgs84', lat: 52.23, long: 21.025 }, at: at2024 });
    assert.equal(old.district?.name, 'Alfa', 'in 2024 Alfa reached 21.03');
    const now2026 = await previewResolution(db, { serviceCode: 'litter', location: { kind: 'wgs84', lat: 52.23, long: 21.025 }, at: now });
    assert.equal(now2026.district?.name, 'Beta');
    const oldBeta = await previewResolution(db, { serviceCode: 'litter', location: { kind: 'wgs84', lat: 52.23, long: 21.035 }, at: at2024 });
    assert.equal(oldBeta.unit?.code, 'ZOM', 'the litter-old rule was valid in 2024');
    const newBeta = await previewResolution(db, { serviceCode: 'litter', location: { kind: 'wgs84', lat: 52.23, long: 21.035 }, at: now });
    assert.equal(newBeta.unit?.code, 'UM', 'and has expired since');
    const lamp = await previewResolution(db, { serviceCode: 'lamp_post', location: { kind: 'wgs84', lat: 52.23, long: 21.035 }, at: now });
    assert.equal(lamp.unit?.code, 'UM', 'a rule whose unit is inactive is skipped');
  });

  it('resolves conflicting routing rules: most specific target, then place, then priority', async () => {
    const zone = await previewResolution(db, { serviceCode: 'pothole', location: { kind: 'wgs84', lat: 52.232, long: 21.032 } });
    assert.equal(zone.unit?.code, 'MPWIK', 'service rule with an area beats group rules');
    const light = await previewResolution(db, { serviceCode: 'streetlight', location: { kind: 'wgs84', lat: 52.232, long: 21.012 } });
    assert.equal(light.unit?.code, 'ZDM', 'group rule anywhere beats the any-service default');
    const litter = await previewResolution(db, { serviceCode: 'litter', location: { kind: 'wgs84', lat: 52.232, long: 21.012 } });
    assert.equal(litter.unit?.code, 'ZOM2', 'higher priority among equally specific rules');
    const litterBeta = await previewResolution(db, { serviceCode: 'litter', location: { kind: 'wgs84', lat: 52.232, long: 21.035 } });
    assert.equal(litterBeta.unit?.code, 'UM');
  });

  it('locates projected points, address strings and address ids', async () => {
    const xy = (
      await db.knex.raw(`SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(21.0101, 52.2231), 4326), 2180) AS p) q`)
    ).rows[0];
    const p = await previewResolution(db, { location: { kind: 'projected', x: xy.x, y: xy.y, srid: 2180 } });
    assert.ok(Math.abs(p.lat - 52.2231) < 1e-6 && Math.abs(p.long - 21.0101) < 1e-6);
    await rejects(previewResolution(db, { location: { kind: 'projected', x: 1, y: 2, srid: 999999 } }), 400, /EPSG:999999 is not a coordinate system/);
    const a = await previewResolution(db, { location: { kind: 'address_string', text: 'ul. Marszalkowska 12a' } });
    assert.equal(a.address && 'label' in a.address ? a.address.label : '', 'ul. Marszałkowska 12A');
    await rejects(
      previewResolution(db, { location: { kind: 'address_string', text: 'Nieistniejąca 5' } }),
      400,
      /address_string "Nieistniejąca 5" was not found/,
    );
    const id = await submitReport(db, base({ location: { kind: 'address_id', id: 'Złota-7' } }), now);
    assert.equal((await request(id.publicId)).address, 'ul. Złota 7');
    await rejects(submitReport(db, base({ location: { kind: 'address_id', id: 'nope' } }), now), 400, /address_id "nope" is not in the address register/);
  });

  it('falls back to the nearest street when no address point is near', async () => {
    const r = await previewResolution(db, { location: { kind: 'wgs84', lat: 52.235, long: 21.0301 } });
    assert.deepEqual(r.address && 'street' in r.address ? r.address.street : null, 'ul. Łazienkowska');
    assert.ok(r.reasons.some((x) => /nearest street ul. Łazienkowska, 7 m/.test(x.text)));
  });

  it('keeps private and fuzzed locations off the public point', async () => {
    const abuse = await submitReport(db, base({ serviceCode: 'abuse', location: { kind: 'wgs84', lat: 52.2351, long: 21.0151 } }), now);
    assert.equal((await request(abuse.publicId)).public_geom, null);
    const noise = await submitReport(db, base({ serviceCode: 'noise', location: { kind: 'wgs84', lat: 52.2351, long: 21.0151 } }), now);
    const d = (await db.knex.raw(`SELECT ST_Distance(geom::geography, public_geom::geography) AS d FROM requests WHERE public_id = ?`, [noise.publicId]))
      .rows[0].d;
    assert.ok(d > 0 && d < 200, `fuzzed ${d} m away`);
  });

  // Last: it adds a second jurisdiction, which changes what the other tests rely on.
  it('finds the jurisdiction from the point when there are several, and asks for it otherwise', async () => {
    await db.knex.raw(`INSERT INTO jurisdictions (id, name, boundary) VALUES ('inne.pl', 'Inne', ST_Multi(ST_MakeEnvelope(22, 52, 22.1, 52.1, 4326)))`);
    const r = await submitReport(db, base({ location: { kind: 'wgs84', lat: 52.2331, long: 21.0101 } }), now);
    assert.equal((await request(r.publicId)).jurisdiction_id, city.jurisdictionId);
    await rejects(
      submitReport(db, base({ location: { kind: 'address_id', id: 'Złota-7' } }), now),
      400,
      /jurisdiction_id is required: this server serves several jurisdictions/,
    );
    await rejects(submitReport(db, base({ location: { kind: 'wgs84', lat: 52.05, long: 22.05 } }), now), 404, /service_code "litter"/);
  });
});
