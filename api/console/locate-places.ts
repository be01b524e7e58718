/**
 * Landmarks and unit offices for the console's search box (issue #5 item 2: "landmarks/units").
 * One round trip for both. Names are compared through k_fold (lower case, no diacritics), the
 * geocoder's folding, with the same trigram operators as the street search, so "szpital mjeski",
 * "Szpital Miejski" and "szpital miejski" all find the city hospital.
 *
 * Scores are on the geocoder's 0..1 scale, so the candidates rank together: the best of a
 * landmark's names counts (exact 1, prefix 0.9 .. 1, otherwise trigram similarity), times
 * PLACE_WEIGHT. An exact landmark name (0.98) beats a street without a number (at most 0.75) and
 * any fuzzy street; an address with its exact number (1.0) still beats everything, so "Długa 5"
 * stays an address.
 *
 * Scoring every name of every landmark lets a typo in a one-word alias ("Rydigier" for
 * "Rydygier") match, but over a big city's thousands of places it cost 150-220 ms p50 at 5,000
 * (bench/landmarks.ts). So the landmarks scored are first narrowed through `landmark_words` (one
 * row per word of the folded names, trigram index; migration 20261128001400): those with the most
 * words like the query's words (similarity 0.3 per word, or a prefix), at most LANDMARK_CANDIDATES.
 * Word against word keeps the one-word typo (0.36) that a trigram test on the joined names loses.
 * Measured (server, quiet 2-core machine): 5,000 landmarks p50 24-31 ms, p95 29-43 ms; embedded
 * p50 37-56 ms; demo city 1.8 ms for the query. Units are few per city and still scored one by one.
 */
import type { Database } from '../db/engine';

export const PLACE_WEIGHT = 0.98;

/** Polish and English words for a landmark kind, shown in labels. */
export const LANDMARK_KIND_NAMES: Record<string, { pl: string; en: string }> = {
  school: { pl: 'szkoła', en: 'school' },
  hospital: { pl: 'szpital', en: 'hospital' },
  clinic: { pl: 'przychodnia', en: 'clinic' },
  park: { pl: 'park', en: 'park' },
  station: { pl: 'dworzec', en: 'station' },
  office: { pl: 'urząd', en: 'office' },
  church: { pl: 'kościół', en: 'church' },
  market: { pl: 'targowisko', en: 'market' },
  stadium: { pl: 'stadion', en: 'stadium' },
  bridge: { pl: 'most', en: 'bridge' },
  museum: { pl: 'muzeum', en: 'museum' },
  cemetery: { pl: 'cmentarz', en: 'cemetery' },
  other: { pl: 'obiekt', en: 'place' },
};
export const UNIT_KIND_NAME = { pl: 'jednostka', en: 'unit' };

export interface PlaceCandidate {
  kind: 'landmark' | 'unit';
  /** Polish label: "Szpital Miejski (szpital) — ul. Długa 5". */
  label: string;
  labelEn: string;
  lat: number;
  long: number;
  score: number;
  /** Landmark or unit code. */
  code: string;
  /** For landmarks: school, hospital, ... */
  landmarkKind?: string;
  addressId?: number;
}

interface PlaceRow {
  kind: 'landmark' | 'unit';
  code: string;
  name_pl: string;
  name_en: string | null;
  subkind: string;
  address: string | null;
  address_id: string | null;
  lat: number;
  long: number;
  score: number;
}

// The score of one folded name `n` against the folded query `q.q` (`q.ql`: the same escaped for LIKE).
// A query word found inside a longer name (word_similarity) counts 0.75 of a match, so a bare
// street name ("Solidarności", street score 0.75) stays above the bridge named after it.
const nameScore = (n: string) => `CASE WHEN ${n} = q.q THEN 1.0
  WHEN ${n} LIKE q.ql || '%' THEN 0.9 + 0.1 * length(q.q) / greatest(length(${n}), 1)
  ELSE greatest(similarity(${n}, q.q), word_similarity(q.q, ${n}) * 0.75) END`;

