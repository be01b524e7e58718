/**
 * Test databases. Each suite gets its own schema on the engine under test: the server engine when
 * DATABASE_URL is set, else one shared in-memory PGlite (starting PGlite costs ~15 s, so the test
 * process starts it once). PostGIS and friends live in `public`, so dropping a suite's schema
 * cannot remove them.
 */
import crypto from 'node:crypto';
import { openDatabase, startEmbedded, Database, EmbeddedHandle } from '../api/db/engine';
import { migrateLatest } from '../api/db/migrate';

let sharedEmbedded: Promise<EmbeddedHandle> | undefined;

export const testEngine = (): 'server' | 'embedded' => (process.env.DATABASE_URL ? 'server' : 'embedded');

/** Opens a fresh schema named after the suite; `migrate` (default true) brings it to the latest version. */
export async function openTestDatabase(suite: string, options: { migrate?: boolean } = {}): Promise<Database> {
  const schema = `t_${suite
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 40)}_${crypto.randomBytes(3).toString('hex')}`;
  let db: Database;
  if (testEngine() === 'server') {
    db = await openDatabase({ engine: 'server', databaseUrl: process.env.DATABASE_URL, schema, poolMax: 4 });
  } else {
    sharedEmbedded ??= startEmbedded(null);
    db = await openDatabase({ engine: 'embedded', embedded: await sharedEmbedded, schema });
  }
  if (options.migrate !== false) await migrateLatest(db);
  const close = db.close;
  db.close = async () => {
    await db.knex.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await close();
  };
  return db;
}
