import { crsDefinition, UnknownCrsError } from './crs-registry';

/**
 * Reads the EPSG code from the ways files name a coordinate system: `EPSG:2180`,
 * `urn:ogc:def:crs:EPSG::2180`, `urn:ogc:def:crs:EPSG:6.3:2180`,
 * `http://www.opengis.net/def/crs/EPSG/0/2180`, and OGC's CRS84 (which is EPSG:4326 in lon/lat order).
 * An unreadable or unsupported name is an {@link UnknownCrsError}: never a silent guess.
 *
 * @example
 * parseCrsName('urn:ogc:def:crs:EPSG::2180'); // 2180
 * parseCrsName('urn:ogc:def:crs:OGC:1.3:CRS84'); // 4326
 */
export function parseCrsName(name: string): number {
  const text = name.trim();
  if (/^urn:ogc:def:crs:OGC:(1\.3)?:CRS84$/i.test(text) || /\/def\/crs\/OGC\/1\.3\/CRS84$/i.test(text)) return 4326;
  const match =
    /^EPSG:+(\d+)$/i.exec(text) ??
    /^urn:ogc:def:crs:EPSG:[\d.]*:(\d+)$/i.exec(text) ??
    /^https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[\d.]+\/(\d+)$/i.exec(text);
  if (!match) throw new UnknownCrsError(`cannot read the coordinate system name ${JSON.stringify(name)} (expected e.g. EPSG:2180)`);
  const srid = Number(match[1]);
  crsDefinition(srid);
  return srid;
}

/**
 * The EPSG code of a GeoJSON `crs` member (the 2008 GeoJSON form that GDAL still writes), or
 * undefined when there is none. RFC 7946 dropped the member; files without it are EPSG:4326.
 *
 * @example
 * crsOfGeoJSON({ type: 'name', properties: { name: 'EPSG:2178' } }); // 2178
 */
export function crsOfGeoJSON(crs: unknown): number | undefined {
  if (crs === undefined || crs === null) return undefined;
  const name = (crs as { type?: unknown; properties?: { name?: unknown } }).properties?.name;
  if ((crs as { type?: unknown }).type !== 'name' || typeof name !== 'string') {
    throw new UnknownCrsError('the "crs" member must be {"type": "name", "properties": {"name": "EPSG:NNNN"}}');
  }
  return parseCrsName(name);
}
