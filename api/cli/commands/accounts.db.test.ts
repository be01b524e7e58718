/**
 * `kontakt apikey create|list|scope|revoke` in process, against a database of their own, as the
 * operator runs them (issue #11 item 2): scopes on create, shown by list, never the key.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { captureIo } from '../../../test/cli-env';
import { main } from '../main';
import { loadConfig } from '../../config';
import { openDatabase, openOptionsFromConfig } from '../../db/engine';
import { findApiClientByKey } from '../../accounts/api-clients';

describe('kontakt apikey create / list / scope / revoke (database)', function () {
  // Each run opens the database like the real command; on the embedded engine that is a PGlite start.
  this.timeout(300_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-cli-apikey-'));
  const schema = `t_cli_apikey_${crypto.randomBytes(3).toString('hex')}`;
  const config = () => loadConfig({ DATABASE_URL: process.env.DATABASE_URL, KONTAKT_DATA_DIR: dataDir, KONTAKT_DB_SCHEMA: schema, LOG_LEVEL: 'silent' });
  const run = async (...args: string[]) => {
    const c = captureIo();
    const code = await main(args, { ...c.io, config });
    return { code, out: c.out.join(''), err: c.err.join('') };
  };
  const withDb = async <T>(fn: (knex: import('knex').Knex) => Promise<T>): Promise<T> => {
    const db = await openDatabase(openOptionsFromConfig(config()));
    try {
      return await fn(db.knex);
    } finally {
      await db.close();
    }
  };

  after(async () => {
    if (process.env.DATABASE_URL) {
      const db = await openDatabase({ engine: 'server', databaseUrl: process.env.DATABASE_URL, schema: 'public', poolMax: 1 });
      await db.knex.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses unknown scopes, and back-office without a jurisdiction, before touching the database', async () => {
    const noDb = () => {
      throw new Error('the database must not be opened');
    };
    for (const [args, message] of [
      [['--scope', 'admin'], /unknown scope "admin": use read, report, back-office/],
      [['--scope', 'back-office'], /back-office key must name its jurisdiction/],
      [['--scope', ','], /at least one scope/],
    ] as const) {
      const c = captureIo();
      assert.equal(await main(['apikey', 'create', '--name', 'x', ...args], { ...c.io, config: noDb }), 2);
      assert.match(c.err.join(''), message);
    }
    const c = captureIo();
    assert.equal(await main(['apikey', 'revoke', '--id', 'abc'], { ...c.io, config: noDb }), 2);
    assert.match(c.err.join(''), /--id must be the numeric id/);
    const help = captureIo();
    assert.equal(await main(['apikey', 'create', '--help'], { ...help.io, config: noDb }), 0);
    assert.match(help.out.join(''), /default: report/);
  });

  it('creates keys with the least privilege unless scopes are named, lists them without the key, changes scopes and revokes', async () => {
    const plain = await run('apikey', 'create', '--name', 'Resident app');
    assert.equal(plain.code, 0, plain.err);
    const key = plain.out.trim();
    assert.match(key, /^kk_[A-Za-z0-9_-]{43}$/);
    const reader = await run('apikey', 'create', '--name', 'Dashboard', '--scope', 'read');
    assert.equal(reader.code, 0, reader.err);
    // A back office needs a real jurisdiction: unknown ones are refused by the database side.
    const noCity = await run('apikey', 'create', '--name', 'Works', '--scope', 'report,back-office', '--jurisdiction', 'nowhere.pl');
    assert.equal(noCity.code, 1);
    assert.match(noCity.err, /nowhere\.pl/);

    const list = await run('apikey', 'list');
    assert.equal(list.code, 0, list.err);
    const lines = list.out.trimEnd().split('\n');
    assert.match(lines[0], /^id\s+name\s+key\s+scopes\s+jurisdiction\s+rate limit\s+active$/);
    const app = lines.find((l) => l.includes('Resident app'))!;
    assert.match(app, new RegExp(`^\\d+\\s+Resident app\\s+${key.slice(0, 7)}…\\s+report\\s+\\(any\\)\\s+60/min\\s+yes$`));
    assert.match(
      lines.find((l) => l.includes('Dashboard'))!,
      /\s+read\s+/,
    );
    assert.ok(!list.out.includes(key) && !list.out.includes(key.slice(7, 20)), 'the list never shows a key');
    const json = await run('apikey', 'list', '--json');
    const clients = JSON.parse(json.out);
    assert.deepEqual(
      clients.map((c: { scopes: string[] }) => c.scopes),
      [['report'], ['read']],
    );
    assert.ok(!json.out.includes(key));
    const id = String(clients[0].id);

    const scoped = await run('apikey', 'scope', '--id', id, '--scope', 'read,report');
    assert.equal(scoped.code, 0, scoped.err);
    assert.equal(scoped.out, `${id} Resident app: read,report\n`);
    const noJurisdiction = await run('apikey', 'scope', '--id', id, '--scope', 'back-office');
    assert.equal(noJurisdiction.code, 1);
    assert.match(noJurisdiction.err, /back-office key must name its jurisdiction/);
    assert.equal((await run('apikey', 'revoke', '--id', '999999')).code, 1);

    const revoked = await run('apikey', 'revoke', '--id', id);
    assert.equal(revoked.code, 0, revoked.err);
    assert.equal(revoked.out, `${id} Resident app: revoked\n`);
    assert.match((await run('apikey', 'list')).out, /Resident app\s+\S+\s+read,report\s+\(any\)\s+60\/min\s+revoked/);
    await withDb(async (knex) => {
      assert.equal(await findApiClientByKey(knex, key), undefined, 'a revoked key stops working');
      const audit = await knex('audit_log').where({ entity: 'api_clients', entity_id: id }).orderBy('id').pluck('action');
      assert.deepEqual(audit, ['apikey.create', 'apikey.scope', 'apikey.revoke']);
    });
  });
});
