/**
 * Reads the geographic files of a city pack (districts, routing areas, streets) into EPSG:4326
 * features, checking each geometry and collecting problems as file + feature + reason. These
 * files are small enough to hold (a city has tens of districts); they are still read as streams,
 * so a mistaken 2 GB file fails on its first bad bytes instead of filling memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import {
  crsOfGeoJSON,
  geometryCoordinateProblem,
  polygonProblems,
  readGeoJSONFeatures,
  readShapefile,
  reproject,
  shapefileSrid,
  GeoJSONReadError,
  UnknownCrsError,
} from '../../gis';
import type { ProblemList } from './problems';

export interface SourceFeature {
  /** 1-based position in the file, for messages. */
  index: number;
  properties: Record<string, unknown>;
  /** EPSG:4326 */
  geometry: Geometry;
}

export interface ReadGeoOptions {
  /** --srid: the CRS of files that do not declare one. */
  srid?: number;
  /** Drop features whose property equals one of the values (exclusions are logged). */
  exclude?: Array<{ key: string; value: string }>;
  /** 'polygon' (districts, areas), 'line' (streets) or 'place' (landmarks: a Point, or a polygon for an area). */
  shape: 'polygon' | 'line' | 'place';
  log?: (line: string) => void;
}

export interface GeoFileResult {
  file: string;
  srid: number;
  features: SourceFeature[];
}

/** The first existing file among `names` in `dir`, or undefined. */
export function findFile(dir: string, names: string[]): string | undefined {
  return names.find((n) => fs.existsSync(path.join(dir, n)));
}

function lineProblems(geometry: Geometry | null | undefined): string[] {
  if (!geometry) return ['has no geometry'];
  if (geometry.type !== 'LineString' && geometry.type !== 'MultiLineString') return [`is a ${geometry.type}; expected a LineString or MultiLineString`];
  const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
  const bad = lines.findIndex(
    (l) => !Array.isArray(l) || l.length < 2 || l.some((p) => !Array.isArray(p) || p.length < 2 || p.some((n) => typeof n !== 'number' || !Number.isFinite(n))),
  );
  return bad >= 0 ? [`line ${bad + 1} needs at least two positions of two numbers`] : [];
}

function placeProblems(geometry: Geometry | null | undefined): string[] {
  if (geometry?.type === 'Point') {
    const p = geometry.coordinates as unknown;
    return Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n))
      ? []
      : ['the Point needs a position of two numbers'];
  }
  if (geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon') return polygonProblems(geometry);
  return geometry ? [`is a ${geometry.type}; expected a Point, Polygon or MultiPolygon`] : ['has no geometry'];
}

const excluded = (props: Record<string, unknown>, exclude: ReadGeoOptions['exclude']) =>
  (exclude ?? []).find((e) => props[e.key] !== undefined && props[e.key] !== null && String(props[e.key]) === e.value);

/**
 * Reads `file` (GeoJSON, or an ESRI shapefile when it ends in .shp) from `dir`. Returns undefined
 * when it could not be read at all; problems of single features are added and those features left out.
 */
export async function readGeoFile(dir: string, file: string, options: ReadGeoOptions, problems: ProblemList): Promise<GeoFileResult | undefined> {
  const full = path.join(dir, file);
  const raw: Array<{ index: number; feature: Feature }> = [];
  let srid: number | undefined;
  try {
    if (/\.shp$/i.test(file)) {
      srid = shapefileSrid(full, options.srid);
      for await (const item of readShapefile(full)) raw.push(item);
    } else {
      if (fs.statSync(full).size === 0) {
        problems.add(file, undefined, 'the file is empty');
        return undefined;
      }
      for await (const event of readGeoJSONFeatures(full)) {
        // These files are held whole before reprojection, so the crs member may come anywhere.
        if (event.kind === 'member' && event.key === 'crs') {
          srid = crsOfGeoJSON(event.value);
        } else if (event.kind === 'feature') {
          raw.push(event);
        }
      }
      srid ??= options.srid ?? 4326;
    }
  } catch (err) {
    if (err instanceof GeoJSONReadError) problems.add(file, err.location, err.message.replace(`${err.location}: `, ''));
    else if (err instanceof UnknownCrsError) problems.add(file, undefined, err.message);
    else problems.add(file, undefined, `cannot be read: ${(err as Error).message}`);
    return undefined;
  }
  const features: SourceFeature[] = [];
  for (const { index, feature } of raw) {
    const location = `feature ${index}`;
    if (!feature || feature.type !== 'Feature') {
      problems.add(file, location, 'is not a GeoJSON Feature');
      continue;
    }
    const properties = (feature.properties ?? {}) as Record<string, unknown>;
    const drop = excluded(properties, options.exclude);
    if (drop) {
      options.log?.(`${file}: ${location} left out (${drop.key}=${drop.value})`);
      continue;
    }
    const shapeProblems =
      options.shape === 'polygon'
        ? polygonProblems(feature.geometry)
        : options.shape === 'place'
          ? placeProblems(feature.geometry)
          : lineProblems(feature.geometry);
    if (shapeProblems.length) {
      for (const reason of shapeProblems) problems.add(file, location, reason);
      continue;
    }
    const rangeProblem = geometryCoordinateProblem(feature.geometry, srid);
    if (rangeProblem) {
      problems.add(file, location, rangeProblem);
      continue;
    }
    features.push({ index, properties, geometry: reproject(feature.geometry as Geometry, srid) });
  }
  return { file, srid, features };
}

export type PolygonGeometry = Polygon | MultiPolygon;
