/**
 * The console map's request layer. Zoomed out, clusters of PUBLIC requests come from the public
 * map's pre-aggregated `map_cells` (api/map, kept by a trigger): summing a few hundred cell rows
 * instead of grouping every point in view. Grouping 100,000 points live took 450-750 ms on the
 * server engine (bench/console.ts: Seq Scan + external-merge Sort of every row), far from "fluid".
 * Staff also see requests that are not on the public map (private services: public_geom NULL);
 * those are few and are clustered live from `requests` and added to the answer.
 * Clusters of fuzzed services sit at their public (approximate) point, which is within one cell
 * at cluster zooms; from CLUSTER_UNTIL_ZOOM on, every request is drawn at its exact point.
 */
import type { Knex } from 'knex';
import { postgisMapStore } from '../map/store';
import type { ResolvedFilter } from '../map/sql';
import { requestClusters, requestPoints, CLUSTER_UNTIL_ZOOM, MAX_POINTS, type Bbox, type RequestFilter } from './map-sql';

type Feature = { type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: Record<string, unknown> };
const feature = (lat: number, long: number, properties: Record<string, unknown>): Feature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [long, lat] },
  properties,
});

async function resolveFilter(knex: Knex, f: RequestFilter): Promise<ResolvedFilter> {
  const serviceIds = f.serviceCodes?.length
    ? (await knex('services').where({ jurisdiction_id: f.jurisdictionId }).whereIn('code', f.serviceCodes).select('id')).map((r: { id: number }) =>
        Number(r.id),
      )
    : (await knex('services').where({ jurisdiction_id: f.jurisdictionId }).select('id')).map((r: { id: number }) => Number(r.id));
  const districtIds = f.districtCode
    ? (await knex('districts').where({ jurisdiction_id: f.jurisdictionId, code: f.districtCode }).select('id')).map((r: { id: number }) => Number(r.id))
    : null;
  const from = f.maxAgeDays !== undefined ? new Date((f.now ?? new Date()).getTime() - f.maxAgeDays * 86_400_000) : undefined;
  return { serviceIds, districtIds, status: f.status, from };
}

export async function requestLayer(
  knex: Knex,
  bbox: Bbox,
  zoom: number,
  f: RequestFilter,
): Promise<{ type: 'FeatureCollection'; truncated: boolean; features: Feature[] }> {
  if (zoom >= CLUSTER_UNTIL_ZOOM) {
    const { sql, bindings } = requestPoints(bbox, f);
    const rows = (await knex.raw(sql, bindings)).rows as Array<Record<string, unknown>>;
    return {
      type: 'FeatureCollection',
      truncated: rows.length > MAX_POINTS,
      features: rows.slice(0, MAX_POINTS).map((r) =>
        feature(r.lat as number, r.long as number, {
          n: 1,
          publicId: r.public_id,
          status: r.status,
          detailedStatus: r.detailed_status,
          serviceCode: r.service_code,
          serviceNamePl: r.service_name_pl,
          serviceNameEn: r.service_name_en,
          privacy: r.privacy,
          requestedAt: r.requested_at,
          reporterCount: r.reporter_count,
          address: r.address,
        }),
      ),
    };
  }
  // Scoped to the city through its service ids (map_cells rows carry the service, not the city).
  const publicClusters = await postgisMapStore(knex).clusters(bbox, zoom, await resolveFilter(knex, f));
  const { sql, bindings } = requestClusters(bbox, { ...f, notPublic: true }, zoom);
  const hidden = (await knex.raw(sql, bindings)).rows as Array<Record<string, unknown>>;
  return {
    type: 'FeatureCollection',
    truncated: false,
    features: [
      ...publicClusters.map((c) => feature(c.lat, c.lon, { n: c.count, status: f.status })),
      ...hidden.map((r) =>
        feature(r.lat as number, r.long as number, {
          n: r.n,
          open: r.open,
          publicId: r.public_id ?? undefined,
          serviceCode: r.service_code ?? undefined,
          status: r.status ?? undefined,
          notPublic: true,
        }),
      ),
    ],
  };
}
