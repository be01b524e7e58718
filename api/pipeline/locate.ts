/**
 * Location (issue #4 §1): WGS 84 lat/long; a projected x/y in any CRS PostGIS knows
 * (`spatial_ref_sys`: EPSG:2180 PL-1992, 2176-2179 PL-2000 zones, 3857 web mercator, ...);
 * an `address_string` (geocoded: the best candidate must score at least GEOCODE_THRESHOLD);
 * an `address_id` (the register's id, Open311 address_id).
 */
import { queryOne } from '../db/query';
import { sql } from '../db/sql';
import type { Database } from '../db/engine';
import { Errors } from '../errors';
import { geocode, GEOCODE_THRESHOLD } from '../geocoder/search';
import type { LocationInput, Reason } from './types';
import { decimal, parseCoordinate } from '../../gis/bbox';

export interface Located {
  lat: number;
  long: number;
  /** Field to blame when the point is outside the jurisdiction. */
  field: string;
  addressId?: number;
  reason: Reason;
}

export function checkWgs84(lat: unknown, long: unknown): { lat: number; long: number } {
  const problems = [];
  const la = parseCoordinate(lat, 'lat');
  const lo = parseCoordinate(long, 'long');
  if (!la.ok && la.reason === 'format') problems.push({ field: 'lat', description: 'lat must be a number (degrees, WGS 84)' });
  else if (!la.ok) problems.push({ field: 'lat', description: `lat ${decimal(lat)} is out of range (-90..90)` });
  if (!lo.ok && lo.reason === 'format') problems.push({ field: 'long', description: 'long must be a number (degrees, WGS 84)' });
  else if (!lo.ok) problems.push({ field: 'long', description: `long ${decimal(long)} is out of range (-180..180)` });
  if (!la.ok || !lo.ok) throw Errors.many(problems);
  return { lat: la.value, long: lo.value };
}

export async function locate(db: Database, jurisdictionId: string, loc: LocationInput): Promise<Located> {
  switch (loc.kind) {
    case 'wgs84': {
      const p = checkWgs84(loc.lat, loc.long);
      return { ...p, field: 'lat', reason: { step: 'location', text: `point ${p.lat.toFixed(6)}, ${p.long.toFixed(6)} (WGS 84)` } };
    }
    case 'projected': {
      if (!Number.isFinite(loc.x) || !Number.isFinite(loc.y)) throw Errors.badRequest('x', 'x and y must be numbers');
      if (!Number.isInteger(loc.srid)) throw Errors.badRequest('srid', 'srid must be an EPSG code, e.g. 2180');
      const known = await queryOne(db, sql`SELECT 1 FROM spatial_ref_sys WHERE srid = ${loc.srid}`);
      if (!known) throw Errors.badRequest('srid', `EPSG:${loc.srid} is not a coordinate system this server knows`);
      let row: { lat: number; long: number };
      try {
        row = (await queryOne<{ lat: number; long: number }>(
          db,
          sql`SELECT ST_Y(p) AS lat, ST_X(p) AS long FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(${loc.x}, ${loc.y}), ${loc.srid}::int), 4326) AS p) q`,
        ))!;
      } catch {
        throw Errors.badRequest('x', `x ${loc.x}, y ${loc.y} cannot be converted from EPSG:${loc.srid}`);
      }
      if (!Number.isFinite(row.lat) || !Number.isFinite(row.long) || Math.abs(row.lat) > 90 || Math.abs(row.long) > 180) {
        throw Errors.badRequest('x', `x ${loc.x}, y ${loc.y} is not a valid position in EPSG:${loc.srid}`);
      }
      return {
        lat: row.lat,
        long: row.long,
        field: 'x',
        reason: { step: 'location', text: `EPSG:${loc.srid} x ${loc.x}, y ${loc.y} -> ${row.lat.toFixed(6)}, ${row.long.toFixed(6)}` },
      };
    }
    case 'address_string': {
      const text = loc.text.trim();
      if (!text) throw Errors.missing('address_string');
      const best = (await geocode(db, jurisdictionId, text, { limit: 3 }))[0];
      if (!best || best.score < GEOCODE_THRESHOLD) {
        throw Errors.badRequest(
          'address_string',
          `address_string ${JSON.stringify(text.slice(0, 100))} was not found in the address register${best ? ` (best guess "${best.label}" is not close enough)` : ''}; give lat/long or a fuller address`,
        );
      }
      return {
        lat: best.lat,
        long: best.long,
        field: 'address_string',
        addressId: best.addressId,
        reason: { step: 'location', text: `address "${text.slice(0, 100)}" geocoded to ${best.label} (score ${best.score})` },
      };
    }
    case 'address_id': {
      const row = await queryOne<{ id: number; label: string; lat: number; long: number }>(
        db,
        sql`SELECT id, street || ' ' || house_number AS label, ST_Y(geom) AS lat, ST_X(geom) AS long FROM addresses WHERE jurisdiction_id = ${jurisdictionId} AND source_id = ${loc.id}`,
      );
      if (!row) throw Errors.badRequest('address_id', `address_id ${JSON.stringify(String(loc.id).slice(0, 100))} is not in the address register`);
      return {
        lat: row.lat,
        long: row.long,
        field: 'address_id',
        addressId: row.id,
        reason: { step: 'location', text: `address ${row.label} (address_id ${loc.id})` },
      };
    }
  }
}
