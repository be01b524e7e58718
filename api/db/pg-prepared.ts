import type { Knex } from 'knex';
import type { Sql } from './sql';

interface PgClient {
  query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Named statements through node-postgres (server engine). PGlite has one in-process session and
 * no planning cost worth saving at its scale, so the embedded engine gives no `prepared` and the
 * statement runs as a plain query.
 */
export function pgPrepared(knex: Knex): <Row>(name: string, q: Sql) => Promise<Row[]> {
  return async <Row>(name: string, q: Sql): Promise<Row[]> => {
    const text = q.text;
    const values = [...q.values];
    // Keep the 'query' event that tools (bench EXPLAIN, debug logging) listen to.
    knex.emit('query', { sql: text, bindings: values });
    const client = knex.client as { acquireConnection(): Promise<PgClient>; releaseConnection(c: PgClient): Promise<void> };
    const conn = await client.acquireConnection();
    try {
      return (await conn.query({ name, text, values })).rows as Row[];
    } finally {
      await client.releaseConnection(conn);
    }
  };
}
