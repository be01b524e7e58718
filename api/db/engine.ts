/**
 * One knex factory for both engines (issue #2):
 *  - `server`: node-postgres against PostgreSQL + PostGIS (DATABASE_URL);
 *  - `embedded`: PGlite + PostGIS in-process, persisted under `${dataDir}/pg`.
 * The same migrations and SQL run on both. What one engine lacks is detected once here
 * (see `capabilities.ts`) and callers pick an equivalent path from `db.capabilities`; what one engine
 * does better is a method of the Database (`prepared`: named statements on the server). SQL is
 * written with `sql` (sql.ts) and run with `query` / `queryOne` / `prepared` (query.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import pg from 'pg';
import type { Config, Engine } from '../config';
import { Capabilities, detectCapabilities } from './capabilities';
import { lockDataDir, type DirLock } from './lock';
import { pgPrepared } from './pg-prepared';
import type { Sql } from './sql';

export interface Database {
  knex: Knex;
  engine: Engine;
  /** Schema holding Kontakt's tables; extensions live in `public`. */
  schema: string;
  capabilities: Capabilities;
  /**
   * Runs a statement as a named (server-side prepared) statement, planned once per connection.
   * Absent where the engine has no use for it (PGlite: one in-process session); callers go
   * through `prepared()` in query.ts, which then runs a plain query. `name` must mean one text.
   */
  prepared?<Row>(name: string, q: Sql): Promise<Row[]>;
  close(): Promise<void>;
}

export interface OpenOptions {
  engine: Engine;
  databaseUrl?: string;
  /** Directory of the embedded database; `null` keeps it in memory (tests). */
  embeddedDir?: string | null;
  schema?: string;
  /** Pool size for the server engine. */
  poolMax?: number;
  /** An already started PGlite to share (tests); it stays open when this database closes. */
  embedded?: EmbeddedHandle;
}

export function openOptionsFromConfig(config: Config): OpenOptions {
  return {
    engine: config.engine,
    databaseUrl: config.databaseUrl,
    embeddedDir: path.join(config.dataDir, 'pg'),
    schema: config.dbSchema,
  };
}

/**
 * node-postgres returns int8 as strings and `date` as local-time Dates; PGlite returns numbers and
 * UTC Dates. Align the server engine on PGlite's choices so rows look the same on both engines.
 */
function pgTypes(): pg.CustomTypesConfig {
  const parseInt8 = (v: string) => {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v;
  };
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === 20) return parseInt8;
      if (oid === 1082) return (v: string) => new Date(`${v}T00:00:00Z`);
      return pg.types.getTypeParser(oid, format as 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/** Extensions Kontakt needs; installed once in `public` so that dropping a suite's schema keeps them. */
const EXTENSIONS = ['postgis', 'pg_trgm', 'unaccent'] as const;

export interface EmbeddedHandle {
  /** The PGlite instance (typed loosely: PGlite's types are ESM-only). */
  pglite: unknown;
}

/** Starts PGlite with PostGIS, pg_trgm and unaccent; `dir` null keeps it in memory. */
export async function startEmbedded(dir: string | null): Promise<EmbeddedHandle> {
  // Loaded lazily: the server engine never pays for the WASM bundle.
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: dir ?? undefined,
    extensions: { postgis, pg_trgm, unaccent },
  });
  return { pglite };
}

/**
 * A knex client over a PGlite instance. With `shared`, destroying the client leaves PGlite open:
 * the test suites share one in-memory instance, each in its own schema.
 */
async function knexOverPglite(handle: EmbeddedHandle, shared: boolean): Promise<Knex> {
  const ClientPgLite = (await import('knex-pglite')).default as unknown as new (config: Knex.Config) => Knex.Client;
  class SharedClient extends (ClientPgLite as unknown as { new (config: Knex.Config): Knex.Client }) {
    override async destroyRawConnection(): Promise<void> {
      /* the instance outlives this client */
    }
  }
  return knexFactory({
    client: (shared ? SharedClient : ClientPgLite) as unknown as typeof Knex.Client,
    dialect: 'postgres',
    connection: (() => ({ pglite: handle.pglite })) as unknown as Knex.StaticConnectionConfig,
  });
}

function openServer(url: string, poolMax: number, schema: string): Knex {
  return knexFactory({
    client: 'pg',
    connection: { connectionString: url, types: pgTypes(), application_name: 'kontakt' } as Knex.PgConnectionConfig,
    pool: { min: 0, max: poolMax },
    // Set on every new pooled connection: the schema first, `public` for PostGIS and friends.
    searchPath: schema === 'public' ? undefined : [schema, 'public'],
  });
}

/** Opens the database, installs the extensions if missing, and selects the schema. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  const schema = options.schema ?? 'public';
  let knex: Knex;
  // A data directory on disk belongs to one process at a time (lock.ts): a second one refuses at once.
  let lock: DirLock | undefined;
  const release = async () => {
    await knex?.destroy().catch(() => undefined);
    await lock?.release();
  };
  if (options.engine === 'server') {
    if (!options.databaseUrl) throw new Error('the server engine needs DATABASE_URL');
    knex = openServer(options.databaseUrl, options.poolMax ?? 10, schema);
  } else if (options.embedded) {
    knex = await knexOverPglite(options.embedded, true);
  } else {
    if (options.embeddedDir) lock = await lockDataDir(options.embeddedDir);
    try {
      knex = await knexOverPglite(await startEmbedded(options.embeddedDir ?? null), false);
    } catch (err) {
      await lock?.release();
      throw err;
    }
  }
  try {
    for (const ext of EXTENSIONS) {
      await knex.raw(`CREATE EXTENSION IF NOT EXISTS ${ext} WITH SCHEMA public`);
    }
    if (schema !== 'public') {
      await knex.raw(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      // PGlite has exactly one session: setting the path once holds for the client's lifetime.
      if (options.engine === 'embedded') await knex.raw(`SET search_path TO ${schema}, public`);
    }
  } catch (err) {
    await release();
    throw new Error(`cannot prepare the ${options.engine} database: ${(err as Error).message}`);
  }
  const capabilities = await detectCapabilities(knex);
  return {
    knex,
    engine: options.engine,
    schema,
    capabilities,
    prepared: options.engine === 'server' ? pgPrepared(knex) : undefined,
    // The lock goes only after PGlite has flushed and closed the directory.
    close: release,
  };
}
