/**
 * The console's one search box (issue #5 item 2). What the agent types is tried, in order, as:
 *  1. a request number (7K3M-Q9X-A2B, any case, dashes optional, O/0 and I/L/1 forgiven) or an
 *     inquiry number (Z-...);
 *  2. a pair of coordinates: WGS84 degrees in either order ("52.2297, 21.0122" or "21.0122 52.2297";
 *     decimal commas allowed when the pair is separated by a space), or metres in the city's local
 *     CRS (EPSG:2180 for Polish cities) in either order. The surveyors' "x y" of EPSG:2180 is
 *     northing first, GIS tools write easting first: we try both and keep what falls in the city;
 *  3. an address, street or intersection through the geocoder's autocomplete (typos and missing
 *     diacritics forgiven there), together with landmarks and unit offices by name, alias or unit
 *     code (locate-places.ts), ranked on one score: an exact landmark name beats a street without
 *     a number or a fuzzy street, an address with its exact number beats a landmark.
 */
import type { Database } from '../db/engine';
import { autocomplete } from '../geocoder/search';
import { normalisePublicId } from '../pipeline/public-id';
import { searchPlaces } from './locate-places';

export interface LocateCandidate {
  kind: 'request' | 'inquiry' | 'coordinates' | 'address' | 'street' | 'intersection' | 'landmark' | 'unit';
  label: string;
  /** For landmarks and units: the label in English (the name_en and the kind in English). */
  labelEn?: string;
  /** For landmarks and units: their code; for landmarks also `landmarkKind` (school, hospital, ...). */
  code?: string;
  landmarkKind?: string;
  lat: number;
  long: number;
  score: number;
  publicId?: string;
  addressId?: number;
  /** For coordinates: how they were read, e.g. "EPSG:2180 x=northing y=easting". */
  reading?: string;
}

const REQUEST_ID = /^[0-9A-Za-z]{4}-?[0-9A-Za-z]{3}-?[0-9A-Za-z]{3}$/;
const INQUIRY_ID = /^Z-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{3}-?[0-9A-Za-z]{3}$/i;

/** Two numbers, or undefined. "52,23 21,01" has decimal commas; "52.23,21.01" a comma separator. */
export function parseNumberPair(text: string): [number, number] | undefined {
  const t = text.trim();
  let tokens = t.split(/[\s;]+/).filter(Boolean);
  if (tokens.length === 2) tokens = tokens.map((x) => x.replace(/,$/, '').replace(',', '.'));
  else if (tokens.length === 1) tokens = t.split(',');
  else if (tokens.length === 3 && tokens[1] === ',') tokens = [tokens[0], tokens[2]];
  if (tokens.length !== 2 || !tokens.every((x) => /^-?\d+(\.\d+)?$/.test(x.trim()))) return undefined;
  const [a, b] = tokens.map((x) => Number(x.trim()));
  return Number.isFinite(a) && Number.isFinite(b) ? [a, b] : undefined;
}

/** Readings of a number pair as points (long, lat in 4326 computed in SQL), most likely first. */
function readings(a: number, b: number, localSrid: number): Array<{ x: number; y: number; srid: number; reading: string }> {
  if (Math.abs(a) <= 180 && Math.abs(b) <= 180) {
    return [
      { x: b, y: a, srid: 4326, reading: 'WGS84 lat, long' },
      { x: a, y: b, srid: 4326, reading: 'WGS84 long, lat' },
    ];
  }
  return [
    { x: b, y: a, srid: localSrid, reading: `EPSG:${localSrid} x=northing y=easting` },
    { x: a, y: b, srid: localSrid, reading: `EPSG:${localSrid} easting northing` },
  ];
}

