/**
 * Batch resolution (issue #4 §5) for imported historical requests: every request of the
 * jurisdiction with a point and no district yet gets its district (valid at requested_at), unit
 * (routing rules), nearest address, public point, reasons and SLA dates. (No public description:
 * public text is scrubbed when it is read, api/privacy/public-text.ts.)
 *
 * Set-based: per chunk of ids, one SELECT of the ids, the SLA dates computed in JS (calendar
 * arithmetic), and ONE UPDATE ... FROM (laterals) writing everything. Chunks (by id range) keep memory flat on the embedded engine and let a long import
 * show progress; there is never a query per row. The same laterals as the intake
 * (`resolve-sql.ts`), so an imported request resolves exactly like a reported one.
 *
 * The district follows the intake's rule (resolve-sql.ts districtLateral): overlaps by priority,
 * smaller polygon, then code order; a point in a gap inside the city outline gets the nearest
 * district within the city's resolution.nearest_district_m. `resolution.district` records how.
 * Requests whose point lies outside every district keep district_id NULL (their reasons say why);
 * a later run looks at them again, which is what one wants after a district import.
 */
import type { Database } from '../db/engine';
import { query, queryOne } from '../db/query';
import { sql } from '../db/sql';
import { publicGeomSql } from '../privacy/fuzz';
import { addressLateral, districtLateral, ruleLateral, streetLateral, ADDRESS_NEAR_M } from './resolve-sql';
import { reasonsSql } from './reasons';
import { deadlineArrays, loadCalendar, loadServiceSla } from './sla-batch';
import { nearestDistrictM } from './intake-context';

export interface BatchOptions {
  jurisdictionId: string;
  /** Ids per chunk; default 50,000. */
  chunkSize?: number;
  onProgress?: (done: number) => void;
  /** Chunks run at once on the server engine (default 2; the embedded engine has one session). */
  parallel?: number;
}

export interface BatchResult {
  resolved: number;
  ms: number;
  /** Of `ms`, summed over parallel chunks: the resolution UPDATEs (SQL, including row triggers on requests). */
  sqlMs: number;
  /** Of `ms`: reading the chunk's ids and the SLA calendar arithmetic in JS. */
  slaMs: number;
}

