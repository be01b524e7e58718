/**
 * The SQL of resolution, shared by the intake (one point) and batch resolution (a whole table):
 * district, routing rule and nearest address as LATERAL joins over a row alias that provides
 * `jurisdiction_id`, `geom` (4326 point), `at` (report time), `service_id` and `group_code`.
 * One copy of the logic, so an imported request resolves exactly like a reported one.
 *
 * Rules stated once:
 * - District: the version valid at the report time whose subdivided part covers the point
 *   (ST_Intersects, so a point ON a border counts as inside). A point in several districts (an
 *   overlap, or on a shared border) goes by OVERLAP_RULES (priority, smaller, code); a point in no
 *   district but inside the city outline goes to the nearest district within the city's
 *   `resolution.nearest_district_m` (see districtLateral).
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

export const ADDRESS_NEAR_M = 150;
/** How many district parts, nearest by degrees (KNN on the index), are measured in metres to find the nearest district. */
const NEAREST_PARTS = 8;

/**
 * A point in several districts (an overlap, or exactly on a shared border): which rule decided,
 * as the reason says it. Order: the higher `priority` (city.json districts.priority_property),
 * then the smaller polygon (`area_m2`), then the first code in numeric-aware order ("2" < "10").
 */
export const OVERLAP_RULES = {
  priority: 'the higher priority wins',
  smaller: 'the smaller district wins',
  code: 'the first code in numeric order wins',
} as const;
export type OverlapRule = keyof typeof OVERLAP_RULES;

/** The codes of a numeric-aware order as a text[]: digit runs padded to 40 places ("B7" -> {B, 000…7}). */
export const codeKeySql = (column: Sql) =>
  sql`ARRAY(SELECT CASE WHEN m[1] ~ '^[0-9]' THEN lpad(m[1], 40, '0') ELSE m[1] END FROM regexp_matches(${column}, '[0-9]+|[^0-9]+', 'g') AS m)`;

/**
 * The district of a point, as `dist` (id, code, name, via, distance_m, others, other_codes, decided_by).
 * The row alias must also provide `nearest_m` (city setting resolution.nearest_district_m).
 *
 * 1. `via = 'polygon'`: the districts whose parts cover the point; one wins by OVERLAP_RULES, the
 *    others are listed (names and codes, in rule order) with the rule that decided.
 * 2. Only when no district covers the point (UNION ALL under LIMIT 1: the second branch is not
 *    run once the first gave a row) and the point is inside the jurisdiction's boundary:
 *    `via = 'nearest'`, the nearest district within `nearest_m` metres. The 8 nearest parts by
 *    KNN (degrees) are measured on the geography; the nearest in metres among them wins.
 *
 * EXPLAIN ANALYZE (server; the Testowo fixture plus 100 districts cut into 64-vertex parts):
 * - point in a district: Index Scan using district_parts_geom_gist (geom && point, then
 *   st_intersects) -> Index Scan using districts_pkey; Unique + Sort + WindowAgg over the 1-3 hits
 *   (the code key's regexp runs once per hit). Branch 2 shows "never executed". 0.3 ms.
 * - point in a gap: branch 1 finds nothing on the same index; branch 2 is an InitPlan on
 *   jurisdictions (boundary test, one row) gating an Index Scan using district_parts_geom_gist
 *   with Order By (geom <-> point), Memoize + districts_pkey, stopped by the Limit of 8.
 * No sequential scan in either branch; the resolve statement's other laterals are unchanged.
 */
export function districtLateral(alias: string): Sql {
  const t = sql.ident(alias);
  const current = sql`d.valid_from <= ${t}.at AND (d.valid_to IS NULL OR d.valid_to > ${t}.at)`;
  return sql`LEFT JOIN LATERAL ((
    SELECT h.id, h.code, h.name, 'polygon'::text AS via, 0::float8 AS distance_m,
           h.others, h.other_codes,
           CASE WHEN cardinality(h.others) = 0 THEN NULL WHEN h.priority IS DISTINCT FROM h.next_priority THEN 'priority'
                WHEN h.area_m2 IS DISTINCT FROM h.next_area THEN 'smaller' ELSE 'code' END AS decided_by
      FROM (SELECT c.id, c.code, c.name, c.priority, c.area_m2, row_number() OVER w AS rn,
                   lead(c.priority) OVER w AS next_priority, lead(c.area_m2) OVER w AS next_area,
                   (array_agg(c.name) OVER wf)[2:] AS others, (array_agg(c.code) OVER wf)[2:] AS other_codes
              FROM (SELECT DISTINCT d.id, d.code, d.name, d.priority, d.area_m2, ${codeKeySql(sql`d.code`)} AS code_key
                      FROM district_parts dp JOIN districts d ON d.id = dp.district_id
                     WHERE dp.jurisdiction_id = ${t}.jurisdiction_id AND ST_Intersects(dp.geom, ${t}.geom) AND ${current}) c
            WINDOW w AS (ORDER BY c.priority DESC NULLS LAST, c.area_m2 NULLS LAST, c.code_key, c.id),
                   wf AS (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) h
     WHERE h.rn = 1
    ) UNION ALL (
    SELECT n.id, n.code, n.name, 'nearest'::text, n.distance_m, NULL::text[], NULL::text[], NULL::text
      FROM (SELECT d.id, d.code, d.name, ST_Distance(dp.geom::geography, ${t}.geom::geography) AS distance_m
              FROM district_parts dp JOIN districts d ON d.id = dp.district_id
             WHERE dp.jurisdiction_id = ${t}.jurisdiction_id AND ${current}
             ORDER BY dp.geom <-> ${t}.geom LIMIT ${sql.int(NEAREST_PARTS)}) n
     WHERE n.distance_m <= ${t}.nearest_m
       AND EXISTS (SELECT 1 FROM jurisdictions jb WHERE jb.id = ${t}.jurisdiction_id AND ST_Intersects(jb.boundary, ${t}.geom))
     ORDER BY n.distance_m, n.id LIMIT 1)
    LIMIT 1) dist ON true`;
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
