/**
 * The coordinate reference systems Kontakt accepts at its edges (issue #2, item 4), with their proj4
 * definitions and the area each one is meant for. Everything inside Kontakt is EPSG:4326; other
 * systems only pass through proj4 at import and input time (architecture.md, habit 8).
 *
 * The area of use (lon/lat, degrees) lets an import notice coordinates that cannot belong to the
 * declared system, such as metres declared as degrees, instead of storing points in the ocean.
 */

export interface CrsDefinition {
  srid: number;
  name: string;
  proj4: string;
  /** Units of the x/y values as they appear in files. */
  units: 'degree' | 'metre' | 'us-foot';
  /** [west, south, east, north] in degrees where coordinates of this system make sense (with a margin). */
  area: [number, number, number, number];
  /** Projection parameters used to recognise an ESRI .prj that carries no EPSG code. */
  prj?: { projection: string[]; params: Record<string, number> };
}

// PL-2000 zones share everything but the central meridian and the false easting (zone number * 1e6 + 500000).
const cs2000 = (srid: number, zone: number, meridian: number): CrsDefinition => ({
  srid,
  name: `ETRF2000-PL / CS2000/${meridian} (zone ${zone})`,
  proj4: `+proj=tmerc +lat_0=0 +lon_0=${meridian} +k=0.999923 +x_0=${zone * 1e6 + 500000} +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`,
  units: 'metre',
  // Each zone is 3 degrees wide; 1.5 degrees of margin keeps points near a zone edge acceptable.
  area: [meridian - 3, 48, meridian + 3, 55.5],
  prj: {
    projection: ['transversemercator'],
    params: { centralmeridian: meridian, scalefactor: 0.999923, falseeasting: zone * 1e6 + 500000, falsenorthing: 0 },
  },
});

export const CRS_REGISTRY: ReadonlyMap<number, CrsDefinition> = new Map(
  [
    {
      srid: 4326,
      name: 'WGS 84 (longitude, latitude)',
      proj4: '+proj=longlat +datum=WGS84 +no_defs',
      units: 'degree',
      area: [-180, -90, 180, 90],
    },
    {
      srid: 3857,
      name: 'WGS 84 / Pseudo-Mercator',
      proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
      units: 'metre',
      area: [-180, -85.06, 180, 85.06],
      prj: {
        projection: ['mercatorauxiliarysphere', 'popularvisualisationpseudomercator', 'pseudomercator'],
        params: { centralmeridian: 0, falseeasting: 0, falsenorthing: 0 },
      },
    },
    {
      srid: 2180,
      name: 'ETRF2000-PL / CS92',
      proj4: '+proj=tmerc +lat_0=0 +lon_0=19 +k=0.9993 +x_0=500000 +y_0=-5300000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
      units: 'metre',
      area: [13, 48, 25.5, 55.5],
      prj: { projection: ['transversemercator'], params: { centralmeridian: 19, scalefactor: 0.9993, falseeasting: 500000, falsenorthing: -5300000 } },
    },
    cs2000(2176, 5, 15),
    cs2000(2177, 6, 18),
    cs2000(2178, 7, 21),
    cs2000(2179, 8, 24),
    {
      srid: 2263,
      name: 'NAD83 / New York Long Island (ftUS)',
      proj4:
        '+proj=lcc +lat_0=40.1666666666667 +lon_0=-74 +lat_1=41.0333333333333 +lat_2=40.6666666666667 +x_0=300000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=us-ft +no_defs',
      units: 'us-foot',
      area: [-75.5, 40, -71, 41.8],
      // ESRI writes the false easting in the unit of the system: 300000 m = 984250 US feet.
      prj: {
        projection: ['lambertconformalconic', 'lambertconformalconic2sp'],
        params: { centralmeridian: -74, standardparallel1: 41.0333333333333, standardparallel2: 40.6666666666667, falseeasting: 984250 },
      },
    },
  ].map((d) => [d.srid, d as CrsDefinition]),
);

export const SUPPORTED_SRIDS: readonly number[] = [...CRS_REGISTRY.keys()];

/** Thrown for a coordinate system that is missing, unreadable or not one of {@link SUPPORTED_SRIDS}. */
export class UnknownCrsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownCrsError';
  }
}

/**
 * The definition of a supported EPSG code, or an {@link UnknownCrsError}.
 *
 * @example
 * crsDefinition(2180).name; // 'ETRF2000-PL / CS92'
 */
export function crsDefinition(srid: number): CrsDefinition {
  const def = CRS_REGISTRY.get(srid);
  if (!def) throw new UnknownCrsError(`EPSG:${srid} is not a supported coordinate system (supported: ${SUPPORTED_SRIDS.map((s) => `EPSG:${s}`).join(', ')})`);
  return def;
}
