/**
 * The one executor: runs a `Sql` (sql.ts) on either engine, on a database, its knex or a
 * transaction, and returns typed rows.
 *
 * It goes through `knex.raw` (with `?` placeholders, see Sql.toKnex) rather than the driver, so a
 * statement joins the caller's transaction and emits knex's 'query' event (bench EXPLAIN, debug
 * logging) on both engines. Named prepared statements are a capability of the engine object:
 * `db.prepared` (engine.ts) runs them on the server; `prepared()` below is how callers ask.
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Database } from './engine';
import type { Sql } from './sql';

export type Runner = Database | Knex | Knex.Transaction;

const knexOf = (on: Runner): Knex => (typeof on === 'function' ? on : on.knex);

/** All rows of a statement. */
export async function query<Row = Record<string, unknown>>(on: Runner, q: Sql): Promise<Row[]> {
  const { sql, bindings } = q.toKnex();
  const result = await knexOf(on).raw(sql, bindings as Knex.RawBinding[]);
  return (result.rows ?? []) as Row[];
}

/** The first row, or undefined. */
export async function queryOne<Row = Record<string, unknown>>(on: Runner, q: Sql): Promise<Row | undefined> {
  return (await query<Row>(on, q))[0];
}

/**
 * A statement worth a named (server-side prepared) statement: planned once per connection, the
 * plan reused. The name is the caller's plus a hash of the text, since one call site can build
 * several texts (optional clauses) and a name must always mean one text on a connection.
 * An engine without the capability (hand-made Database records in tests) runs it as a plain query.
 */
export async function prepared<Row = Record<string, unknown>>(db: Database, name: string, q: Sql): Promise<Row[]> {
  if (!db.prepared) return query<Row>(db, q);
  return db.prepared<Row>(statementName(name, q.text), q);
}

const names = new Map<string, string>();

/** `name_<16 hex of sha1(text)>`; PostgreSQL truncates names at 63 bytes, so the name part is cut. */
export function statementName(name: string, text: string): string {
  const key = `${name}\0${text}`;
  let found = names.get(key);
  if (!found) {
    found = `${name.replace(/[^a-z0-9_]/gi, '_').slice(0, 40)}_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(key, found);
  }
  return found;
}

/**
 * Named statements through node-postgres (server engine); in pg-prepared.ts so that engine.ts can
 * build its `prepared` without importing this module, which imports engine.ts's types.
 */
export { pgPrepared } from './pg-prepared';
