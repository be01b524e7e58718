import type { Knex } from 'knex';
import type { CityFile } from './pack-types';
import { Count, countUpsert } from './write-support';

const DEFAULT_HOURS = { mon: ['08:00', '16:00'], tue: ['08:00', '16:00'], wed: ['08:00', '16:00'], thu: ['08:00', '16:00'], fri: ['08:00', '16:00'] };

/** Creates or updates the jurisdiction row from city.json (the boundary is set later, from the districts). */
export async function writeJurisdiction(trx: Knex.Transaction, city: CityFile, count: Count): Promise<void> {
  await countUpsert(
    trx,
    `
    INSERT INTO jurisdictions AS j (id, name, name_en, time_zone, default_locale, local_srid, holiday_country, working_hours, days_off, settings)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, time_zone = EXCLUDED.time_zone,
      default_locale = EXCLUDED.default_locale, local_srid = EXCLUDED.local_srid, holiday_country = EXCLUDED.holiday_country,
      working_hours = EXCLUDED.working_hours, days_off = EXCLUDED.days_off, settings = EXCLUDED.settings, updated_at = now()
    WHERE (j.name, j.name_en, j.time_zone, j.default_locale, j.local_srid, j.holiday_country, j.working_hours, j.days_off, j.settings)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.name_en, EXCLUDED.time_zone, EXCLUDED.default_locale, EXCLUDED.local_srid,
      EXCLUDED.holiday_country, EXCLUDED.working_hours, EXCLUDED.days_off, EXCLUDED.settings)
    RETURNING (xmax = 0) AS inserted`,
    [
      city.id,
      city.name,
      city.name_en ?? null,
      city.time_zone ?? 'Europe/Warsaw',
      city.default_locale ?? 'pl',
      city.local_srid ?? 2180,
      city.holiday_country ?? 'PL',
      JSON.stringify(city.working_hours ?? DEFAULT_HOURS),
      JSON.stringify(city.days_off ?? []),
      JSON.stringify(city.settings ?? {}),
    ],
    1,
    count,
  );
}

/**
 * Sets the jurisdiction boundary to the union of its current districts. Only called when the
 * districts changed (or the boundary is missing), so an unchanged re-import writes nothing.
 */
export async function writeBoundary(trx: Knex.Transaction, jurisdictionId: string, force: boolean): Promise<boolean> {
  const result = await trx.raw(
    `
    UPDATE jurisdictions SET boundary = u.geom, updated_at = now()
    FROM (SELECT ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(geom)), 3)) AS geom
          FROM districts WHERE jurisdiction_id = ? AND valid_to IS NULL) u
    WHERE jurisdictions.id = ? AND (? OR jurisdictions.boundary IS NULL)
    RETURNING 1`,
    [jurisdictionId, jurisdictionId, force],
  );
  return result.rows.length > 0;
}
