/**
 * What the connected engine can do, detected once at start-up. Every difference between the
 * embedded engine (PGlite + PostGIS) and a PostgreSQL + PostGIS server that the code relies on is
 * probed here, so that callers branch on a named capability, never on the engine's name.
 * The README lists the same differences for users.
 */
import type { Knex } from 'knex';

export interface Capabilities {
  /** PostGIS version string, e.g. "3.6.2". */
  postgisVersion: string;
  /** PostgreSQL major version. */
  postgresMajor: number;
  /** `ST_AsMVT` works (PostGIS built with protobuf-c). PGlite's PostGIS lacks it. */
  mvt: boolean;
  // pg_trgm is not a capability: openDatabase installs it on both engines or refuses to start.
  /** unaccent() for diacritic-insensitive search. */
  unaccent: boolean;
  /** Several connections at once (a pool); PGlite has a single session. */
  concurrentConnections: boolean;
}

async function works(knex: Knex, sql: string): Promise<boolean> {
  try {
    await knex.raw(sql);
    return true;
  } catch {
    return false;
  }
}

export async function detectCapabilities(knex: Knex): Promise<Capabilities> {
  const info = await knex.raw(`SELECT public.postgis_lib_version() AS postgis, current_setting('server_version_num')::int AS num`);
  const row = info.rows[0] as { postgis: string; num: number };
  const isPglite = (knex.client as { config?: { dialect?: string; client?: unknown } }).config?.client !== 'pg';
  return {
    postgisVersion: row.postgis,
    postgresMajor: Math.floor(row.num / 10000),
    mvt: await works(
      knex,
      `SELECT public.ST_AsMVT(q) FROM (SELECT 1 AS a, public.ST_AsMVTGeom(public.ST_Point(0, 0), public.ST_MakeEnvelope(-1, -1, 1, 1)) AS geom) q`,
    ),
    unaccent: await works(knex, `SELECT public.unaccent('Łódź')`),
    concurrentConnections: !isPglite,
  };
}
