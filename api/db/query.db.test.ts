import assert from 'node:assert/strict';
import { openTestDatabase, testEngine } from '../../test/db';
import { openDatabase, type Database } from './engine';
import { prepared, query, queryOne, statementName } from './query';
import { sql } from './sql';

describe('query executor (database)', () => {
  let db: Database;
  before(async () => {
    db = await openTestDatabase('query', { migrate: false });
    await query(db, sql`CREATE TABLE ${sql.ident(db.schema)}.notes (id int PRIMARY KEY, body text, data jsonb)`);
  });
  after(() => db.close());

  it('binds values, including ones that look like SQL or placeholders', async () => {
    const evil = "x'); DROP TABLE notes; --";
    for (const [id, body] of [
      [1, evil],
      [2, '$1 ? ?? \\?'],
    ] as const) {
      await query(db, sql`INSERT INTO notes (id, body, data) VALUES (${id}, ${body}, ${JSON.stringify({ a: 1 })}::jsonb)`);
    }
    const rows = await query<{ id: number; body: string }>(db, sql`SELECT id, body FROM notes ORDER BY id`);
    assert.deepEqual(rows, [
      { id: 1, body: evil },
      { id: 2, body: '$1 ? ?? \\?' },
    ]);
  });

  it('keeps the ? of jsonb operators in the text', async () => {
    const row = await queryOne<{ has: boolean; n: number }>(db, sql`SELECT data ? 'a' AS has, ${5}::int AS n FROM notes WHERE id = ${1}`);
    assert.deepEqual(row, { has: true, n: 5 });
  });

  it('passes arrays, dates and nulls', async () => {
    const at = new Date('2026-03-01T10:00:00Z');
    const row = await queryOne<{ ids: number[]; at: Date; nothing: null }>(
      db,
      sql`SELECT ${[1, 2]}::int[] AS ids, ${at}::timestamptz AS at, ${null}::text AS nothing`,
    );
    assert.deepEqual(row, { ids: [1, 2], at, nothing: null });
  });

  it('runs inside a transaction on the transaction', async () => {
    await db.knex
      .transaction(async (trx) => {
        await query(trx, sql`INSERT INTO notes (id, body) VALUES (${3}, ${'rolled back'})`);
        assert.equal((await queryOne<{ n: number }>(trx, sql`SELECT count(*)::int AS n FROM notes WHERE id = ${3}`))?.n, 1);
        throw new Error('undo');
      })
      .catch(() => undefined);
    assert.equal((await queryOne<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM notes WHERE id = ${3}`))?.n, 0);
  });

  it('prepared statements give the same rows, named on the server engine only', async () => {
    assert.equal(!!db.prepared, testEngine() === 'server');
    const q = sql`SELECT id, body FROM notes WHERE id = ${1}`;
    for (let i = 0; i < 3; i++) assert.deepEqual(await prepared(db, 'notes_by_id', q), await query(db, q));
  });

  it('server engine: the statement is prepared once on the connection and reused', async function () {
    if (testEngine() !== 'server') return this.skip();
    // One connection, so pg_prepared_statements shows what this pool's only session holds.
    const one = await openDatabase({ engine: 'server', databaseUrl: process.env.DATABASE_URL, schema: db.schema, poolMax: 1 });
    try {
      const q = sql`SELECT body FROM notes WHERE id = ${1}`;
      const name = statementName('notes_body', q.text);
      for (let i = 0; i < 3; i++) await prepared(one, 'notes_body', q);
      const held = await query<{ name: string; statement: string }>(one, sql`SELECT name, statement FROM pg_prepared_statements WHERE name = ${name}`);
      assert.deepEqual(held, [{ name, statement: q.text }]);
    } finally {
      await one.close();
    }
  });

  it('names one statement per text', () => {
    assert.notEqual(statementName('x', 'SELECT 1'), statementName('x', 'SELECT 2'));
    assert.equal(statementName('x', 'SELECT 1'), statementName('x', 'SELECT 1'));
    assert.ok(statementName('a'.repeat(80), 'SELECT 1').length <= 63);
  });
});
