/**
 * The `kontakt` binary end to end, as a user runs it: a child process talking to the same database
 * a server would use (a temporary data directory on the embedded engine, a fresh schema on the server).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { testEngine } from './db';
import { openDatabase } from '../api/db/engine';

const run = promisify(execFile);
const BIN = path.resolve(__dirname, '../bin/kontakt.js');

describe('kontakt binary (database)', function () {
  this.timeout(300_000);
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  let dataDir: string | undefined;
  let schema: string | undefined;

  before(() => {
    if (testEngine() === 'server') {
      schema = `t_cli_${crypto.randomBytes(3).toString('hex')}`;
      env.KONTAKT_DB_SCHEMA = schema;
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-cli-'));
      env.KONTAKT_DATA_DIR = dataDir;
      delete env.DATABASE_URL;
    }
  });
  after(async () => {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (schema) {
      const db = await openDatabase({ engine: 'server', databaseUrl: process.env.DATABASE_URL });
      await db.knex.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
  });

  const kontakt = (...args: string[]) => run(process.execPath, [BIN, ...args], { env });

  it('migrates, then prints only the key for apikey create and only the password for user add', async () => {
    const m = await kontakt('migrate');
    assert.match(m.stderr, /applied \d+ migration|up to date/);
    const key = await kontakt('apikey', 'create', '--name', 'Test client');
    assert.match(key.stdout, /^kk_[A-Za-z0-9_-]{43}\n$/);
    const user = await kontakt('user', 'add', '--email', 'analyst@example.pl', '--role', 'analyst');
    assert.match(user.stdout, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}\n$/);
  });

  it('exits non-zero with a clear message for bad input', async () => {
    await assert.rejects(kontakt('user', 'add', '--email', 'analyst@example.pl', '--role', 'analyst'), (err: { code: number; stderr: string }) => {
      assert.equal(err.code, 1);
      assert.match(err.stderr, /already exists/);
      return true;
    });
    await assert.rejects(kontakt('apikey', 'create', '--name', 'x', '--jurisdiction', 'nowhere.pl'), (err: { code: number; stderr: string }) => {
      assert.equal(err.code, 1);
      assert.match(err.stderr, /nowhere\.pl/);
      return true;
    });
  });
});
