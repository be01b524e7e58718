/**
 * What the public map shows for a viewport: clusters while zoomed out, individual requests from
 * POINTS_FROM_ZOOM on. Both come as one small JSON document per viewport request (server-side
 * clustering per extent), the same on both engines: PGlite's PostGIS has no ST_AsMVT, and at
 * a phone viewport the JSON is a few kilobytes, so vector tiles would buy little.
 */
import type { MapQuery } from './filters';
import { POINTS_FROM_ZOOM } from './grid';
import type { Cluster, MapPoint, MapStore } from './store';

/** Most points sent for one viewport; beyond it the answer says `truncated` and the map asks to zoom in. */
export const MAX_POINTS = 1500;

export type MapView = { kind: 'clusters'; zoom: number; clusters: Cluster[] } | { kind: 'points'; zoom: number; points: MapPoint[]; truncated: boolean };

export async function mapView(store: MapStore, query: MapQuery): Promise<MapView> {
  const filter = await store.resolveFilter(query.filter);
  if (query.zoom < POINTS_FROM_ZOOM) {
    return { kind: 'clusters', zoom: query.zoom, clusters: await store.clusters(query.bbox, query.zoom, filter) };
  }
  const points = await store.points(query.bbox, filter, MAX_POINTS + 1);
  return { kind: 'points', zoom: query.zoom, points: points.slice(0, MAX_POINTS), truncated: points.length > MAX_POINTS };
}
