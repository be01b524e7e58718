/**
 * One unit of work for the console's multi-step actions: the callback gets a Database whose knex is
 * the transaction, so every module it calls (the intake pipeline included, which takes a Database)
 * writes inside it. On the embedded engine there is one connection: code inside must use only the
 * Database it is given, never the outer one, or it waits for itself.
 */
import type { Database } from '../../db/engine';

export function inTransaction<T>(db: Database, work: (tdb: Database) => Promise<T>): Promise<T> {
  return db.knex.transaction((trx) => work({ ...db, knex: trx }));
}
