/**
 * SQL builders of the public map: small pure functions returning `Sql` fragments (api/db/sql.ts;
 * no input can reach SQL text). Identifiers are constants; every value is bound. Only public columns
 * (public_geom, status, service) are read: nothing here can reach personal data.
 *
 * EXPLAIN findings (PostgreSQL 15, 1,000,000 requests, 3.6 M map_cells rows, bench/map.ts):
 * - clusters without a date filter: Index Scan on map_cells_total_pkey, index condition
 *   `level = $1 AND cx = ANY(...) AND cy BETWEEN`; whole city at zoom 10 reads 4,826 rows in 4 ms,
 *   a street at zoom 16 683 rows in 0.8 ms;
 * - date filters: whole months the same way from map_cells; the partial months at the ends from
 *   requests through requests_map_time (a 3-week edge over the whole city: 29,000 rows, ~60 ms);
 * - points (zoom 17+): Bitmap Index Scan on requests_public_geom_gist with the envelope in EPSG:4326
 *   (the column's SRID, so the index applies): 411 rows in 4.3 ms.
 * The move to the sql builder (api/db/sql.ts) kept the statements and so the plans: EXPLAIN before and
 * after on the server engine with 20,000 requests (clusters at zoom 14, points), the same plan.
 */
import { sql, type Sql } from '../db/sql';
import type { CellRange } from './grid';

export interface ResolvedFilter {
  /** null: every service; [] matches nothing (e.g. an unknown group). */
  serviceIds: number[] | null;
  districtIds: number[] | null;
  status?: 'open' | 'closed';
  from?: Date;
  to?: Date;
}

export type { Sql };

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** WHERE fragments shared by map_cells and requests (`alias` a constant: 'c' or 'r'). */
function dimensions(filter: ResolvedFilter, alias: 'c' | 'r'): Sql {
  const a = sql.ident(alias);
  const parts: Sql[] = [];
  if (filter.serviceIds) parts.push(filter.serviceIds.length === 0 ? sql`false` : sql`${a}.service_id IN (${sql.join(filter.serviceIds, ',')})`);
  if (filter.districtIds) parts.push(filter.districtIds.length === 0 ? sql`false` : sql`${a}.district_id IN (${sql.join(filter.districtIds, ',')})`);
  if (filter.status) parts.push(sql`${a}.status = ${filter.status}`);
  return sql.join(
    parts.map((p) => sql` AND ${p}`),
    '',
  );
}

/**
 * The cell columns of a viewport. Listed one by one (`cx IN (...)`), the primary key is read as one
 * short range of cy per column; as `cx BETWEEN`, cy only filters, and a street-level view read every
 * cell of its columns from the top of the city to the bottom (EXPLAIN at zoom 16, 1,000,000
 * requests: 0.8 ms against 8.5 ms).
 */
function cellColumns(range: CellRange): Sql {
  const n = range.maxCx - range.minCx + 1;
  if (n > 64) return sql`c.cx BETWEEN ${range.minCx} AND ${range.maxCx}`;
  const list = Array.from({ length: n }, (_, i) => range.minCx + i);
  return sql`c.cx IN (${sql.join(list, ',')})`;
}

/**
 * Pre-aggregated cells of whole months (map_cells), or of all time (map_cells_total, a month
 * dimension fewer: 24 times fewer rows per viewport over two years) when `months` is absent.
 */
export function cellsFromAggregates(range: CellRange, filter: ResolvedFilter, months?: [Date, Date]): Sql {
  const monthSql = months ? sql` AND c.month >= ${isoDay(months[0])}::date AND c.month < ${isoDay(months[1])}::date` : sql.empty;
  return sql`SELECT c.cx, c.cy, sum(c.n) AS n, sum(c.sum_x) AS sx, sum(c.sum_y) AS sy
            FROM ${months ? sql`map_cells` : sql`map_cells_total`} c
           WHERE c.level = ${range.level} AND ${cellColumns(range)} AND c.cy BETWEEN ${range.minCy} AND ${range.maxCy}${dimensions(filter, 'c')}${monthSql}
           GROUP BY c.cx, c.cy`;
}

