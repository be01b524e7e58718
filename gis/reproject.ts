import proj4 from 'proj4';
import type { Geometry, Position } from 'geojson';
import { crsDefinition } from './crs-registry';

type Converter = (xy: [number, number]) => [number, number];
const converters = new Map<string, Converter>();

/**
 * A function projecting one x/y position from `fromSrid` to `toSrid` (both supported EPSG codes).
 * Converters are cached: building one parses proj4 strings.
 *
 * @example
 * projector(2180, 4326)([637000, 486000]); // ~[21.01, 52.23]
 */
export function projector(fromSrid: number, toSrid = 4326): Converter {
  const key = `${fromSrid}>${toSrid}`;
  let fn = converters.get(key);
  if (!fn) {
    if (fromSrid === toSrid) {
      fn = (xy) => [xy[0], xy[1]];
    } else {
      const converter = proj4(crsDefinition(fromSrid).proj4, crsDefinition(toSrid).proj4);
      fn = (xy) => converter.forward(xy) as [number, number];
    }
    converters.set(key, fn);
  }
  return fn;
}

function mapPositions(coords: unknown, fn: (p: Position) => Position): unknown {
  if (Array.isArray(coords) && typeof coords[0] === 'number') return fn(coords as Position);
  return Array.isArray(coords) ? coords.map((c) => mapPositions(c, fn)) : coords;
}

/**
 * The same geometry with every position projected from `fromSrid` to `toSrid` (default EPSG:4326).
 * Extra ordinates (z) are dropped: Kontakt stores 2D geometries.
 *
 * @example
 * reproject({ type: 'Point', coordinates: [7500000, 5789000] }, 2178); // { type: 'Point', coordinates: [21, 52.24...] }
 */
export function reproject<G extends Geometry>(geometry: G, fromSrid: number, toSrid = 4326): G {
  const project = projector(fromSrid, toSrid);
  if (geometry.type === 'GeometryCollection') {
    return { ...geometry, geometries: geometry.geometries.map((g) => reproject(g, fromSrid, toSrid)) };
  }
  const { bbox: _bbox, ...rest } = geometry as G & { bbox?: unknown };
  return { ...rest, coordinates: mapPositions((geometry as { coordinates: unknown }).coordinates, (p) => project([p[0], p[1]])) } as G;
}
