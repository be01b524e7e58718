/**
 * Reads of the public map behind an interface, so mapView (view.ts) depends on what it reads, not on SQL: the PostGIS store here serves
 * both engines with the same SQL. Clusters come from the pre-aggregated `map_cells` (see the
 * migration for why), individual requests from `requests.public_geom` only.
 */
import type { Knex } from 'knex';
import { query } from '../db/query';
import { sql } from '../db/sql';
import type { MapFilterInput } from './filters';
import { cellRange, LEVEL_MAX, LEVEL_MIN, cellSize, splitMonths, toLonLat } from './grid';
import { cellsFromAggregates, cellsFromRequests, pointsInBox, rebuildLevel, rebuildTotals, ResolvedFilter, unionCells, Sql } from './sql';

export interface Cluster {
  lon: number;
  lat: number;
  count: number;
}

export interface MapPoint {
  id: string;
  serviceCode: string;
  group: string | null;
  status: string;
  lon: number;
  lat: number;
  /** Set for fuzzed (sensitive) services: the point is only somewhere within this many metres. */
  approximateM?: number;
}

export interface MapStore {
  resolveFilter(input: MapFilterInput): Promise<ResolvedFilter>;
  clusters(bbox: [number, number, number, number], zoom: number, filter: ResolvedFilter): Promise<Cluster[]>;
  points(bbox: [number, number, number, number], filter: ResolvedFilter, limit: number): Promise<MapPoint[]>;
}

export function postgisMapStore(knex: Knex): MapStore {
  return {
    async resolveFilter(input) {
      let serviceIds: number[] | null = null;
      if (input.groups || input.services) {
        const conds: Sql[] = [];
        if (input.groups) conds.push(sql`group_code = ANY(${input.groups}::text[])`);
        if (input.services) conds.push(sql`code = ANY(${input.services}::text[])`);
        serviceIds = (await query<{ id: number }>(knex, sql`SELECT id FROM services WHERE ${sql.join(conds, ' AND ')}`)).map((r) => Number(r.id));
      }
      let districtIds: number[] | null = null;
      if (input.districts) {
        // Every version of the district: requests keep the version they were reported in.
        districtIds = (await query<{ id: number }>(knex, sql`SELECT id FROM districts WHERE code = ANY(${input.districts}::text[])`)).map((r) => Number(r.id));
      }
      return { serviceIds, districtIds, status: input.status, from: input.from, to: input.to };
    },

    async clusters(bbox, zoom, filter) {
      const level = Math.min(LEVEL_MAX, Math.max(LEVEL_MIN, Math.floor(zoom)));
      const range = cellRange(bbox, level);
      const { months, edges } = splitMonths(filter.from, filter.to);
      const parts: Sql[] = [];
      if (months || edges.length === 0) parts.push(cellsFromAggregates(range, filter, months));
      for (const [from, to] of edges) parts.push(cellsFromRequests(range, bbox, filter, from, to));
      const found = await query<{ n: number; x: number; y: number }>(knex, unionCells(parts));
      return found.map((c) => {
        const [lon, lat] = toLonLat(c.x, c.y);
        return { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6, count: Number(c.n) };
      });
    },

    async points(bbox, filter, limit) {
      const found = await query<{
        public_id: string;
        service_code: string;
        group_code: string | null;
        status: string;
        privacy: string;
        fuzz_radius_m: number;
        lon: number;
        lat: number;
      }>(knex, pointsInBox(bbox, filter, limit));
      return found.map((r) => ({
        id: r.public_id,
        serviceCode: r.service_code,
        group: r.group_code,
        status: r.status,
        lon: r.lon,
        lat: r.lat,
        ...(r.privacy === 'fuzzed' ? { approximateM: Math.max(50, r.fuzz_radius_m) } : {}),
      }));
    },
  };
}

/** Recomputes map_cells from requests (after a bulk load with the trigger disabled). */
export async function rebuildMapCells(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await query(trx, sql`DELETE FROM map_cells`);
    await query(trx, sql`DELETE FROM map_cells_total`);
    for (let level = LEVEL_MIN; level <= LEVEL_MAX; level++) await query(trx, rebuildLevel(level, cellSize(level)));
    await query(trx, rebuildTotals);
  });
}

/**
 * Runs a bulk load of requests with the map-cell trigger off, then recounts every cell once.
 * Counting row by row costs 18 small upserts per request (9 levels, 2 tables); one set-based
 * recount is far cheaper for a whole history. The recount covers every jurisdiction, so use this
 * for loads into an empty or small database (the demo), not for a routine import into a big city.
 */
export async function withMapCellsRecounted<T>(knex: Knex, load: () => Promise<T>): Promise<T> {
  await query(knex, sql`ALTER TABLE requests DISABLE TRIGGER requests_map_cells`);
  try {
    return await load();
  } finally {
    await query(knex, sql`ALTER TABLE requests ENABLE TRIGGER requests_map_cells`);
    await rebuildMapCells(knex);
  }
}
