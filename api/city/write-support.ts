/** Small pieces shared by the writers of an import. */
import type { Knex } from 'knex';

export interface Count {
  inserted: number;
  updated: number;
  unchanged: number;
  closed?: number;
}
export type Counts = Record<string, Count>;

export const emptyCount = (withClosed = false): Count =>
  withClosed ? { inserted: 0, updated: 0, unchanged: 0, closed: 0 } : { inserted: 0, updated: 0, unchanged: 0 };

/**
 * Runs an `INSERT ... ON CONFLICT DO UPDATE ... WHERE (old) IS DISTINCT FROM (new) RETURNING
 * (xmax = 0) AS inserted`, and counts the outcome of `rows` attempted rows: a returned row with
 * `inserted` was new, one without was changed, and rows not returned were already up to date.
 * Returns the returned rows too (callers read ids from them).
 */
export async function countUpsert<R extends { inserted: boolean }>(
  trx: Knex.Transaction,
  sql: string,
  bindings: readonly Knex.RawBinding[],
  rows: number,
  count: Count,
): Promise<R[]> {
  const result = await trx.raw(sql, bindings);
  const returned = result.rows as R[];
  const inserted = returned.filter((r) => r.inserted).length;
  count.inserted += inserted;
  count.updated += returned.length - inserted;
  count.unchanged += rows - returned.length;
  return returned;
}
