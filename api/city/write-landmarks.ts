/**
 * landmarks.geojson, second phase: upsert by code in one statement, after the addresses (a
 * landmark may name an address point by its register id). A landmark the pack no longer lists is
 * made inactive, never deleted, like units. An area (Polygon) is repaired with ST_MakeValid and kept
 * in `area`; the pin goes to ST_PointOnSurface of it, which is always inside (a centroid of a
 * crescent-shaped park may not be).
 */
import type { Knex } from 'knex';
import type { LandmarkInput } from './read-landmarks';
import { LANDMARKS_FILE } from './read-landmarks';
import type { ImportProblem } from './problems';
import { Count, countUpsert } from './write-support';

const COMPARED = ['name_pl', 'name_en', 'kind', 'aliases', 'address', 'address_id', 'active'];

export async function writeLandmarks(trx: Knex.Transaction, jurisdictionId: string, landmarks: LandmarkInput[], count: Count): Promise<ImportProblem[]> {
  const sourceIds = [...new Set(landmarks.flatMap((l) => (l.addressSourceId ? [l.addressSourceId] : [])))];
  const known = new Set<string>(
    sourceIds.length
      ? (await trx.raw(`SELECT source_id FROM addresses WHERE jurisdiction_id = ? AND source_id = ANY(?::text[])`, [jurisdictionId, sourceIds])).rows.map(
          (r: { source_id: string }) => r.source_id,
        )
      : [],
  );
  const problems: ImportProblem[] = landmarks
    .filter((l) => l.addressSourceId && !known.has(l.addressSourceId))
    .map((l) => ({
      file: LANDMARKS_FILE,
      location: `feature ${l.index}, properties.address_id`,
      reason: `address ${JSON.stringify(l.addressSourceId)} is not in the address register`,
    }));
  if (problems.length) return problems;

  if (landmarks.length) {
    const rows = landmarks.map((l) => ({
      code: l.code,
      name_pl: l.name,
      name_en: l.nameEn,
      kind: l.kind,
      aliases: l.aliases,
      address: l.address,
      address_source: l.addressSourceId,
      geojson: JSON.stringify(l.geometry),
      active: l.active,
    }));
    await countUpsert(
      trx,
      `
      INSERT INTO landmarks AS l (jurisdiction_id, code, name_pl, name_en, kind, aliases, address, address_id, geom, area, active)
      SELECT ?, x.code, x.name_pl, x.name_en, x.kind, x.aliases, coalesce(x.address, a.street || ' ' || a.house_number), a.id,
             coalesce(p.point, ST_PointOnSurface(p.area)), p.area, x.active
        FROM jsonb_to_recordset(?::jsonb) AS x(code text, name_pl text, name_en text, kind text, aliases text[], address text, address_source text, geojson text, active boolean)
        CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(x.geojson), 4326) AS g) s
        CROSS JOIN LATERAL (
          SELECT CASE WHEN GeometryType(s.g) = 'POINT' THEN s.g END AS point,
                 CASE WHEN GeometryType(s.g) <> 'POINT' THEN ST_Multi(ST_CollectionExtract(ST_MakeValid(s.g), 3)) END AS area) p
        LEFT JOIN addresses a ON a.jurisdiction_id = ? AND a.source_id = x.address_source
      ON CONFLICT (jurisdiction_id, code) DO UPDATE SET ${COMPARED.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
        geom = EXCLUDED.geom, area = EXCLUDED.area, updated_at = now()
      WHERE (${COMPARED.map((c) => `l.${c}`).join(', ')}, ST_AsBinary(l.geom), ST_AsBinary(l.area))
        IS DISTINCT FROM (${COMPARED.map((c) => `EXCLUDED.${c}`).join(', ')}, ST_AsBinary(EXCLUDED.geom), ST_AsBinary(EXCLUDED.area))
      RETURNING (xmax = 0) AS inserted`,
      [jurisdictionId, JSON.stringify(rows), jurisdictionId],
      rows.length,
      count,
    );
  }
  const retired = await trx.raw(
    `UPDATE landmarks SET active = false, updated_at = now() WHERE jurisdiction_id = ? AND active AND NOT (code = ANY(?::text[])) RETURNING id`,
    [jurisdictionId, landmarks.map((l) => l.code)],
  );
  count.closed = retired.rows.length;
  return problems;
}
