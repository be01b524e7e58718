/**
 * Schema migrations (knex, TypeScript, in `migrations/`). The migration bookkeeping tables live in
 * the same schema as the data, so each test suite's schema is self-contained.
 */
import path from 'node:path';
import type { Database } from './engine';

const DIRECTORY = path.resolve(__dirname, '../../migrations');

function migratorConfig(db: Database) {
  return {
    directory: DIRECTORY,
    loadExtensions: ['.ts'],
    schemaName: db.schema,
    tableName: 'knex_migrations',
  };
}

/** Brings the schema to the latest version; returns the names of the migrations applied. */
export async function migrateLatest(db: Database): Promise<string[]> {
  const [, applied] = (await db.knex.migrate.latest(migratorConfig(db))) as [number, string[]];
  return applied;
}

/** Undoes every migration (used by the round-trip test). */
export async function migrateRollbackAll(db: Database): Promise<string[]> {
  const [, undone] = (await db.knex.migrate.rollback(migratorConfig(db), true)) as [number, string[]];
  return undone;
}

export interface MigrationStatus {
  current: boolean;
  pending: string[];
}

/** Whether the schema is at the latest version (used by /readyz). */
export async function migrationStatus(db: Database): Promise<MigrationStatus> {
  const [, pending] = (await db.knex.migrate.list(migratorConfig(db))) as [unknown[], Array<{ file: string } | string>];
  const names = pending.map((p) => (typeof p === 'string' ? p : p.file));
  return { current: names.length === 0, pending: names };
}