async function locateCoordinates(db: Database, jurisdictionId: string, a: number, b: number): Promise<LocateCandidate[]> {
  const j = await db.knex('jurisdictions').where({ id: jurisdictionId }).first('local_srid');
  const options = readings(a, b, j?.local_srid ?? 2180);
  // Inside the boundary, or (no boundary stored) inside a current district.
  const { rows } = await db.knex.raw(
    `SELECT o.i, ST_X(p.geom) AS long, ST_Y(p.geom) AS lat,
            coalesce(ST_Intersects(j.boundary, p.geom),
                     EXISTS (SELECT 1 FROM districts d WHERE d.jurisdiction_id = j.id AND d.valid_to IS NULL AND ST_Intersects(d.geom, p.geom))) AS inside
       FROM jurisdictions j,
            (VALUES ${options.map(() => '(?::int, ?::float8, ?::float8, ?::int)').join(', ')}) AS o(i, x, y, srid),
            LATERAL (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(o.x, o.y), o.srid), 4326) AS geom) p
      WHERE j.id = ?
      ORDER BY o.i`,
    [...options.flatMap((o, i) => [i, o.x, o.y, o.srid]), jurisdictionId],
  );
  const inside = rows.filter((r: { inside: boolean }) => r.inside);
  const chosen = inside.length ? inside : rows.slice(0, 1);
  return chosen.map((r: { i: number; long: number; lat: number; inside: boolean }) => ({
    kind: 'coordinates' as const,
    label: `${r.lat.toFixed(6)}, ${r.long.toFixed(6)}${r.inside ? '' : ' (outside the city)'}`,
    lat: r.lat,
    long: r.long,
    score: r.inside ? 1 : 0,
    reading: options[r.i].reading,
  }));
}

async function locateRequest(db: Database, jurisdictionId: string, text: string): Promise<LocateCandidate[]> {
  if (INQUIRY_ID.test(text.trim())) {
    const id = `Z-${normalisePublicId(text.trim().replace(/^Z-?/i, ''))}`;
    const row = await db.knex.raw(
      `SELECT i.public_id, i.topic, ST_Y(ST_PointOnSurface(d.geom)) AS lat, ST_X(ST_PointOnSurface(d.geom)) AS long
         FROM inquiries i LEFT JOIN districts d ON d.id = i.district_id WHERE i.jurisdiction_id = ? AND i.public_id = ?`,
      [jurisdictionId, id],
    );
    return row.rows.map((r: { public_id: string; topic: string; lat: number | null; long: number | null }) => ({
      kind: 'inquiry' as const,
      label: `${r.public_id} ${r.topic}`,
      lat: r.lat ?? NaN,
      long: r.long ?? NaN,
      score: 1,
      publicId: r.public_id,
    }));
  }
  if (!REQUEST_ID.test(text.trim())) return [];
  const id = normalisePublicId(text);
  const { rows } = await db.knex.raw(
    `SELECT r.public_id, s.name_pl, r.address, ST_Y(r.geom) AS lat, ST_X(r.geom) AS long
       FROM requests r JOIN services s ON s.id = r.service_id WHERE r.jurisdiction_id = ? AND r.public_id = ?`,
    [jurisdictionId, id],
  );
  return rows.map((r: { public_id: string; name_pl: string; address: string | null; lat: number; long: number }) => ({
    kind: 'request' as const,
    label: `${r.public_id} ${r.name_pl}${r.address ? `, ${r.address}` : ''}`,
    lat: r.lat,
    long: r.long,
    score: 1,
    publicId: r.public_id,
  }));
}

export async function locate(db: Database, jurisdictionId: string, text: string, limit = 8): Promise<LocateCandidate[]> {
  const q = text.trim();
  if (!q) return [];
  const requests = await locateRequest(db, jurisdictionId, q);
  if (requests.length) return requests;
  const pair = parseNumberPair(q);
  if (pair) return locateCoordinates(db, jurisdictionId, pair[0], pair[1]);
  const [found, places] = await Promise.all([autocomplete(db, jurisdictionId, q, limit), searchPlaces(db, jurisdictionId, q, limit)]);
  const addresses: LocateCandidate[] = found.map((c) => ({ kind: c.kind, label: c.label, lat: c.lat, long: c.long, score: c.score, addressId: c.addressId }));
  // Both lists come sorted; a stable sort keeps addresses first among equal scores.
  return [...addresses, ...places].sort((a, b) => b.score - a.score).slice(0, limit);
}
