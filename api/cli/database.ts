/** Opens the same database the server uses, migrated, for one command; closes it afterwards. */
import type { Config } from '../config';
import { openDatabase, openOptionsFromConfig, Database } from '../db/engine';
import { migrateLatest } from '../db/migrate';
import { setPasswordCost } from '../auth/secrets';

export async function withDatabase<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  setPasswordCost(config.passwordCost);
  const db = await openDatabase(openOptionsFromConfig(config));
  try {
    await migrateLatest(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}
