/**
 * Districts with history (issue #2): an unchanged boundary is left alone, a changed one closes the
 * current version (valid_to = now) and opens a new one, a district missing from the pack is
 * closed. Boundaries are compared by `geom_hash`, an md5 of the repaired, normalised geometry.
 * Every new version gets its `district_parts` (ST_Subdivide, 64 vertices) for fast point lookups.
 */
import type { Knex } from 'knex';
import type { DistrictInput } from './load-pack';
import type { ImportProblem } from './problems';
import type { Count } from './write-support';

interface Prepared {
  valid: boolean;
  reason: string | null;
  empty: boolean;
  hash: string;
  geojson: string;
}

/**
 * Repairs the geometry in SQL (ST_MakeValid, polygonal parts only, MultiPolygon) and hashes it.
 * Snapping to 1e-9 degrees before hashing keeps the hash free of float noise below a millimetre.
 */
async function prepare(trx: Knex.Transaction, geometry: unknown): Promise<Prepared> {
  const result = await trx.raw(
    `
    WITH src AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) AS g),
    fixed AS (SELECT g, ST_IsValid(g) AS valid, ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3)) AS geom FROM src)
    SELECT valid, CASE WHEN valid THEN NULL ELSE ST_IsValidReason(g) END AS reason, ST_IsEmpty(geom) AS empty,
      md5(ST_AsBinary(ST_Normalize(ST_SnapToGrid(geom, 0.000000001)))) AS hash, ST_AsGeoJSON(geom) AS geojson
    FROM fixed`,
    [JSON.stringify(geometry)],
  );
  return result.rows[0] as Prepared;
}

async function insertVersion(trx: Knex.Transaction, jurisdictionId: string, d: DistrictInput, p: Prepared, now: Date): Promise<number> {
  const inserted = await trx.raw(
    `
    INSERT INTO districts (jurisdiction_id, code, name, name_en, geom, geom_hash, properties, valid_from, priority, area_m2)
    SELECT ?, ?, ?, ?, g, ?, ?::jsonb, ?, ?::int, ST_Area(g::geography) FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) AS g) s RETURNING id`,
    [jurisdictionId, d.code, d.name, d.nameEn, p.hash, JSON.stringify(d.properties), now, d.priority, p.geojson],
  );
  const id = Number(inserted.rows[0].id);
  await writeParts(trx, jurisdictionId, id);
  return id;
}

async function writeParts(trx: Knex.Transaction, jurisdictionId: string, districtId: number): Promise<void> {
  await trx.raw(`DELETE FROM district_parts WHERE district_id = ?`, [districtId]);
  await trx.raw(
    `
    INSERT INTO district_parts (district_id, jurisdiction_id, geom)
    SELECT d.id, d.jurisdiction_id, (ST_Dump(ST_Subdivide(d.geom, 64))).geom FROM districts d WHERE d.id = ?`,
    [districtId],
  );
}

export interface DistrictWriteResult {
  changed: boolean;
  problems: ImportProblem[];
  repaired: ImportProblem[];
}

