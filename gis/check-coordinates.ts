import type { Geometry, Position } from 'geojson';
import { crsDefinition } from './crs-registry';
import { projector } from './reproject';

function firstPosition(coords: unknown, test: (p: Position) => boolean): Position | undefined {
  if (Array.isArray(coords) && typeof coords[0] === 'number') return test(coords as Position) ? (coords as Position) : undefined;
  if (!Array.isArray(coords)) return undefined;
  for (const c of coords) {
    const hit = firstPosition(c, test);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Why a position cannot belong to the coordinate system `srid`, or undefined when it can. Catches
 * the usual mix-up of units: metres declared as degrees, or degrees declared as metres (which
 * would land far from the area the system is made for).
 *
 * @example
 * positionProblem([637000, 486000], 4326); // 'coordinate [637000, 486000] is out of range for EPSG:4326 ...'
 * positionProblem([21.01, 52.23], 4326); // undefined
 */
export function positionProblem(position: Position, srid: number): string | undefined {
  const def = crsDefinition(srid);
  const [x, y] = position;
  const shown = `[${x}, ${y}]`;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return `coordinate ${shown} is not a pair of numbers`;
  if (def.units === 'degree' && (Math.abs(x) > 180 || Math.abs(y) > 90)) {
    return `coordinate ${shown} is out of range for EPSG:${srid} (longitude -180..180, latitude -90..90): metres declared as degrees? Give the right CRS (crs member, .prj or --srid)`;
  }
  const [lon, lat] = def.units === 'degree' ? [x, y] : projector(srid, 4326)([x, y]);
  const [w, s, e, n] = def.area;
  if (!(lon >= w && lon <= e && lat >= s && lat <= n)) {
    return `coordinate ${shown} does not fit EPSG:${srid} (${def.name}): it would lie at ${lon.toFixed(4)}, ${lat.toFixed(4)}, outside the area the system is made for; wrong CRS or units?`;
  }
  return undefined;
}

/**
 * The first coordinate problem of a geometry for `srid` (see {@link positionProblem}), or undefined.
 *
 * @example
 * geometryCoordinateProblem({ type: 'Point', coordinates: [21, 52] }, 2180); // '... does not fit EPSG:2180 ...'
 */
export function geometryCoordinateProblem(geometry: Geometry, srid: number): string | undefined {
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries) {
      const p = geometryCoordinateProblem(g, srid);
      if (p) return p;
    }
    return undefined;
  }
  let problem: string | undefined;
  firstPosition(geometry.coordinates, (p) => (problem = positionProblem(p, srid)) !== undefined);
  return problem;
}
