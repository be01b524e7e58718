/**
 * Loading the demo city into a real database (both engines): a small demo through the real city
 * importer and the pipeline's batch resolution, the demo accounts and key, the DEMO_EXTRAS hook,
 * and the first-start rule (only an empty database gets the demo).
 */
import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import type { Database } from '../db/engine';
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { authenticateStaff } from '../accounts/staff';
import { findApiClientByKey } from '../accounts/api-clients';
import { loadDemo, DemoLoadResult, DEMO_LOGINS } from './load';
import { loadDemoIfEmpty } from './first-start';
import { DEMO_EXTRAS, DemoExtra } from './extras';
import { DEMO_JURISDICTION_ID } from './generate';

describe('demo city in the database', function () {
  this.timeout(300_000);
  let db: Database;
  let result: DemoLoadResult;
  const extraCalls: Array<{ jurisdictionId: string; seed: number; requests: number }> = [];
  const extra: DemoExtra = async (d, ctx) => {
    const { n } = (await d.knex('requests').where({ jurisdiction_id: ctx.jurisdictionId }).count({ n: '*' }).first()) as { n: number };
    extraCalls.push({ ...ctx, requests: Number(n) });
  };
  const now = new Date('2026-11-28T08:00:00Z');

  before(async () => {
    db = await openTestDatabase('demo-load');
    DEMO_EXTRAS.push(extra);
    try {
      result = await loadDemo(db, { addresses: 1500, requests: 400, seed: 3, now });
    } finally {
      DEMO_EXTRAS.splice(DEMO_EXTRAS.indexOf(extra), 1);
    }
  });
  after(async () => db?.close());

  const one = async <T = Record<string, number>>(sql: string, values: string[] = []): Promise<T> => (await db.knex.raw(sql, values)).rows[0] as T;

  it('imports the city: districts, units, services with attributes, rules, streets and addresses', async () => {
    const counts = await one(
      `SELECT
      (SELECT count(*) FROM districts WHERE jurisdiction_id = ? AND valid_to IS NULL) AS districts,
      (SELECT count(*) FROM units WHERE jurisdiction_id = ?) AS units,
      (SELECT count(*) FROM services WHERE jurisdiction_id = ? AND name_pl <> '' AND name_en <> '') AS services,
      (SELECT count(*) FROM service_attributes a JOIN services s ON s.id = a.service_id WHERE s.jurisdiction_id = ?) AS attributes,
      (SELECT count(*) FROM routing_rules WHERE jurisdiction_id = ?) AS rules,
      (SELECT count(*) FROM routing_rules WHERE jurisdiction_id = ? AND area IS NOT NULL) AS area_rules,
      (SELECT count(*) FROM streets WHERE jurisdiction_id = ? AND geom IS NOT NULL) AS streets,
      (SELECT count(*) FROM addresses WHERE jurisdiction_id = ?) AS addresses`,
      Array(8).fill(DEMO_JURISDICTION_ID),
    );
    assert.equal(counts.districts, 12);
    assert.ok(counts.units >= 15);
    assert.ok(counts.services >= 25);
    assert.ok(counts.attributes >= 40);
    assert.ok(counts.area_rules >= 2 && counts.rules >= 20);
    assert.ok(counts.streets >= 90);
    assert.equal(counts.addresses, 1500);
    assert.deepEqual(result.counts.requests, 400);
  });

  it('stores district polygons that are valid, do not overlap, and contain every address point', async () => {
    const check = await one(
      `
      WITH d AS (SELECT id, geom FROM districts WHERE jurisdiction_id = ? AND valid_to IS NULL)
      SELECT (SELECT count(*) FROM d WHERE NOT ST_IsValid(geom)) AS invalid,
             (SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0) FROM d a JOIN d b ON a.id < b.id AND ST_Intersects(a.geom, b.geom)) AS overlap_m2,
             (SELECT count(*) FROM addresses x WHERE x.jurisdiction_id = ? AND (SELECT count(*) FROM d WHERE ST_Covers(d.geom, x.geom)) <> 1) AS uncovered`,
      [DEMO_JURISDICTION_ID, DEMO_JURISDICTION_ID],
    );
    assert.equal(check.invalid, 0);
    assert.ok(check.overlap_m2 < 1, `districts overlap by ${check.overlap_m2} m²`);
    assert.equal(check.uncovered, 0);
  });

  it('resolves every historical request to a district, a unit and an address, with SLA dates', async () => {
    const r = await one(
      `SELECT count(*) AS total,
        count(*) FILTER (WHERE district_id IS NULL) AS no_district,
        count(*) FILTER (WHERE unit_id IS NULL) AS no_unit,
        count(*) FILTER (WHERE address IS NULL) AS no_address,
        count(*) FILTER (WHERE public_geom IS NULL AND service_id NOT IN (SELECT id FROM services WHERE privacy = 'private')) AS no_public_point,
        count(*) FILTER (WHERE public_geom IS NOT NULL AND service_id IN (SELECT id FROM services WHERE privacy = 'private')) AS private_shown,
        count(*) FILTER (WHERE expected_at IS NULL) AS no_deadline,
        count(*) FILTER (WHERE status = 'closed' AND NOT (closed_at > requested_at)) AS bad_closing,
        count(*) FILTER (WHERE status = 'open') AS open,
        count(*) FILTER (WHERE duplicate_of_id IS NOT NULL) AS merged,
        count(DISTINCT channel) AS channels,
        max(reporter_count) AS most_reporters,
        count(DISTINCT unit_id) AS units
      FROM requests WHERE jurisdiction_id = ?`,
      [DEMO_JURISDICTION_ID],
    );
    assert.equal(r.total, 400);
    assert.deepEqual([r.no_district, r.no_unit, r.no_address, r.no_public_point, r.private_shown, r.no_deadline, r.bad_closing], [0, 0, 0, 0, 0, 0, 0]);
    assert.ok(r.open > 0 && r.merged > 0 && r.channels >= 5 && r.most_reporters >= 3 && r.units >= 8, JSON.stringify(r));
    // The park's area rule wins over the greenery group rule for a point inside the park.
    const park = await one(`SELECT count(*) AS n FROM requests r JOIN units u ON u.id = r.unit_id WHERE r.jurisdiction_id = ? AND u.code = 'ZZM-PARK'`, [
      DEMO_JURISDICTION_ID,
    ]);
    assert.ok(park.n > 0);
  });

  it('counts every request shown on the map in the cluster cells of every zoom level', async () => {
    const shown = await one(`SELECT count(*) AS n FROM requests WHERE jurisdiction_id = ? AND public_geom IS NOT NULL AND duplicate_of_id IS NULL`, [
      DEMO_JURISDICTION_ID,
    ]);
    const levels = await db.knex.raw(`SELECT level, sum(n)::int AS n FROM map_cells_total GROUP BY level ORDER BY level`);
    assert.equal(levels.rows.length, 9);
    for (const l of levels.rows as Array<{ level: number; n: number }>) assert.equal(l.n, shown.n, `level ${l.level}`);
    const { rows } = await db.knex.raw(`SELECT tgenabled FROM pg_trigger WHERE tgname = 'requests_map_cells' AND tgrelid = 'requests'::regclass`);
    assert.equal(rows[0].tgenabled, 'O', 'the trigger is on again for new reports');
  });

  it('keeps each request’s reporters and a public history that ends in its status', async () => {
    const r = await one(
      `SELECT
        (SELECT count(*) FROM requests q WHERE q.jurisdiction_id = ? AND q.duplicate_of_id IS NULL
            AND q.reporter_count <> (SELECT count(*) FROM request_reporters p WHERE p.request_id = q.id)) AS wrong_counts,
        (SELECT count(*) FROM requests q WHERE q.jurisdiction_id = ? AND q.detailed_status <> 'new'
            AND q.detailed_status IS DISTINCT FROM (SELECT e.detailed_status FROM request_events e WHERE e.request_id = q.id AND e.kind = 'status' ORDER BY e.at DESC, e.id DESC LIMIT 1)) AS wrong_history,
        (SELECT count(*) FROM request_events WHERE jurisdiction_id = ? AND public AND note IS NOT NULL) AS public_notes,
        (SELECT count(*) FROM people WHERE jurisdiction_id = ?) AS people`,
      Array(4).fill(DEMO_JURISDICTION_ID),
    );
    assert.equal(r.wrong_counts, 0);
    assert.equal(r.wrong_history, 0);
    assert.ok(r.public_notes > 200 && r.people > 100, JSON.stringify(r));
  });

  it('creates one demo login per role with its fixed password, and a working API key', async () => {
    assert.deepEqual(result.logins.map((l) => l.role).sort(), ['admin', 'agent', 'analyst', 'crew', 'unit_staff']);
    for (const login of DEMO_LOGINS) {
      const staff = await authenticateStaff(db.knex, login.email, login.password);
      assert.ok(staff, login.email);
      assert.equal(staff.role, login.role);
      assert.equal(staff.mustChangePassword, false);
      if (login.role === 'unit_staff' || login.role === 'crew') assert.ok(staff.unitId);
    }
    const client = await findApiClientByKey(db.knex, result.apiKey);
    assert.equal(client?.jurisdictionId, DEMO_JURISDICTION_ID);
  });

  it('runs every DEMO_EXTRAS hook once, after the requests exist', () => {
    assert.deepEqual(extraCalls, [{ jurisdictionId: DEMO_JURISDICTION_ID, seed: 3, requests: 400 }]);
  });

  it('loads nothing at first start once a jurisdiction exists', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const before = await one(`SELECT count(*) AS n FROM requests`);
    assert.equal(await loadDemoIfEmpty(db, config, createLogger(config)), undefined);
    assert.deepEqual(await one(`SELECT count(*) AS n FROM requests`), before);
  });
});

