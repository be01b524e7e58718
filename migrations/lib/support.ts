/**
 * Helpers shared by migrations. This folder is not scanned by knex (it lists files, not folders),
 * so nothing here runs as a migration. Never change a helper in a way that alters a merged migration.
 */
import type { Knex } from 'knex';

export type GeometryType = 'Point' | 'MultiPoint' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon';

/** A geometry column typed with SRID 4326 (every geometry column of Kontakt is). */
export function geometry(t: Knex.CreateTableBuilder, name: string, type: GeometryType, nullable = true): Knex.ColumnBuilder {
  const col = t.specificType(name, `public.geometry(${type},4326)`);
  return nullable ? col.nullable() : col.notNullable();
}

/** The GIST index every geometry column gets. */
export async function gist(knex: Knex, table: string, column: string): Promise<void> {
  await knex.raw(`CREATE INDEX ${table}_${column}_gist ON ${table} USING gist (${column})`);
}

/** created_at / updated_at, commented. */
export function timestamps(t: Knex.CreateTableBuilder, knex: Knex): void {
  t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('When the row was created');
  t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('When the row last changed');
}
