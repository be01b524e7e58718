/**
 * `kontakt serve` as a real process: it migrates, answers /healthz and /readyz, and stops cleanly
 * on SIGTERM (graceful shutdown). The demo is off here; the demo's first start has its own test.
 */
import assert from 'node:assert/strict';
import { spawn, ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testEngine } from './db';
import { openDatabase } from '../api/db/engine';

const BIN = path.resolve(__dirname, '../bin/kontakt.js');

describe('kontakt serve (database)', function () {
  this.timeout(300_000);
  let child: ChildProcess;
  let url = '';
  let stderr = '';
  let dataDir: string | undefined;
  let schema: string | undefined;

  before(async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', KONTAKT_DEMO: 'false', LOG_LEVEL: 'warn' };
    if (testEngine() === 'server') {
      schema = `t_serve_${crypto.randomBytes(3).toString('hex')}`;
      env.KONTAKT_DB_SCHEMA = schema;
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-serve-'));
      env.KONTAKT_DATA_DIR = dataDir;
      delete env.DATABASE_URL;
    }
    child = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = /running at (http:\/\/\S+)/.exec(stderr);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
  });

  after(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (schema) {
      const db = await openDatabase({ engine: 'server', databaseUrl: process.env.DATABASE_URL });
      await db.knex.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
  });

  it('answers /healthz and /readyz once migrated', async () => {
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    assert.equal(ready.status, 200);
    const body = (await ready.json()) as { status: string; engine: string };
    assert.equal(body.status, 'ready');
    assert.equal(body.engine, testEngine());
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
  });
});
