/**
 * Batch resolution (issue #4 §5) for imported historical requests: every request of the
 * jurisdiction with a point and no district yet gets its district (valid at requested_at), unit
 * (routing rules), nearest address, public point and public description, reasons and SLA dates.
 *
 * Set-based: one UPDATE ... FROM (laterals) per chunk of ids, then one UPDATE for the SLA dates of
 * that chunk. Chunks (by id range) keep memory flat on the embedded engine and let a long import
 * show progress; there is never a query per row. The same laterals as the intake
 * (`resolve-sql.ts`), so an imported request resolves exactly like a reported one.
 *
 * Requests whose point lies outside every district keep district_id NULL (their reasons say why);
 * a later run looks at them again, which is what one wants after a district import.
 */
import type { Database } from '../db/engine';
import { scrubSql } from '../privacy/scrub';
import { publicGeomSql } from '../privacy/fuzz';
import { addressLateral, districtLateral, ruleLateral, streetLateral, ADDRESS_NEAR_M } from './resolve-sql';
import { reasonsSql } from './reasons';
import { loadCalendar, loadServiceSla, writeDeadlines } from './sla-batch';

export interface BatchOptions {
  jurisdictionId: string;
  /** Ids per chunk; default 50,000. */
  chunkSize?: number;
  onProgress?: (done: number) => void;
}

export async function resolveBatch(db: Database, options: BatchOptions): Promise<{ resolved: number; ms: number }> {
  const started = performance.now();
  const { knex } = db;
  const j = options.jurisdictionId;
  const chunk = options.chunkSize ?? 50_000;
  const range = (await knex.raw(
    `SELECT min(id) AS lo, max(id) AS hi FROM requests WHERE jurisdiction_id = ? AND district_id IS NULL AND geom IS NOT NULL`, [j],
  )).rows[0] as { lo: number | null; hi: number | null };
  if (range.lo == null || range.hi == null) return { resolved: 0, ms: performance.now() - started };
  const cal = await loadCalendar(knex, j);
  const services = await loadServiceSla(knex, j);
  const sql = `
    WITH t AS (
      SELECT r.id, r.jurisdiction_id, r.geom, r.requested_at AS at, r.service_id, s.group_code, s.privacy, s.fuzz_radius_m
        FROM requests r JOIN services s ON s.id = r.service_id
       WHERE r.jurisdiction_id = ? AND r.district_id IS NULL AND r.geom IS NOT NULL AND r.id BETWEEN ? AND ?
    ), res AS (
      SELECT t.id, dist.id AS district_id, rule.id AS rule_id, rule.unit_id,
             CASE WHEN addr.distance_m <= ${ADDRESS_NEAR_M} THEN addr.id END AS address_id,
             CASE WHEN addr.distance_m <= ${ADDRESS_NEAR_M} THEN addr.label ELSE street.label END AS address,
             CASE WHEN addr.distance_m <= ${ADDRESS_NEAR_M} THEN addr.postcode END AS postcode,
             ${publicGeomSql('t.geom', 't.privacy', 't.fuzz_radius_m')} AS public_geom,
             jsonb_build_object('reasons', ${reasonsSql(ADDRESS_NEAR_M)}, 'batch', true) AS resolution
        FROM t ${districtLateral('t')} ${ruleLateral('t')} ${addressLateral('t')} ${streetLateral('t')}
    )
    UPDATE requests r SET
      district_id = res.district_id, unit_id = coalesce(r.unit_id, res.unit_id), routing_rule_id = coalesce(r.routing_rule_id, res.rule_id),
      address_id = coalesce(r.address_id, res.address_id), address = coalesce(r.address, res.address), postcode = coalesce(r.postcode, res.postcode),
      public_geom = res.public_geom,
      public_description = coalesce(r.public_description, ${scrubSql('r.description')}),
      resolution = r.resolution || res.resolution
      FROM res WHERE r.id = res.id
    RETURNING r.id, r.service_id, r.requested_at`;
  let resolved = 0;
  for (let lo = range.lo; lo <= range.hi; lo += chunk) {
    const hi = Math.min(range.hi, lo + chunk - 1);
    const rows = (await knex.raw(sql, [j, lo, hi])).rows as Array<{ id: number; service_id: number; requested_at: Date }>;
    await writeDeadlines(knex, cal, services, rows);
    resolved += rows.length;
    options.onProgress?.(resolved);
  }
  return { resolved, ms: performance.now() - started };
}
