/** The map's reference layers as GeoJSON (the request layer is ../map.ts); SQL is built in ../map-sql.ts. */
import type { Knex } from 'knex';
import { addressesInBox, districtsInBox, streetsInBox, STREETS_FROM_ZOOM, type Bbox } from '../map-sql';

const feature = (lat: number, long: number, properties: Record<string, unknown>) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [long, lat] },
  properties,
});

export async function districtLayer(knex: Knex, jurisdictionId: string, bbox: Bbox, zoom: number) {
  const { sql, bindings } = districtsInBox(jurisdictionId, bbox, zoom);
  const rows = (await knex.raw(sql, bindings)).rows as Array<Record<string, unknown>>;
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      geometry: JSON.parse(r.geometry as string),
      properties: { code: r.code, name: r.name, nameEn: r.name_en ?? null },
    })),
  };
}

/** Address points only when zoomed in to streets; fewer would be unreadable anyway. */
export const ADDRESSES_FROM_ZOOM = 16;
export { STREETS_FROM_ZOOM };
export const emptyLayer = () => ({ type: 'FeatureCollection', features: [] });

/** Callers check ADDRESSES_FROM_ZOOM first (below it the bbox is not even parsed). */
export async function addressLayer(knex: Knex, jurisdictionId: string, bbox: Bbox) {
  const { sql, bindings } = addressesInBox(jurisdictionId, bbox, 3000);
  const rows = (await knex.raw(sql, bindings)).rows as Array<Record<string, unknown>>;
  return { type: 'FeatureCollection', features: rows.map((r) => feature(r.lat as number, r.long as number, { id: r.id, label: r.label })) };
}

/** Street centre lines with their names; callers check STREETS_FROM_ZOOM first (a city-wide view would be a blur of lines). */
export async function streetLayer(knex: Knex, jurisdictionId: string, bbox: Bbox, zoom: number) {
  const { sql, bindings } = streetsInBox(jurisdictionId, bbox, zoom, 2000);
  const rows = (await knex.raw(sql, bindings)).rows as Array<{ id: number; label: string; geometry: string }>;
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({ type: 'Feature', id: Number(r.id), geometry: JSON.parse(r.geometry), properties: { label: r.label } })),
  };
}
