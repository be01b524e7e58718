/**
 * The SQL of resolution, shared by the intake (one point) and batch resolution (a whole table):
 * district, routing rule and nearest address as LATERAL joins over a row alias that provides
 * `jurisdiction_id`, `geom` (4326 point), `at` (report time), `service_id` and `group_code`.
 * One copy of the logic, so an imported request resolves exactly like a reported one.
 *
 * Rules stated once:
 * - District: the version valid at the report time whose subdivided part covers the point
 *   (ST_Intersects, so a point ON a border counts as inside). A point on a border shared by two
 *   districts goes to the LOWEST district code (then lowest id): deterministic, documented.
 * - Routing: a rule matches when its target (service, its group, or any) and its place (its area
 *   polygon, its district, or anywhere) match and it is valid at the report time, and its unit is
 *   active. Most specific wins: target first (service > group > any), then place
 *   (area > district > anywhere), then the highest priority, then the lowest id.
 * - Address: the nearest address point (KNN on the GIST index), with distance in metres.
 *
 * EXPLAIN (server, 100 districts cut into 64-vertex parts, 10,000 rule areas, 1,000,000 addresses):
 * - district: Index Scan using district_parts_geom_gist (ST_Intersects -> && on the index), then
 *   Index Scan on districts_pkey; a handful of parts per point.
 * - rules: the area branch is an Index Scan on routing_rules_area_gist (area && point); the non-area
 *   branch is a Bitmap Index Scan on the same GIST index for `area IS NULL` (a few dozen rows).
 *   No sequential scan of the 10,000 polygons. Units are hashed (50 rows).
 * - address: Index Scan using addresses_geom_gist, Order By (geom <-> point), one row read.
 * Whole resolution statement at 1M requests / 1M addresses: planning ~1.4 ms (hence prepared
 * statements, prepared.ts), execution 0.6-2.8 ms under load, ~0.5 ms p50 unloaded.
 * The same plans after the move to the sql builder (sql.ts): the alias is now a quoted identifier
 * ("t".geom), the text otherwise unchanged (EXPLAIN in bench/pipeline.ts, before and after).
 * Batch: the same plan per row; at 1M rows ~0.3 ms of probes + the UPDATE's index writes per row.
 */

import { sql, type Sql } from '../db/sql';

export const BORDER_RULE = 'a point on a shared border belongs to the district with the lowest code';
export const ADDRESS_NEAR_M = 150;

export function districtLateral(alias: string): Sql {
  const t = sql.ident(alias);
  return sql`LEFT JOIN LATERAL (
    SELECT d.id, d.code, d.name
      FROM district_parts dp JOIN districts d ON d.id = dp.district_id
     WHERE dp.jurisdiction_id = ${t}.jurisdiction_id AND ST_Intersects(dp.geom, ${t}.geom)
       AND d.valid_from <= ${t}.at AND (d.valid_to IS NULL OR d.valid_to > ${t}.at)
     ORDER BY d.code, d.id LIMIT 1) dist ON true`;
}

/** Needs `dist` (the district lateral) before it. */
export function ruleLateral(alias: string): Sql {
  const t = sql.ident(alias);
  const target = sql`(rr.service_id = ${t}.service_id OR rr.service_group = ${t}.group_code OR (rr.service_id IS NULL AND rr.service_group IS NULL))`;
  const valid = sql`(rr.valid_from IS NULL OR rr.valid_from <= ${t}.at) AND (rr.valid_to IS NULL OR rr.valid_to > ${t}.at)`;
  const cols = sql`rr.id, rr.code, rr.description, rr.unit_id, rr.priority,
      (CASE WHEN rr.service_id IS NOT NULL THEN 2 WHEN rr.service_group IS NOT NULL THEN 1 ELSE 0 END) AS target_rank`;
  return sql`LEFT JOIN LATERAL (
    SELECT x.id, x.code, x.description, x.unit_id, u.code AS unit_code, u.name AS unit_name, x.place FROM (
      SELECT ${cols}, 2 AS place_rank, 'area' AS place FROM routing_rules rr
       WHERE rr.area IS NOT NULL AND rr.jurisdiction_id = ${t}.jurisdiction_id AND ST_Intersects(rr.area, ${t}.geom) AND ${target} AND ${valid}
      UNION ALL
      SELECT ${cols}, CASE WHEN rr.district_code IS NULL THEN 0 ELSE 1 END, CASE WHEN rr.district_code IS NULL THEN 'anywhere' ELSE 'district' END FROM routing_rules rr
       WHERE rr.area IS NULL AND rr.jurisdiction_id = ${t}.jurisdiction_id AND ${target} AND ${valid}
         AND (rr.district_code IS NULL OR rr.district_code = dist.code)
    ) x JOIN units u ON u.id = x.unit_id AND u.active
    ORDER BY x.target_rank DESC, x.place_rank DESC, x.priority DESC, x.id LIMIT 1) rule ON true`;
}

export function addressLateral(alias: string): Sql {
  const t = sql.ident(alias);
  return sql`LEFT JOIN LATERAL (
    SELECT a.id, a.source_id, a.street || ' ' || a.house_number AS label, a.postcode,
           ST_Distance(a.geom::geography, ${t}.geom::geography) AS distance_m
      FROM addresses a WHERE a.jurisdiction_id = ${t}.jurisdiction_id
     ORDER BY a.geom <-> ${t}.geom LIMIT 1) addr ON true`;
}

/** Nearest street line, only computed when no address point is within ADDRESS_NEAR_M. */
export function streetLateral(alias: string): Sql {
  const t = sql.ident(alias);
  return sql`LEFT JOIN LATERAL (
    SELECT s.prefix || ' ' || s.name AS label, ST_Distance(s.geom::geography, ${t}.geom::geography) AS distance_m
      FROM streets s WHERE s.jurisdiction_id = ${t}.jurisdiction_id AND s.geom IS NOT NULL
       AND (addr.id IS NULL OR addr.distance_m > ${sql.int(ADDRESS_NEAR_M)})
     ORDER BY s.geom <-> ${t}.geom LIMIT 1) street ON true`;
}