export async function resolveBatch(db: Database, options: BatchOptions): Promise<BatchResult> {
  const started = performance.now();
  const { knex } = db;
  const j = options.jurisdictionId;
  const chunk = options.chunkSize ?? 50_000;
  const range = (await queryOne<{ lo: number | null; hi: number | null }>(
    db,
    sql`SELECT min(id) AS lo, max(id) AS hi FROM requests WHERE jurisdiction_id = ${j} AND district_id IS NULL AND geom IS NOT NULL`,
  ))!;
  if (range.lo == null || range.hi == null) return { resolved: 0, ms: performance.now() - started, sqlMs: 0, slaMs: 0 };
  const cal = await loadCalendar(knex, j);
  const settings = await queryOne<{ settings: unknown }>(db, sql`SELECT settings FROM jurisdictions WHERE id = ${j}`);
  const nearestM = nearestDistrictM(settings?.settings);
  const services = await loadServiceSla(knex, j);
  // The ids of a chunk drive the statement (with their SLA dates, computed in JS beforehand), so each
  // request is written ONCE: every UPDATE of a request rewrites all its index entries.
  // publicGeomSql builds its text from the constant column names given here.
  const pub = sql.raw(publicGeomSql('t.geom', 't.privacy', 't.fuzz_radius_m') as 'public_geom');
  const near = sql.int(ADDRESS_NEAR_M);
  const update = (ids: number[], resp: Array<number | null>, exp: Array<number | null>) => sql`
    WITH t AS (
      SELECT r.id, r.jurisdiction_id, r.geom, r.requested_at AS at, r.service_id, s.group_code, s.privacy, s.fuzz_radius_m,
             to_timestamp(v.resp / 1000.0) AS response_due_at, to_timestamp(v.exp / 1000.0) AS expected_at, ${nearestM}::float8 AS nearest_m
        FROM unnest(${ids}::bigint[], ${resp}::float8[], ${exp}::float8[]) AS v(id, resp, exp)
        JOIN requests r ON r.id = v.id JOIN services s ON s.id = r.service_id
    ), res AS (
      SELECT t.id, t.response_due_at, t.expected_at, dist.id AS district_id, rule.id AS rule_id, rule.unit_id,
             CASE WHEN addr.distance_m <= ${near} THEN addr.id END AS address_id,
             CASE WHEN addr.distance_m <= ${near} THEN addr.label ELSE street.label END AS address,
             CASE WHEN addr.distance_m <= ${near} THEN addr.postcode END AS postcode,
             ${pub} AS public_geom,
             jsonb_build_object('reasons', ${reasonsSql(ADDRESS_NEAR_M)}, 'batch', true,
               'district', CASE WHEN dist.id IS NOT NULL THEN jsonb_strip_nulls(jsonb_build_object('id', dist.id, 'code', dist.code, 'name', dist.name, 'via', dist.via,
                 'distanceM', CASE WHEN dist.via = 'nearest' THEN round(dist.distance_m) END,
                 'others', CASE WHEN cardinality(dist.others) > 0 THEN (SELECT jsonb_agg(jsonb_build_object('code', o.code, 'name', o.name) ORDER BY o.n)
                   FROM unnest(dist.other_codes, dist.others) WITH ORDINALITY AS o(code, name, n)) END,
                 'decidedBy', dist.decided_by)) END) AS resolution
        FROM t ${districtLateral('t')} ${ruleLateral('t')} ${addressLateral('t')} ${streetLateral('t')}
    )
    UPDATE requests r SET
      district_id = res.district_id, unit_id = coalesce(r.unit_id, res.unit_id), routing_rule_id = coalesce(r.routing_rule_id, res.rule_id),
      address_id = coalesce(r.address_id, res.address_id), address = coalesce(r.address, res.address), postcode = coalesce(r.postcode, res.postcode),
      public_geom = res.public_geom,
      resolution = r.resolution || res.resolution,
      response_due_at = coalesce(r.response_due_at, res.response_due_at), expected_at = coalesce(r.expected_at, res.expected_at)
      FROM res WHERE r.id = res.id`;
  let resolved = 0;
  let sqlMs = 0;
  let slaMs = 0;
  const runChunk = async (lo: number, hi: number) => {
    const t0 = performance.now();
    const rows = await query<{ id: number; service_id: number; requested_at: Date }>(
      db,
      sql`SELECT id, service_id, requested_at FROM requests WHERE jurisdiction_id = ${j} AND district_id IS NULL AND geom IS NOT NULL AND id BETWEEN ${lo} AND ${hi}`,
    );
    if (rows.length === 0) return;
    const sla = deadlineArrays(cal, services, rows);
    const t1 = performance.now();
    await knex.transaction(async (trx) => {
      // The planner's row estimates for the laterals are large enough to trigger JIT compilation,
      // which costs seconds per chunk and saves nothing here (measured: 5 s of a 13 s chunk).
      // (PGlite is built without JIT; the setting exists there too and changes nothing.)
      await query(trx, sql`SET LOCAL jit = off`);
      await query(trx, update(sla.ids, sla.resp, sla.exp));
    });
    slaMs += t1 - t0;
    sqlMs += performance.now() - t1;
    resolved += rows.length;
    options.onProgress?.(resolved);
  };
  // Chunks are disjoint id ranges, so several can run at once on the server engine's pool.
  const parallel = db.capabilities.concurrentConnections ? Math.max(1, options.parallel ?? 2) : 1;
  let next = range.lo;
  const hiAll = range.hi;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next <= hiAll) {
        const lo = next;
        next += chunk;
        await runChunk(lo, Math.min(hiAll, lo + chunk - 1));
      }
    }),
  );
  return { resolved, ms: performance.now() - started, sqlMs, slaMs };
}
