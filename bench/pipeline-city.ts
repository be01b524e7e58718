/**
 * The synthetic city of bench/pipeline.ts, generated set-based (generate_series): 100 districts,
 * 10,000 rule areas, 5,000 streets x 200 address points, 1,000,000 requests (times BENCH_PIPELINE_SCALE).
 */
import type { Database } from '../api/db/engine';

export const W = 20.85,
  S = 52.1,
  E = 21.25,
  N = 52.35;
export const engine = process.env.DATABASE_URL ? 'server' : 'embedded';
export const SCALE = Number(process.env.BENCH_PIPELINE_SCALE ?? (engine === 'server' ? 1 : 0.05));
export const RULES = Math.round(10_000 * SCALE);
export const STREETS = Math.round(5_000 * SCALE);
export const PER_STREET = 200;
export const REQUESTS = Math.round(1_000_000 * SCALE);

export const J = 'bench.pl';

export async function generate(db: Database): Promise<void> {
  const k = db.knex;
  await k.raw(
    `INSERT INTO jurisdictions (id, name, boundary) VALUES (?, 'Benchowo', ST_Multi(ST_MakeEnvelope(?::float8, ?::float8, ?::float8, ?::float8, 4326)))`,
    [J, W, S, E, N],
  );
  const dx = (E - W) / 10,
    dy = (N - S) / 10;
  await k.raw(
    `INSERT INTO districts (jurisdiction_id, code, name, geom, geom_hash, valid_from)
     SELECT ?, lpad(i::text, 3, '0'), 'Dzielnica ' || i,
            ST_Multi(ST_Segmentize(ST_MakeEnvelope(?::float8 + (i % 10) * ?::float8, ?::float8 + (i / 10) * ?::float8, ?::float8 + (i % 10 + 1) * ?::float8, ?::float8 + (i / 10 + 1) * ?::float8, 4326), 0.0005)),
            md5(i::text), '2000-01-01'
       FROM generate_series(0, 99) i`,
    [J, W, dx, S, dy, W, dx, S, dy],
  );
  await k.raw(
    `INSERT INTO district_parts (district_id, jurisdiction_id, geom) SELECT id, jurisdiction_id, (ST_Dump(ST_Subdivide(geom, 64))).geom FROM districts`,
  );
  await k.raw(`INSERT INTO units (jurisdiction_id, code, name) SELECT ?, 'U' || i, 'Jednostka ' || i FROM generate_series(1, 50) i`, [J]);
  await k.raw(
    `INSERT INTO services (jurisdiction_id, code, name_pl, name_en, group_code, sla_response, sla_response_unit, sla_resolution, sla_resolution_unit, duplicate_radius_m, duplicate_window_days)
     SELECT ?, 's' || i, 'Usługa ' || i, 'Service ' || i, 'g' || (i % 10), 8, 'working_hours', 5 + i % 10, 'working_days', 100 + (i % 4) * 50, 30
       FROM generate_series(1, 50) i`,
    [J],
  );
  await k.raw(`INSERT INTO routing_rules (jurisdiction_id, code, unit_id) SELECT ?, 'default', min(id) FROM units`, [J]);
  await k.raw(
    `INSERT INTO routing_rules (jurisdiction_id, code, service_group, unit_id)
     SELECT ?, 'group-' || g, 'g' || g, (SELECT id FROM units ORDER BY id OFFSET g LIMIT 1) FROM generate_series(0, 9) g`,
    [J],
  );
  await k.raw(
    `INSERT INTO routing_rules (jurisdiction_id, code, service_id, unit_id, priority, area)
     SELECT ?, 'area-' || i, (SELECT id FROM services ORDER BY id OFFSET (i % 50) LIMIT 1), (SELECT id FROM units ORDER BY id OFFSET (i % 50) LIMIT 1), i % 3,
            ST_Multi(ST_MakeEnvelope(x, y, x + 0.0045, y + 0.0027, 4326))
       FROM (SELECT i, ?::float8 + random() * ?::float8 AS x, ?::float8 + random() * ?::float8 AS y FROM generate_series(1, ?::int) i) q`,
    [J, W, E - W - 0.005, S, N - S - 0.003, RULES],
  );
  const syl = `(ARRAY['mar','szał','kow','zło','ta','je','ro','zo','lim','ski','ba','gra','now','wi','ska','ła','zien','pol','na','ho'])`;
  await k.raw(
    `INSERT INTO streets (jurisdiction_id, prefix, name, name_folded, geom)
     SELECT ?, CASE WHEN i % 7 = 0 THEN 'al.' ELSE 'ul.' END, n, k_fold(n), ST_Multi(ST_MakeLine(ST_MakePoint(x, y), ST_MakePoint(x + 0.02, y)))
       FROM (SELECT i, initcap(${syl}[1 + i % 20] || ${syl}[1 + (i / 20) % 20] || ${syl}[1 + (i / 400) % 20] || 'owa') AS n,
                    ?::float8 + random() * ?::float8 AS x, ?::float8 + random() * ?::float8 AS y FROM generate_series(0, ?::int - 1) i) q`,
    [J, W, E - W - 0.021, S, N - S - 0.001, STREETS],
  );
  await k.raw(
    `INSERT INTO addresses (jurisdiction_id, source_id, street_id, street, house_number, postcode, geom)
     SELECT ?, s.id || '-' || n, s.id, s.prefix || ' ' || s.name, n::text || CASE WHEN n % 17 = 0 THEN 'A' ELSE '' END, '00-' || lpad((s.id % 1000)::text, 3, '0'),
            ST_SetSRID(ST_MakePoint(ST_XMin(s.geom) + (n / 2) * 0.0001, ST_YMin(s.geom) + CASE WHEN n % 2 = 0 THEN 0.0001 ELSE -0.0001 END), 4326)
       FROM streets s CROSS JOIN generate_series(1, ?::int) n`,
    [J, PER_STREET],
  );
  await k.raw(
    `INSERT INTO requests (public_id, jurisdiction_id, service_id, status, detailed_status, description, geom, requested_at, channel)
     SELECT upper(substr(md5(i::text), 1, 4) || '-' || substr(md5(i::text), 5, 3) || '-' || substr(md5(i::text), 8, 3)) || i,
            ?, (SELECT min(id) FROM services) + (i % 50), CASE WHEN i % 10 = 0 THEN 'open' ELSE 'closed' END, CASE WHEN i % 10 = 0 THEN 'new' ELSE 'fixed' END,
            CASE WHEN i % 5 = 0 THEN 'Zgłoszenie numer ' || i || ', kontakt 601 234 567' ELSE '' END,
            ST_SetSRID(ST_MakePoint(?::float8 + random() * ?::float8, ?::float8 + random() * ?::float8), 4326), now() - random() * interval '365 days', 'import'
       FROM generate_series(1, ?::int) i`,
    [J, W, E - W, S, N - S, REQUESTS],
  );
  await k.raw('ANALYZE');
}
