import type { Knex } from 'knex';
import type { Geometry } from 'geojson';
import type { CityFile } from './pack-types';
import { Count, countUpsert } from './write-support';

const DEFAULT_HOURS = { mon: ['08:00', '16:00'], tue: ['08:00', '16:00'], wed: ['08:00', '16:00'], thu: ['08:00', '16:00'], fri: ['08:00', '16:00'] };

/** Creates or updates the jurisdiction row from city.json (the boundary is set later, from the districts). */
export async function writeJurisdiction(trx: Knex.Transaction, city: CityFile, count: Count): Promise<void> {
  await countUpsert(
    trx,
    `
    INSERT INTO jurisdictions AS j (id, name, name_en, time_zone, default_locale, local_srid, holiday_country, working_hours, days_off, settings)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, time_zone = EXCLUDED.time_zone,
      default_locale = EXCLUDED.default_locale, local_srid = EXCLUDED.local_srid, holiday_country = EXCLUDED.holiday_country,
      working_hours = EXCLUDED.working_hours, days_off = EXCLUDED.days_off, settings = EXCLUDED.settings, updated_at = now()
    WHERE (j.name, j.name_en, j.time_zone, j.default_locale, j.local_srid, j.holiday_country, j.working_hours, j.days_off, j.settings)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.name_en, EXCLUDED.time_zone, EXCLUDED.default_locale, EXCLUDED.local_srid,
      EXCLUDED.holiday_country, EXCLUDED.working_hours, EXCLUDED.days_off, EXCLUDED.settings)
    RETURNING (xmax = 0) AS inserted`,
    [
      city.id,
      city.name,
      city.name_en ?? null,
      city.time_zone ?? 'Europe/Warsaw',
      city.default_locale ?? 'pl',
      city.local_srid ?? 2180,
      city.holiday_country ?? 'PL',
      JSON.stringify(city.working_hours ?? DEFAULT_HOURS),
      JSON.stringify(city.days_off ?? []),
      JSON.stringify(city.settings ?? {}),
    ],
    1,
    count,
  );
}

/** Gaps between districts narrower than twice this (metres) are closed when the outline is built from the districts. */
export const OUTLINE_GAP_CLOSE_M = 20;
/** Holes in the union of the districts smaller than this (m²) are filled; larger ones (an enclave, another town) stay outside. */
export const OUTLINE_HOLE_MAX_M2 = 1_000_000;

export interface BoundaryResult {
  changed: boolean;
  source: 'file' | 'districts';
  /** Holes of the districts' union filled (built outline only). */
  holesClosed?: number;
}

/**
 * Sets the jurisdiction boundary (the city outline; points outside it are refused):
 * - from the pack's outline file (boundary.geojson / .json / .shp, any CRS the readers know), the
 *   union of its polygons, repaired;
 * - else from the current districts: their union, closed morphologically by OUTLINE_GAP_CLOSE_M
 *   (buffer out, then in, on the geography: slivers between districts vanish, the rest keeps its
 *   shape), then holes under OUTLINE_HOLE_MAX_M2 filled.
 * Computed when the districts changed, when there is an outline file, or when the stored outline
 * came from elsewhere; written only when it differs, so an unchanged re-import writes nothing.
 */
export async function writeBoundary(trx: Knex.Transaction, jurisdictionId: string, force: boolean, outline?: Geometry[]): Promise<BoundaryResult> {
  const source = outline ? 'file' : 'districts';
  const current = (await trx.raw(`SELECT boundary IS NULL AS missing, boundary_source FROM jurisdictions WHERE id = ?`, [jurisdictionId])).rows[0];
  if (!force && !outline && !current.missing && current.boundary_source === source) return { changed: false, source };
  const built = outline
    ? {
        text: `SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_UnaryUnion(ST_Collect(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326))))), 3)) AS geom, 0 AS holes
                 FROM unnest(?::text[]) AS g`,
        bindings: [outline.map((g) => JSON.stringify(g))] as Knex.RawBinding[],
      }
    : {
        text: `
    WITH u AS (SELECT ST_UnaryUnion(ST_Collect(geom)) AS g FROM districts WHERE jurisdiction_id = ? AND valid_to IS NULL),
    closed AS (SELECT ST_CollectionExtract(ST_MakeValid(ST_Buffer(ST_Buffer(g::geography, ?)::geometry::geography, ?)::geometry), 3) AS g FROM u),
    parts AS (SELECT (ST_Dump(g)).geom AS p FROM closed),
    filled AS (
      SELECT ST_MakePolygon(ST_ExteriorRing(p), ARRAY(
               SELECT ST_ExteriorRing(r.geom) FROM ST_DumpRings(p) r
                WHERE r.path[1] > 0 AND ST_Area(r.geom::geography) >= ?)) AS p,
             ST_NumInteriorRings(p) AS holes FROM parts)
    SELECT ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(f.p)), 3)) AS geom, sum(f.holes - ST_NumInteriorRings(f.p)) AS holes FROM filled f`,
        bindings: [jurisdictionId, OUTLINE_GAP_CLOSE_M, -OUTLINE_GAP_CLOSE_M, OUTLINE_HOLE_MAX_M2] as Knex.RawBinding[],
      };
  const result = await trx.raw(
    `
    WITH b AS (${built.text})
    UPDATE jurisdictions SET boundary = b.geom, boundary_source = ?, updated_at = now() FROM b
    WHERE id = ? AND (boundary_source IS DISTINCT FROM ? OR boundary IS NULL OR md5(ST_AsBinary(boundary)) <> md5(ST_AsBinary(b.geom)))
    RETURNING b.holes`,
    [...built.bindings, source, jurisdictionId, source],
  );
  const holes = result.rows.length ? Number(result.rows[0].holes ?? 0) : 0;
  return { changed: result.rows.length > 0, source, ...(outline ? {} : { holesClosed: holes }) };
}
