/**
 * What the intake reads before it resolves a report: which jurisdiction, its calendar, the service
 * and its attribute definitions, and the request a "me too" joins. Read-only; the statements that
 * store are in intake-store.ts.
 */
import type { Knex } from 'knex';
import type { Database } from '../db/engine';
import { query, queryOne } from '../db/query';
import { sql } from '../db/sql';
import { Errors } from '../errors';
import { checkWgs84 } from './locate';
import { normalisePublicId } from './public-id';
import type { ServiceRow } from './resolve';
import type { LocationInput } from './types';
import type { AttributeDef } from './validate';
import { citySettings, CITY_SETTINGS_DEFAULTS } from '../../kernel/city-settings';

export interface Context {
  jurisdiction: { id: string; name: string; time_zone: string; working_hours: unknown; holiday_country: string; days_off: unknown; settings?: unknown };
  service?: ServiceRow;
  attributes: AttributeDef[];
}

/** Jurisdictions whose boundary (or, without one, whose current districts) hold the point. */
export async function jurisdictionsAtPoint(knex: Knex, lat: number, long: number): Promise<string[]> {
  const point = sql`ST_SetSRID(ST_MakePoint(${long}, ${lat}), 4326)`;
  const rows = await query<{ id: string }>(
    knex,
    sql`SELECT j.id FROM jurisdictions j
      WHERE ST_Intersects(j.boundary, ${point})
         OR (j.boundary IS NULL AND EXISTS (SELECT 1 FROM district_parts dp JOIN districts d ON d.id = dp.district_id AND d.valid_to IS NULL
              WHERE dp.jurisdiction_id = j.id AND ST_Intersects(dp.geom, ${point})))`,
  );
  return rows.map((r) => r.id);
}

/** Which jurisdiction a report belongs to: given, the only one, or the one whose boundary holds the point. */
export async function resolveJurisdiction(db: Database, jurisdictionId: string | undefined, location?: LocationInput): Promise<string> {
  if (jurisdictionId) {
    if (!(await queryOne(db, sql`SELECT id FROM jurisdictions WHERE id = ${jurisdictionId}`))) throw Errors.notFound('jurisdiction_id', jurisdictionId);
    return jurisdictionId;
  }
  const all = await query<{ id: string }>(db, sql`SELECT id FROM jurisdictions ORDER BY id LIMIT 2`);
  if (all.length === 0) throw Errors.badRequest('jurisdiction_id', 'no jurisdiction is configured on this server');
  if (all.length === 1) return all[0].id;
  if (location?.kind === 'wgs84') {
    const p = checkWgs84(location.lat, location.long);
    const hits = await jurisdictionsAtPoint(db.knex, p.lat, p.long);
    if (hits.length === 1) return hits[0];
  }
  throw Errors.badRequest('jurisdiction_id', 'jurisdiction_id is required: this server serves several jurisdictions');
}

/** City setting resolution.nearest_district_m (settings were checked at import; a broken one falls back to the default). */
export function nearestDistrictM(settings: unknown): number {
  try {
    return citySettings(settings).resolution.nearestDistrictM;
  } catch {
    return CITY_SETTINGS_DEFAULTS.nearestDistrictM;
  }
}

export async function loadContext(knex: Knex, jurisdictionId: string, serviceCode: string | undefined): Promise<Context> {
  const r = await queryOne<{ jurisdiction: unknown; service: unknown; attributes: unknown }>(
    knex,
    sql`SELECT to_jsonb(j) - 'boundary' AS jurisdiction, CASE WHEN s.id IS NULL THEN NULL ELSE to_jsonb(s) END AS service,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('code', a.code, 'datatype', a.datatype, 'variable', a.variable, 'required', a.required, 'values', a.values) ORDER BY a."order"), '[]'::jsonb)
               FROM service_attributes a WHERE a.service_id = s.id) AS attributes
       FROM jurisdictions j LEFT JOIN services s ON s.jurisdiction_id = j.id AND s.code = ${serviceCode ?? null}
      WHERE j.id = ${jurisdictionId}`,
  );
  if (!r) throw Errors.notFound('jurisdiction_id', jurisdictionId);
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return {
    jurisdiction: parse(r.jurisdiction),
    service: r.service ? parse<ServiceRow>(r.service) : undefined,
    attributes: parse<AttributeDef[]>(r.attributes) ?? [],
  };
}

/** The existing request a report joins: chains are flattened; closed requests refuse. */
export async function attachTarget(knex: Knex, jurisdictionId: string, publicId: string): Promise<{ id: number; publicId: string }> {
  const t = await queryOne<{ id: number; public_id: string; status: string }>(
    knex,
    sql`SELECT coalesce(root.id, r.id) AS id, coalesce(root.public_id, r.public_id) AS public_id, coalesce(root.status, r.status) AS status
       FROM requests r LEFT JOIN requests root ON root.id = r.duplicate_of_id
      WHERE r.public_id = ${normalisePublicId(publicId)} AND r.jurisdiction_id = ${jurisdictionId}`,
  );
  if (!t) throw Errors.notFound('service_request_id', publicId);
  if (t.status !== 'open')
    throw Errors.badRequest('service_request_id', `request ${t.public_id} is closed; closed requests are not merge targets unless reopened`);
  return { id: Number(t.id), publicId: t.public_id };
}

/** The register's own point for an address given by id. */
export async function addressById(knex: Knex, id: number) {
  return queryOne<{ id: number; source_id: string; label: string; postcode: string | null }>(
    knex,
    sql`SELECT id, source_id, street || ' ' || house_number AS label, postcode FROM addresses WHERE id = ${id}`,
  );
}
