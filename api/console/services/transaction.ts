/**
 * One unit of work for the console's multi-step actions: the callback gets a Database whose knex is
 * the transaction, so every module it calls (the intake pipeline included, which takes a Database)
 * writes inside it. Named prepared statements (db.prepared, server engine) are bound to the pool
 * they were made on: the transactional Database gets its own, bound to the transaction's
 * connection, or those statements would commit on their own. On the embedded engine there is one
 * connection: code inside must use only the Database it is given, never the outer one, or it waits
 * for itself.
 */
import type { Database } from '../../db/engine';
import { pgPrepared } from '../../db/query';

export function inTransaction<T>(db: Database, work: (tdb: Database) => Promise<T>): Promise<T> {
  return db.knex.transaction((trx) => work({ ...db, knex: trx, prepared: db.prepared ? pgPrepared(trx) : undefined }));
}
