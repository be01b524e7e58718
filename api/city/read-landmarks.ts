/**
 * landmarks.geojson, first phase: read the features (Points, or Polygons for areas such as a park;
 * any CRS the other layers accept, reprojected to EPSG:4326 by readGeoFile), check each feature's
 * properties against schemas/landmark.schema.json and the codes for duplicates. Problems name the
 * feature and the field: `feature 3, properties.kind`.
 */
import type { Geometry } from 'geojson';
import type { LandmarkProperties } from './pack-types';
import type { ProblemList } from './problems';
import { findFile, readGeoFile } from './read-geo-files';
import { landmarkPropertyProblems } from './validate-json';

export interface LandmarkInput {
  index: number;
  code: string;
  name: string;
  nameEn: string | null;
  kind: string;
  aliases: string[];
  address: string | null;
  /** `id` of an address point of the register; resolved during the import. */
  addressSourceId: string | null;
  active: boolean;
  /** EPSG:4326 Point, Polygon or MultiPolygon. */
  geometry: Geometry;
}

export const LANDMARKS_FILE = 'landmarks.geojson';

/** `feature 3` plus the field the problem is about, when there is one. */
function where(index: number, path: string, reason: string): string {
  const missing = /^"([^"]+)" is required$/.exec(reason);
  const field = missing ? `${path === '$' ? '$' : path}.${missing[1]}` : path;
  return field === '$' ? `feature ${index}` : `feature ${index}, properties${field.slice(1)}`;
}

/** The landmarks of the pack; undefined when the pack has no landmarks.geojson (then the import leaves landmarks alone). */
export async function readLandmarks(
  dir: string,
  options: { srid?: number; log?: (line: string) => void },
  problems: ProblemList,
): Promise<LandmarkInput[] | undefined> {
  const file = findFile(dir, [LANDMARKS_FILE]);
  if (!file) return undefined;
  const read = await readGeoFile(dir, file, { srid: options.srid, shape: 'place', log: options.log }, problems);
  if (!read) return [];
  const out: LandmarkInput[] = [];
  const firstAt = new Map<string, number>();
  for (const f of read.features) {
    const found = landmarkPropertyProblems(f.properties);
    for (const p of found) problems.add(file, where(f.index, p.location, p.reason), p.reason);
    if (found.length) continue;
    const props = f.properties as unknown as LandmarkProperties;
    const at = firstAt.get(props.code);
    if (at !== undefined) {
      problems.add(file, `feature ${f.index}, properties.code`, `duplicate landmark code ${JSON.stringify(props.code)} (first at feature ${at})`);
      continue;
    }
    firstAt.set(props.code, f.index);
    const text = (v: string | null | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : null);
    out.push({
      index: f.index,
      code: props.code,
      name: props.name.trim(),
      nameEn: text(props.name_en),
      kind: props.kind ?? 'other',
      aliases: [...new Set((props.aliases ?? []).map((a) => a.trim()).filter(Boolean))],
      address: text(props.address),
      addressSourceId: text(props.address_id),
      active: props.active ?? true,
      geometry: f.geometry,
    });
  }
  return out;
}
