import fs from 'node:fs';
import path from 'node:path';
import type { Feature } from 'geojson';
import { parsePrj } from './parse-prj';
import { UnknownCrsError } from './crs-registry';

// The shapefile package ships no types; this is the part Kontakt uses.
interface ShapefileSource {
  read(): Promise<{ done: boolean; value: Feature }>;
  cancel?(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const shapefile = require('shapefile') as { open(shp: string, dbf?: string, options?: { encoding?: string }): Promise<ShapefileSource> };

/**
 * The EPSG code of a shapefile: from its `.prj`, else `srid` (from --srid), else an
 * {@link UnknownCrsError}: a shapefile carries no CRS of its own, so guessing would be silent harm.
 *
 * @example
 * shapefileSrid('districts.shp'); // 2180 when districts.prj describes CS92
 */
export function shapefileSrid(shpPath: string, srid?: number): number {
  const prj = shpPath.replace(/\.shp$/i, '.prj');
  if (fs.existsSync(prj)) {
    if (fs.statSync(prj).size > 64 * 1024) throw new UnknownCrsError(`${path.basename(prj)} is larger than 64 KB; it is not a projection file`);
    return parsePrj(fs.readFileSync(prj, 'utf8'));
  }
  if (srid !== undefined) return srid;
  throw new UnknownCrsError(`${path.basename(prj)} is missing, so the coordinate system is unknown; add the .prj file or give --srid`);
}

/**
 * Streams the features of an ESRI shapefile (`.shp` with its `.dbf`), numbered from 1, with the
 * coordinates as stored (see {@link shapefileSrid} for their CRS). Attribute text is read as UTF-8
 * unless a `.cpg` file names another encoding.
 *
 * @example
 * for await (const { index, feature } of readShapefile('districts.shp')) console.log(index, feature.properties);
 */
export async function* readShapefile(shpPath: string): AsyncGenerator<{ index: number; feature: Feature }> {
  const dbf = shpPath.replace(/\.shp$/i, '.dbf');
  const cpg = shpPath.replace(/\.shp$/i, '.cpg');
  const encoding = fs.existsSync(cpg) ? fs.readFileSync(cpg, 'utf8').trim().toLowerCase() || 'utf-8' : 'utf-8';
  const source = await shapefile.open(shpPath, fs.existsSync(dbf) ? dbf : undefined, { encoding });
  let index = 0;
  for (;;) {
    const { done, value } = await source.read();
    if (done) return;
    index++;
    yield { index, feature: value };
  }
}
