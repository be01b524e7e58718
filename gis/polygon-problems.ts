import gjv from 'geojson-validation';
import type { Geometry } from 'geojson';

const isNumberPair = (p: unknown) => Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n));

function ringProblems(ring: unknown, where: string): string[] {
  if (!Array.isArray(ring)) return [`${where} is not an array of positions`];
  const bad = ring.findIndex((p) => !isNumberPair(p));
  if (bad >= 0) return [`${where}, position ${bad + 1} is not a pair of numbers`];
  if (ring.length < 4) return [`${where} has ${ring.length} positions; a ring needs at least 4`];
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1])
    return [`${where} is not closed: first [${first[0]}, ${first[1]}] and last [${last[0]}, ${last[1]}] positions differ`];
  return [];
}

/**
 * Why a geometry cannot be a district or area boundary, as plain sentences (empty when it can).
 * Checks the shape only: Polygon or MultiPolygon, rings of at least four positions, closed rings;
 * then geojson-validation for the rest of the GeoJSON rules. Self-intersections are not a problem
 * here: the import repairs them with ST_MakeValid and reports the repair.
 *
 * @example
 * polygonProblems({ type: 'Point', coordinates: [21, 52] }); // ['is a Point; expected a Polygon or MultiPolygon']
 */
export function polygonProblems(geometry: Geometry | null | undefined): string[] {
  if (!geometry || typeof geometry !== 'object') return ['has no geometry'];
  const coords = (geometry as { coordinates?: unknown }).coordinates;
  let problems: string[];
  if (geometry.type === 'Polygon') {
    problems = Array.isArray(coords) && coords.length > 0 ? coords.flatMap((r, i) => ringProblems(r, `ring ${i + 1}`)) : ['Polygon has no rings'];
  } else if (geometry.type === 'MultiPolygon') {
    problems =
      Array.isArray(coords) && coords.length > 0
        ? coords.flatMap((poly, p) =>
            Array.isArray(poly) && poly.length > 0
              ? poly.flatMap((r, i) => ringProblems(r, `polygon ${p + 1}, ring ${i + 1}`))
              : [`polygon ${p + 1} has no rings`],
          )
        : ['MultiPolygon has no polygons'];
  } else {
    return [`is a ${String(geometry.type)}; expected a Polygon or MultiPolygon`];
  }
  if (problems.length) return problems;
  const trace = gjv.valid(geometry, true);
  return Array.isArray(trace) ? trace.map((t) => `invalid GeoJSON: ${t}`) : [];
}