describe('demo city at first start', function () {
  this.timeout(300_000);
  let db: Database;
  before(async () => {
    db = await openTestDatabase('demo-first-start');
  });
  after(async () => db?.close());

  it('starts with an empty database, not half a demo, when loading fails', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const broken: DemoExtra = async () => {
      throw new Error('broken extra');
    };
    DEMO_EXTRAS.push(broken);
    try {
      assert.equal(await loadDemoIfEmpty(db, config, createLogger(config), { addresses: 300, requests: 20 }), undefined);
    } finally {
      DEMO_EXTRAS.splice(DEMO_EXTRAS.indexOf(broken), 1);
    }
    const left = await db.knex.raw(
      `SELECT (SELECT count(*) FROM jurisdictions) AS j, (SELECT count(*) FROM staff) AS s, (SELECT count(*) FROM api_clients) AS k, (SELECT count(*) FROM requests) AS r`,
    );
    assert.deepEqual(left.rows[0], { j: 0, s: 0, k: 0, r: 0 });
  });

  it('loads into an empty database and announces the pages, every login and the API key', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', KONTAKT_PUBLIC_URL: 'http://localhost:3999' });
    const text = await loadDemoIfEmpty(db, config, createLogger(config), { addresses: 500, requests: 60 });
    assert.ok(text);
    assert.match(text, /http:\/\/localhost:3999\//);
    for (const login of DEMO_LOGINS) assert.ok(text.includes(login.email) && text.includes(login.password), login.email);
    const key = /kk_[A-Za-z0-9_-]{43}/.exec(text)?.[0];
    assert.ok(key && (await findApiClientByKey(db.knex, key)), 'the printed key works');
    assert.match(text, /`kontakt serve` without --demo/);
    const { n } = (await db.knex('requests').count({ n: '*' }).first()) as { n: number };
    assert.equal(Number(n), 60);
  });
});
