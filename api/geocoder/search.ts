/**
 * The geocoder over the city's address register (issue #4 §2), street first: the few thousand
 * street names are searched by trigram similarity on `streets.name_folded` (k_fold: lower case,
 * no diacritics, so "Marszalkowska", "marszałkowska" and "Marszakowska" all find it), then the
 * house number is looked up among that street's address points by an exact index probe.
 * One label per address point searched by trigram was measured at 0.5-5.6 s for a million points
 * (docs/performance.md#the-database-alone); this design touches only the street index and a handful of rows.
 *
 * EXPLAIN (server, 1,000,000 addresses, 5,000 streets): the street search is a Seq Scan over the
 * streets of the city (PostgreSQL 15 does not pick streets_name_trgm for a table this small, even
 * with seq scans disabled it prefers the btree on jurisdiction_id); it costs 3-5 ms unloaded and
 * grows with the number of STREETS, not addresses. The number lookup is a Bitmap Index Scan on
 * addresses_street_number (street_id, lower(house_number)), ~2 ms for 5 streets.
 *
 * Scores are 0..1: the street similarity times 1 for an exact house number, 0.9 for a number that
 * starts with what was typed (autocomplete), 0.75 for the street alone, 0.6 when the number typed
 * does not exist on that street.
 */
import type { Database } from '../db/engine';
import { query, queryOne } from '../db/query';
import { sql } from '../db/sql';
import { parseAddress } from './parse';
import { addressLateral, streetLateral } from '../pipeline/resolve-sql';

export interface GeocodeCandidate {
  kind: 'address' | 'street' | 'intersection';
  label: string;
  score: number;
  lat: number;
  long: number;
  addressId?: number;
  /** Open311 address_id (the register's id). */
  sourceId?: string;
  streetId?: number;
  houseNumber?: string;
  postcode?: string | null;
}

export const GEOCODE_THRESHOLD = 0.5;

interface StreetRow {
  id: number;
  prefix: string;
  name: string;
  score: number;
}

async function searchStreets(db: Database, jurisdictionId: string, name: string, limit: number): Promise<StreetRow[]> {
  if (!name) return [];
  // pg_trgm is always there: openDatabase installs it on both engines or refuses to start, so
  // there is no second path without it.
  // k_fold(name) is written out at each use (not taken from a CTE): it is IMMUTABLE, so with the value
  // bound the planner folds it to a constant, which an index on name_folded could use.
  const like = name.replace(/[\\%_]/g, (c) => `\\${c}`);
  return query<StreetRow>(
    db,
    sql`SELECT s.id, s.prefix, s.name,
              greatest(similarity(s.name_folded, k_fold(${name})), word_similarity(k_fold(${name}), s.name_folded) * 0.95,
                       CASE WHEN s.name_folded LIKE k_fold(${like}) || '%' THEN 0.9 + 0.1 * length(k_fold(${name})) / greatest(length(s.name_folded), 1) ELSE 0 END) AS score
         FROM streets s
        WHERE s.jurisdiction_id = ${jurisdictionId} AND (s.name_folded % k_fold(${name}) OR k_fold(${name}) <% s.name_folded OR s.name_folded LIKE k_fold(${like}) || '%')
        ORDER BY score DESC, length(s.name), s.id
        LIMIT ${limit}`,
  );
}

/**
 * Ranked candidates for `text`. `prefixNumbers` (autocomplete): a typed "1" also offers 12, 12A, 15.
 */