/**
 * Spherical Mercator by arithmetic: ten times cheaper per row than ST_Transform through PROJ
 * (bench/map.ts: 29,000 rows of a partial month, 62 ms against 563 ms), and equal to it to well
 * under a millimetre, which cannot matter for a cell of 150 m or more.
 */
const MERCATOR_X = sql`public.ST_X(r.public_geom) * 111319.49079327357`;
const MERCATOR_Y = sql`ln(tan(pi() / 4 + radians(public.ST_Y(r.public_geom)) / 2)) * 6378137`;

function period(from?: Date, to?: Date): Sql {
  return sql`${from ? sql` AND r.requested_at >= ${from}` : sql.empty}${to ? sql` AND r.requested_at < ${to}` : sql.empty}`;
}

const envelope = (bbox: [number, number, number, number]) => sql`public.ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326)`;

/** Cells computed from raw requests reported in [from, to): the partial months of a date range. */
export function cellsFromRequests(range: CellRange, bbox: [number, number, number, number], filter: ResolvedFilter, from?: Date, to?: Date): Sql {
  return sql`SELECT floor(p.x / ${range.size})::int AS cx, floor(p.y / ${range.size})::int AS cy, count(*) AS n, sum(p.x) AS sx, sum(p.y) AS sy
            FROM (SELECT ${MERCATOR_X} AS x, ${MERCATOR_Y} AS y
                    FROM requests r
                   WHERE r.public_geom && ${envelope(bbox)}
                     AND r.duplicate_of_id IS NULL${dimensions(filter, 'r')}${period(from, to)}) p
           GROUP BY 1, 2`;
}

/** Sums any number of cell sources into one row per cell. */
export function unionCells(parts: Sql[]): Sql {
  return sql`SELECT u.cx, u.cy, sum(u.n)::int AS n, sum(u.sx) / sum(u.n) AS x, sum(u.sy) / sum(u.n) AS y
            FROM (${sql.join(parts, ' UNION ALL ')}) u
           GROUP BY u.cx, u.cy HAVING sum(u.n) > 0`;
}

/** Individual public requests in a box, newest first. */
export function pointsInBox(bbox: [number, number, number, number], filter: ResolvedFilter, limit: number): Sql {
  return sql`SELECT r.public_id, s.code AS service_code, s.group_code, r.status, s.privacy, s.fuzz_radius_m,
                 public.ST_X(r.public_geom) AS lon, public.ST_Y(r.public_geom) AS lat
            FROM requests r JOIN services s ON s.id = r.service_id
           WHERE r.public_geom && ${envelope(bbox)}
             AND r.duplicate_of_id IS NULL${dimensions(filter, 'r')}${period(filter.from, filter.to)}
           ORDER BY r.requested_at DESC
           LIMIT ${limit}`;
}

/** Fills map_cells_total from map_cells (after rebuildLevel has run for every level). */
export const rebuildTotals: Sql = sql`INSERT INTO map_cells_total (level, cx, cy, service_id, district_id, status, n, sum_x, sum_y)
        SELECT level, cx, cy, service_id, district_id, status, sum(n), sum(sum_x), sum(sum_y) FROM map_cells GROUP BY 1, 2, 3, 4, 5, 6`;

/** Rebuilds one level of map_cells from requests in one statement (bulk loads, repairs). */
export function rebuildLevel(level: number, size: number): Sql {
  return sql`INSERT INTO map_cells (level, cx, cy, service_id, district_id, status, month, n, sum_x, sum_y)
          SELECT ${level}, floor(p.x / ${size})::int, floor(p.y / ${size})::int, p.service_id, p.district_id, p.status, p.month, count(*), sum(p.x), sum(p.y)
            FROM (SELECT public.ST_X(m.g) AS x, public.ST_Y(m.g) AS y, m.service_id, m.district_id, m.status, m.month
                    FROM (SELECT public.ST_Transform(r.public_geom, 3857) AS g, r.service_id, coalesce(r.district_id, 0) AS district_id, r.status,
                                 date_trunc('month', r.requested_at AT TIME ZONE 'UTC')::date AS month
                            FROM requests r
                           WHERE r.public_geom IS NOT NULL AND r.duplicate_of_id IS NULL) m) p
           GROUP BY 2, 3, 4, 5, 6, 7`;
}
