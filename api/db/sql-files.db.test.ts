import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import { sqlFile } from '../../migrations/lib/sql-files';
import type { Database } from './engine';
import { query } from './query';
import { sql } from './sql';

/** Whitespace and the schema name aside, the text PostgreSQL gives back for a definition. */
const norm = (s: string, schema: string) =>
  s
    .split(`${schema}.`)
    .join('')
    .replace(/public\.geometry/g, 'geometry')
    .replace(/\s+/g, ' ')
    .replace(/;\s*$/, '')
    .trim();

describe('versioned SQL function files (database)', () => {
  let db: Database;
  before(async () => {
    db = await openTestDatabase('sql_files');
  });
  after(() => db.close());

  it('every function and trigger of the schema is in its file, as the database holds it', async () => {
    const fns = await query<{ name: string; def: string }>(
      db,
      sql`SELECT p.proname AS name, pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = ${db.schema} ORDER BY 1`,
    );
    assert.ok(fns.length >= 14);
    for (const f of fns) {
      const statements = sqlFile(f.name).map((s) => norm(s.replace(/^(--[^\n]*\n)+/, ''), db.schema));
      assert.ok(statements.includes(norm(f.def, db.schema)), `migrations/sql/${f.name}.sql holds the function as the migrations left it`);
    }
    const triggers = await query<{ fn: string; def: string }>(
      db,
      sql`SELECT p.proname AS fn, pg_get_triggerdef(t.oid) AS def FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
            JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = ${db.schema} AND NOT t.tgisinternal`,
    );
    assert.ok(triggers.length >= 4);
    for (const t of triggers) {
      const statements = sqlFile(t.fn).map((s) => norm(s, db.schema));
      assert.ok(statements.includes(norm(t.def.replace(/^CREATE TRIGGER/, 'CREATE OR REPLACE TRIGGER'), db.schema)), `trigger of ${t.fn} in its file`);
    }
  });
});