export async function geocode(
  db: Database,
  jurisdictionId: string,
  text: string,
  options: { limit?: number; prefixNumbers?: boolean } = {},
): Promise<GeocodeCandidate[]> {
  const limit = Math.min(Math.max(options.limit ?? 10, 1), 50);
  const parsed = parseAddress(text);
  if (parsed.street.length < 2) return [];
  const streets = await searchStreets(db, jurisdictionId, parsed.street, 5);
  if (streets.length === 0) return [];
  if (parsed.cross) return intersections(db, jurisdictionId, streets, parsed.cross);
  const number = parsed.number ?? null;
  const rows = await query<Record<string, unknown>>(
    db,
    sql`SELECT st.id AS street_id, st.score, a.id, a.source_id, a.street, a.house_number, a.postcode,
            coalesce(ST_Y(a.geom), ST_Y(sp.p)) AS lat, coalesce(ST_X(a.geom), ST_X(sp.p)) AS long, a.exact
       FROM unnest(${streets.map((s) => s.id)}::bigint[], ${streets.map((s) => s.score)}::float8[]) AS st(id, score)
       LEFT JOIN LATERAL (
         SELECT a.id, a.source_id, a.street, a.house_number, a.postcode, a.geom, lower(a.house_number) = lower(${number}) AS exact
           FROM addresses a
          WHERE a.street_id = st.id AND ${number}::text IS NOT NULL
            AND (lower(a.house_number) = lower(${number}) OR (${!!options.prefixNumbers}::boolean AND lower(a.house_number) LIKE lower(${number}) || '%'))
          ORDER BY lower(a.house_number) = lower(${number}) DESC, length(a.house_number), a.house_number
          LIMIT ${limit}) a ON true
       LEFT JOIN LATERAL (
         SELECT coalesce(ST_LineInterpolatePoint(ST_LineMerge(s.geom), 0.5), ST_PointOnSurface(s.geom),
                         (SELECT x.geom FROM addresses x WHERE x.street_id = s.id ORDER BY x.id LIMIT 1)) AS p
           FROM streets s WHERE s.id = st.id) sp ON a.id IS NULL`,
  );
  const byId = new Map(streets.map((s) => [s.id, s]));
  const out: GeocodeCandidate[] = [];
  for (const r of rows) {
    const st = byId.get(Number(r.street_id))!;
    const streetLabel = `${st.prefix} ${st.name}`;
    if (r.id != null) {
      out.push({
        kind: 'address',
        label: `${r.street} ${r.house_number}`,
        score: round(st.score * (r.exact ? 1 : 0.9)),
        lat: Number(r.lat),
        long: Number(r.long),
        addressId: Number(r.id),
        sourceId: String(r.source_id),
        streetId: st.id,
        houseNumber: String(r.house_number),
        postcode: (r.postcode as string | null) ?? null,
      });
    } else if (r.lat != null) {
      out.push({
        kind: 'street',
        label: streetLabel,
        score: round(st.score * (number ? 0.6 : 0.75)),
        lat: Number(r.lat),
        long: Number(r.long),
        streetId: st.id,
      });
    }
  }
  return out.sort((a, b) => b.score - a.score || a.label.localeCompare(b.label, 'pl')).slice(0, limit);
}

async function intersections(db: Database, jurisdictionId: string, first: StreetRow[], crossName: string): Promise<GeocodeCandidate[]> {
  const second = await searchStreets(db, jurisdictionId, crossName, 3);
  if (second.length === 0) return [];
  const rows = await query<{ a: number; b: number; lat: number; long: number }>(
    db,
    sql`SELECT a.id AS a, b.id AS b, ST_Y(p) AS lat, ST_X(p) AS long
       FROM streets a JOIN streets b ON b.id = ANY(${second.map((s) => s.id)}::bigint[]) AND a.id <> b.id
       CROSS JOIN LATERAL (SELECT ST_ClosestPoint(a.geom, b.geom) AS p) x
      WHERE a.id = ANY(${first.map((s) => s.id)}::bigint[]) AND a.geom IS NOT NULL AND b.geom IS NOT NULL AND ST_DWithin(a.geom::geography, b.geom::geography, 30)`,
  );
  const fa = new Map(first.map((s) => [s.id, s]));
  const fb = new Map(second.map((s) => [s.id, s]));
  return rows
    .map((r) => {
      const a = fa.get(Number(r.a))!;
      const b = fb.get(Number(r.b))!;
      return {
        kind: 'intersection' as const,
        label: `${a.prefix} ${a.name} / ${b.prefix} ${b.name}`,
        score: round(Math.min(a.score, b.score)),
        lat: r.lat,
        long: r.long,
      };
    })
    .sort((x, y) => y.score - x.score);
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Autocomplete for the console and the public map: numbers match by prefix. */
export function autocomplete(db: Database, jurisdictionId: string, text: string, limit = 10): Promise<GeocodeCandidate[]> {
  return geocode(db, jurisdictionId, text, { limit, prefixNumbers: true });
}

export interface ReverseResult {
  address?: { id: number; sourceId: string; label: string; postcode: string | null; distanceM: number };
  street?: { label: string; distanceM: number };
}

/** Nearest address point (KNN), and the nearest street when none is within ADDRESS_NEAR_M (the laterals of the pipeline). */
export async function reverseGeocode(db: Database, jurisdictionId: string, lat: number, long: number): Promise<ReverseResult> {
  const r = await queryOne<any>(
    db,
    sql`SELECT addr.id, addr.source_id, addr.label, addr.postcode, addr.distance_m, street.label AS street, street.distance_m AS street_m
       FROM (SELECT ${jurisdictionId}::text AS jurisdiction_id, ST_SetSRID(ST_MakePoint(${long}, ${lat}), 4326) AS geom) t
       ${addressLateral('t')} ${streetLateral('t')}`,
  );
  const out: ReverseResult = {};
  if (r?.id != null) out.address = { id: Number(r.id), sourceId: r.source_id, label: r.label, postcode: r.postcode, distanceM: Math.round(r.distance_m) };
  if (r?.street != null) out.street = { label: r.street, distanceM: Math.round(r.street_m) };
  return out;
}