/** Landmarks scored per search: those sharing the most words with the query (migration 20261128001400). */
const LANDMARK_CANDIDATES = 200;

/** Below this a name does not match (the pg_trgm default similarity threshold the street search uses too). */
const MIN_SCORE = 0.3;

// Every active landmark and located unit of the city is scored, name by name, so a typo in a
// one-word alias ("Rydigier") still matches: the trigram operators on the joined names would miss
// it (word_similarity 0.5 < 0.6 there). That is a scan of the city's landmarks, not of an index:
// measured in the comment at the top of the file.
const PLACES_SQL = `
WITH q AS (SELECT k_fold(?::text) AS q, replace(replace(replace(k_fold(?::text), '\\', '\\\\'), '%', '\\%'), '_', '\\_') AS ql),
     qw AS (SELECT array_agg(w) AS words FROM q, regexp_split_to_table(q.q, '[^[:alnum:]]+') AS w WHERE length(w) >= 2)
SELECT * FROM (
  SELECT 'landmark' AS kind, l.code, l.name_pl, l.name_en, l.kind AS subkind, l.address, l.address_id,
         ST_Y(l.geom) AS lat, ST_X(l.geom) AS long,
         (SELECT max(${nameScore('n')}) FROM unnest(l.names_folded) AS n) AS score
    FROM q, qw CROSS JOIN LATERAL k_landmark_candidates(?, qw.words, ${LANDMARK_CANDIDATES}) AS c
    JOIN landmarks l ON l.id = c.landmark_id AND l.active
  UNION ALL
  SELECT 'unit', u.code, u.name, u.name_en, u.kind, u.address, NULL, ST_Y(u.geom), ST_X(u.geom),
         greatest(CASE WHEN lower(u.code) = q.q THEN 1.0 WHEN lower(u.code) LIKE q.ql || '%' THEN 0.9 ELSE 0 END,
                  (SELECT max(${nameScore('n')}) FROM unnest(ARRAY[k_fold(u.name), k_fold(u.name_en)]) AS n WHERE n IS NOT NULL))
    FROM units u, q
   WHERE u.jurisdiction_id = ? AND u.active AND u.geom IS NOT NULL) x
 WHERE score >= ${MIN_SCORE}
 ORDER BY score DESC, name_pl
 LIMIT ?`;

/** The SQL of searchPlaces, for EXPLAIN in bench/console.ts. */
export function placesQuery(jurisdictionId: string, q: string, limit: number): { sql: string; bindings: Array<string | number> } {
  return { sql: PLACES_SQL, bindings: [q, q, jurisdictionId, jurisdictionId, limit] };
}

/** Landmarks and unit offices whose name, alias or (units) code matches `text`, best first. */
export async function searchPlaces(db: Database, jurisdictionId: string, text: string, limit: number): Promise<PlaceCandidate[]> {
  const q = text.trim();
  if (q.length < 2) return [];
  const { sql, bindings } = placesQuery(jurisdictionId, q, limit);
  const { rows } = await db.knex.raw(sql, bindings);
  return (rows as PlaceRow[]).map((r) => {
    const kindName = r.kind === 'unit' ? UNIT_KIND_NAME : (LANDMARK_KIND_NAMES[r.subkind] ?? LANDMARK_KIND_NAMES.other);
    const where = r.address ? ` — ${r.address}` : '';
    return {
      kind: r.kind,
      label: `${r.name_pl} (${kindName.pl})${where}`,
      labelEn: `${r.name_en ?? r.name_pl} (${kindName.en})${where}`,
      lat: Number(r.lat),
      long: Number(r.long),
      score: Math.round(Number(r.score) * PLACE_WEIGHT * 1000) / 1000,
      code: r.code,
      ...(r.kind === 'landmark' ? { landmarkKind: r.subkind } : {}),
      ...(r.address_id != null ? { addressId: Number(r.address_id) } : {}),
    };
  });
}
