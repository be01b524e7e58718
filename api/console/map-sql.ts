/**
 * SQL of the console map (issue #5 item 6): the city's own layers by extent, so the map works
 * offline. Staff see every request, private ones included, at its exact point (the public map in
 * api/map/ shows only public_geom). Pure builders: values bound, identifiers constant.
 *
 * `requestClusters` groups requests live on a grid in degrees whose cell is ~64 px at the zoom
 * asked for; from CLUSTER_UNTIL_ZOOM on, single points are returned (capped).
 * EXPLAIN ANALYZE (server, 100,000 requests in view, zoom 12): Seq Scan on requests, then a Sort
 * (external merge, 8 MB) and GroupAggregate: 450 ms. Too slow for every request in view, so
 * api/console/map.ts uses it only for the few requests the public map's pre-aggregated cells do
 * not hold (private services); everything else comes from map_cells.
 */
import type { Knex } from 'knex';

export type Bbox = [number, number, number, number];

export interface Sql {
  sql: string;
  bindings: Knex.RawBinding[];
}

export interface RequestFilter {
  jurisdictionId: string;
  serviceCodes?: string[];
  status?: 'open' | 'closed';
  /** Only requests opened in the last N days. */
  maxAgeDays?: number;
  districtCode?: string;
  /** Only requests the public map does not show (private services, or not yet resolved). */
  notPublic?: boolean;
  now?: Date;
}

/** From this zoom on (web-mercator levels) the map shows single requests instead of clusters. */
export const CLUSTER_UNTIL_ZOOM = 16;
export const MAX_POINTS = 2000;

/** Grid cell in degrees for a zoom: 64 px of a 256 px tile. */
export const cellDegrees = (zoom: number) => (360 / 2 ** Math.max(0, Math.min(22, zoom))) * (64 / 256);

function requestWhere(bbox: Bbox, f: RequestFilter): { where: string; bindings: Knex.RawBinding[] } {
  const parts = ['r.jurisdiction_id = ?', 'r.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)', 'r.duplicate_of_id IS NULL'];
  const bindings: Knex.RawBinding[] = [f.jurisdictionId, ...bbox];
  if (f.serviceCodes?.length) {
    parts.push(`s.code IN (${f.serviceCodes.map(() => '?').join(', ')})`);
    bindings.push(...f.serviceCodes);
  }
  if (f.status) {
    parts.push('r.status = ?');
    bindings.push(f.status);
  }
  if (f.maxAgeDays !== undefined) {
    parts.push('r.requested_at >= ?');
    bindings.push(new Date((f.now ?? new Date()).getTime() - f.maxAgeDays * 86_400_000));
  }
  if (f.districtCode) {
    parts.push('d.code = ?');
    bindings.push(f.districtCode);
  }
  if (f.notPublic) parts.push('r.public_geom IS NULL');
  return { where: parts.join(' AND '), bindings };
}

const FROM = `requests r JOIN services s ON s.id = r.service_id LEFT JOIN districts d ON d.id = r.district_id`;

/** Clusters: count, centre, and the request id when a cell holds exactly one. */
export function requestClusters(bbox: Bbox, f: RequestFilter, zoom: number): Sql {
  const cell = cellDegrees(zoom);
  const { where, bindings } = requestWhere(bbox, f);
  return {
    sql: `SELECT count(*)::int AS n, avg(ST_X(r.geom)) AS long, avg(ST_Y(r.geom)) AS lat,
                 CASE WHEN count(*) = 1 THEN min(r.public_id) END AS public_id,
                 CASE WHEN count(*) = 1 THEN min(s.code) END AS service_code,
                 CASE WHEN count(*) = 1 THEN min(r.status) END AS status,
                 count(*) FILTER (WHERE r.status = 'open')::int AS open
            FROM ${FROM}
           WHERE ${where}
           GROUP BY floor(ST_X(r.geom) / ?), floor(ST_Y(r.geom) / ?)`,
    bindings: [...bindings, cell, cell],
  };
}

export function requestPoints(bbox: Bbox, f: RequestFilter, limit = MAX_POINTS): Sql {
  const { where, bindings } = requestWhere(bbox, f);
  return {
    sql: `SELECT r.public_id, r.status, r.detailed_status, s.code AS service_code, s.name_pl AS service_name_pl, s.name_en AS service_name_en,
                 s.privacy, r.requested_at, r.reporter_count, r.address, ST_X(r.geom) AS long, ST_Y(r.geom) AS lat
            FROM ${FROM}
           WHERE ${where}
           ORDER BY r.requested_at DESC
           LIMIT ?`,
    bindings: [...bindings, limit + 1],
  };
}

/** Current districts crossing the view, simplified to about a pixel at this zoom. */
export function districtsInBox(jurisdictionId: string, bbox: Bbox, zoom: number): Sql {
  return {
    sql: `SELECT code, name, name_en, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, ?), 6) AS geometry
            FROM districts
           WHERE jurisdiction_id = ? AND valid_to IS NULL AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)
           ORDER BY code`,
    bindings: [cellDegrees(zoom) / 64, jurisdictionId, ...bbox],
  };
}

/** Address points with their labels (only asked for when zoomed in: there are many). */
export function addressesInBox(jurisdictionId: string, bbox: Bbox, limit: number): Sql {
  return {
    sql: `SELECT id, street || ' ' || house_number AS label, ST_X(geom) AS long, ST_Y(geom) AS lat
            FROM addresses
           WHERE jurisdiction_id = ? AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)
           LIMIT ?`,
    bindings: [jurisdictionId, ...bbox, limit],
  };
}

/** Streets are drawn from this zoom on (about a district in view). */
export const STREETS_FROM_ZOOM = 14;

/** Street centre lines crossing the view, simplified to about a pixel; streets without a line are skipped. */
export function streetsInBox(jurisdictionId: string, bbox: Bbox, zoom: number, limit: number): Sql {
  return {
    sql: `SELECT id, prefix || ' ' || name AS label, ST_AsGeoJSON(ST_Simplify(geom, ?), 6) AS geometry
            FROM streets
           WHERE jurisdiction_id = ? AND geom IS NOT NULL AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)
           LIMIT ?`,
    bindings: [cellDegrees(zoom) / 64, jurisdictionId, ...bbox, limit],
  };
}
