/**
 * Named (server-side prepared) statements for the intake's two big statements. Their plans cost
 * 5-8 ms to build (many LATERAL joins) against well under 1 ms to run (EXPLAIN in
 * bench/pipeline.ts); a prepared statement is planned once per connection and the plan reused.
 * The embedded engine has one in-process session and runs them through knex as usual.
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Database } from '../db/engine';

interface PgClient {
  query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: any[] }>;
}

const names = new Map<string, string>();

export async function rawPrepared(db: Database, sql: string, bindings: unknown[]): Promise<{ rows: any[] }> {
  if (db.engine !== 'server') return db.knex.raw(sql, bindings as Knex.RawBinding[]);
  const native = db.knex
    .raw(sql, bindings as Knex.RawBinding[])
    .toSQL()
    .toNative();
  let name = names.get(native.sql);
  if (!name) {
    name = `k_${crypto.createHash('sha1').update(native.sql).digest('hex').slice(0, 16)}`;
    names.set(native.sql, name);
  }
  // Keep the 'query' event that tools (bench EXPLAIN, debug logging) listen to.
  db.knex.emit('query', { sql: native.sql, bindings: native.bindings });
  const client = db.knex.client as { acquireConnection(): Promise<PgClient>; releaseConnection(c: PgClient): Promise<void> };
  const conn = await client.acquireConnection();
  try {
    return await conn.query({ name, text: native.sql, values: native.bindings as unknown[] });
  } finally {
    await client.releaseConnection(conn);
  }
}
