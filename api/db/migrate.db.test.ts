import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import { migrateLatest, migrateRollbackAll, migrationStatus } from './migrate';
import type { Database } from './engine';

describe('migrations (database)', () => {
  let db: Database;
  before(async () => {
    db = await openTestDatabase('migrations', { migrate: false });
    await migrateLatest(db);
  });
  after(() => db.close());

  async function tables(): Promise<string[]> {
    const r = await db.knex.raw(`SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_name NOT LIKE 'knex_%' ORDER BY 1`, [
      db.schema,
    ]);
    return r.rows.map((x: { table_name: string }) => x.table_name);
  }

  it('go up, down and up again without leaving anything behind', async () => {
    assert.deepEqual(await migrationStatus(db), { current: true, pending: [] });
    const all = await tables();
    for (const t of [
      'jurisdictions',
      'districts',
      'units',
      'services',
      'service_attributes',
      'routing_rules',
      'addresses',
      'requests',
      'request_events',
      'people',
      'request_reporters',
      'media',
      'api_clients',
      'staff',
      'audit_log',
    ]) {
      assert.ok(all.includes(t), `table ${t} exists`);
    }
    await migrateRollbackAll(db);
    assert.deepEqual(await tables(), []);
    assert.equal((await migrationStatus(db)).current, false);
    await migrateLatest(db);
    assert.deepEqual(await tables(), all);
  });

  it('comment every table and every column', async () => {
    const r = await db.knex.raw(
      `SELECT c.table_name, c.column_name,
              col_description(format('%I.%I', c.table_schema, c.table_name)::regclass, c.ordinal_position) AS col_comment,
              obj_description(format('%I.%I', c.table_schema, c.table_name)::regclass, 'pg_class') AS table_comment
         FROM information_schema.columns c
        WHERE c.table_schema = ? AND c.table_name NOT LIKE 'knex_%'`,
      [db.schema],
    );
    const missing = r.rows
      .filter((x: { col_comment: string | null; table_comment: string | null }) => !x.col_comment || !x.table_comment)
      .map((x: { table_name: string; column_name: string }) => `${x.table_name}.${x.column_name}`);
    assert.deepEqual(missing, []);
  });

  it('type every geometry column with SRID 4326 and give it a GIST index', async () => {
    const cols = await db.knex.raw(`SELECT f_table_name AS t, f_geometry_column AS c, srid FROM public.geometry_columns WHERE f_table_schema = ?`, [db.schema]);
    assert.ok(cols.rows.length >= 7);
    for (const { t, c, srid } of cols.rows as Array<{ t: string; c: string; srid: number }>) {
      assert.equal(srid, 4326, `${t}.${c} SRID`);
      const idx = await db.knex.raw(`SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = ? AND indexdef ILIKE ?`, [
        db.schema,
        t,
        `%USING gist (${c})%`,
      ]);
      assert.ok(idx.rows.length >= 1, `${t}.${c} has a GIST index`);
    }
  });

  it('carry jurisdiction_id on every row of the large tables', async () => {
    for (const t of ['requests', 'request_events', 'request_reporters', 'people', 'media', 'addresses']) {
      const r = await db.knex.raw(
        `SELECT is_nullable FROM information_schema.columns WHERE table_schema = ? AND table_name = ? AND column_name = 'jurisdiction_id'`,
        [db.schema, t],
      );
      assert.equal(r.rows[0]?.is_nullable, 'NO', t);
    }
  });
});