export async function writeDistricts(
  trx: Knex.Transaction,
  jurisdictionId: string,
  file: string,
  districts: DistrictInput[],
  now: Date,
  count: Count,
): Promise<DistrictWriteResult> {
  const problems: ImportProblem[] = [];
  const repaired: ImportProblem[] = [];
  const prepared: Prepared[] = [];
  for (const d of districts) {
    const p = await prepare(trx, d.geometry);
    if (!p.valid)
      repaired.push({
        file,
        location: `feature ${d.index}`,
        reason: `district ${JSON.stringify(d.name)} was not a valid polygon (${p.reason}); repaired with ST_MakeValid`,
      });
    if (p.empty)
      problems.push({
        file,
        location: `feature ${d.index}`,
        reason: `district ${JSON.stringify(d.name)} has no area left after repair (${p.reason ?? 'empty polygon'})`,
      });
    prepared.push(p);
  }
  if (problems.length) return { changed: false, problems, repaired };

  const current = await trx.raw(`SELECT id, code, geom_hash, valid_from FROM districts WHERE jurisdiction_id = ? AND valid_to IS NULL`, [jurisdictionId]);
  const byCode = new Map<string, { id: number; geom_hash: string; valid_from: Date }>(current.rows.map((r: { code: string; id: number }) => [r.code, r]));
  for (const [i, d] of districts.entries()) {
    const p = prepared[i];
    const old = byCode.get(d.code);
    byCode.delete(d.code);
    if (!old) {
      await insertVersion(trx, jurisdictionId, d, p, now);
      count.inserted++;
    } else if (old.geom_hash !== p.hash) {
      if (old.valid_from.getTime() >= now.getTime()) {
        // A version that starts now (or later) is replaced, not closed: a zero-length version is no history.
        await trx.raw(
          `UPDATE districts SET name = ?, name_en = ?, geom = ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), geom_hash = ?, properties = ?::jsonb, priority = ?::int,
             area_m2 = ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)::geography), updated_at = now() WHERE id = ?`,
          [d.name, d.nameEn, p.geojson, p.hash, JSON.stringify(d.properties), d.priority, p.geojson, old.id],
        );
        await writeParts(trx, jurisdictionId, old.id);
      } else {
        await trx.raw(`UPDATE districts SET valid_to = ?, updated_at = now() WHERE id = ?`, [now, old.id]);
        await insertVersion(trx, jurisdictionId, d, p, now);
      }
      count.updated++;
    } else {
      const renamed = await trx.raw(
        `
        UPDATE districts SET name = ?, name_en = ?, properties = ?::jsonb, priority = ?::int, updated_at = now()
        WHERE id = ? AND (name, name_en, properties, priority) IS DISTINCT FROM (?::text, ?::text, ?::jsonb, ?::int) RETURNING id`,
        [d.name, d.nameEn, JSON.stringify(d.properties), d.priority, old.id, d.name, d.nameEn, JSON.stringify(d.properties), d.priority],
      );
      if (renamed.rows.length) count.updated++;
      else count.unchanged++;
    }
  }
  for (const gone of byCode.values()) {
    await trx.raw(`UPDATE districts SET valid_to = ?, updated_at = now() WHERE id = ?`, [now, gone.id]);
    count.closed = (count.closed ?? 0) + 1;
  }
  return { changed: count.inserted + count.updated + (count.closed ?? 0) > 0, problems, repaired };
}

/** Overlaps smaller than this are float noise along shared borders, not overlaps. */
export const OVERLAP_MIN_M2 = 1;
const WORST_PAIRS = 5;

const area = (m2: number) => (m2 >= 100_000 ? `${(m2 / 1_000_000).toFixed(2)} km²` : `${Math.round(m2)} m²`);

/**
 * Overlapping current districts, as one warning: how many pairs, their total area and the worst
 * pairs by area (issue #12 item 9). Resolution in an overlap follows districtLateral's rule
 * (api/pipeline/resolve-sql.ts); the warning says so. Pairs are found on the GIST index (&&),
 * measured on the geography; overlaps under OVERLAP_MIN_M2 are ignored.
 */
export async function overlapWarning(trx: Knex.Transaction, jurisdictionId: string, file: string, hasPriority: boolean): Promise<ImportProblem | undefined> {
  const rows = (
    await trx.raw(
      `
    SELECT a.code AS a_code, a.name AS a_name, b.code AS b_code, b.name AS b_name, m2 FROM (
      SELECT a.id AS a_id, b.id AS b_id, ST_Area(ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3)::geography) AS m2
        FROM districts a JOIN districts b ON b.jurisdiction_id = a.jurisdiction_id AND a.id < b.id AND a.geom && b.geom
       WHERE a.jurisdiction_id = ? AND a.valid_to IS NULL AND b.valid_to IS NULL AND ST_Relate(a.geom, b.geom, '2********')) o
      JOIN districts a ON a.id = o.a_id JOIN districts b ON b.id = o.b_id
     WHERE m2 >= ?
     ORDER BY m2 DESC, a.code, b.code`,
      [jurisdictionId, OVERLAP_MIN_M2],
    )
  ).rows as Array<{ a_code: string; a_name: string; b_code: string; b_name: string; m2: number }>;
  if (!rows.length) return undefined;
  const total = rows.reduce((sum, r) => sum + Number(r.m2), 0);
  const worst = rows
    .slice(0, WORST_PAIRS)
    .map((r) => `${r.a_name} (${r.a_code}) / ${r.b_name} (${r.b_code}) ${area(Number(r.m2))}`)
    .join('; ');
  const rule = hasPriority
    ? 'the higher priority, else the smaller district, else the first code'
    : 'the smaller district, else the first code (set districts.priority_property to decide)';
  return {
    file,
    reason: `${rows.length} pair(s) of districts overlap, ${area(total)} in all; largest: ${worst}. A point in an overlap goes to ${rule}`,
  };
}
