/**
 * Durability under a crash (issue #11, "Done when"): a real `kontakt serve`, concurrent Open311 POSTs
 * with Idempotency-Keys, `kill -9` mid-load, a restart, then every request retried with its key.
 * Must hold: every acknowledged id is present; every retry is answered with its original id (or
 * creates the request once when it never committed); 0 twins (counted by a unique marker in each
 * description); 0 stuck keys (no 409 after the restart). The figures are printed for the record;
 * bench/durability.ts runs the same at a larger volume.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { spawn, ChildProcess } from 'node:child_process';
import { testEngine } from './db';
import { isolatedCommandEnv, KONTAKT_BIN } from './cli-env';
import { openDatabase, type OpenOptions } from '../api/db/engine';
import { migrateLatest } from '../api/db/migrate';
import { createApiClient } from '../api/accounts/api-clients';
import { CITY, createTestCity } from '../api/open311/test-city';

const TOTAL = Number(process.env.KONTAKT_DURABILITY_REQUESTS ?? 200);
const CONCURRENCY = 8;

function serve(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [KONTAKT_BIN, 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString();
      const m = /running at (http:\/\/\S+)/.exec(stderr);
      if (m) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
}

describe('durability: kill -9 under Open311 write load, restart, retry with Idempotency-Keys', function () {
  this.timeout(Math.max(600_000, TOTAL * 2000));
  const isolated = isolatedCommandEnv('durability', { PORT: '0', HOST: '127.0.0.1', KONTAKT_DEMO: 'false', LOG_LEVEL: 'error' });
  let child: ChildProcess | undefined;
  after(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await isolated.cleanup();
  });
  const options = (): OpenOptions =>
    testEngine() === 'server'
      ? { engine: 'server', databaseUrl: process.env.DATABASE_URL, schema: isolated.env.KONTAKT_DB_SCHEMA, poolMax: 2 }
      : { engine: 'embedded', embeddedDir: path.join(isolated.env.KONTAKT_DATA_DIR!, 'pg') };

  it('loses no acknowledged request, makes no twin and leaves no stuck key', async () => {
    const run = crypto.randomBytes(4).toString('hex');
    let db = await openDatabase(options());
    await migrateLatest(db);
    await createTestCity(db.knex);
    const { key } = await createApiClient(db.knex, { name: 'durability', rateLimitPerMinute: 1_000_000 });
    await db.close();

    const marker = (i: number) => `trwalosc-${run}-${String(i).padStart(5, '0')}`;
    const body = (i: number) =>
      new URLSearchParams({
        api_key: key,
        service_code: 'pothole',
        lat: String(CITY.west.lat + (i % 50) * 0.0005),
        long: String(CITY.west.long),
        'attribute[size]': 'large',
        description: `Dziura ${marker(i)}`,
      }).toString();
    const post = async (url: string, i: number) => {
      const res = await fetch(`${url}/open311/v2/requests.json`, {
        method: 'POST',
        body: body(i),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'Idempotency-Key': `k-${run}-${i}` },
      });
      return { status: res.status, json: (await res.json()) as Array<{ service_request_id?: string; description?: string }> };
    };

    let started = await serve(isolated.env);
    child = started.child;
    const acknowledged = new Map<number, string>();
    let next = 0;
    let killed = false;
    const killAt = Math.floor(TOTAL * 0.4);
    const worker = async () => {
      while (!killed && next < TOTAL) {
        const i = next++;
        try {
          const a = await post(started.url, i);
          if (a.status === 200 && a.json[0]?.service_request_id) acknowledged.set(i, a.json[0].service_request_id);
          else if (!killed) assert.fail(`POST ${i} answered ${a.status} before the kill: ${JSON.stringify(a.json)}`);
        } catch (err) {
          if (!killed) throw err;
        }
        if (!killed && acknowledged.size >= killAt) {
          killed = true;
          child!.kill('SIGKILL');
        }
      }
    };
    const exited = new Promise((r) => child!.once('exit', r));
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await exited;
    const sent = next;

    started = await serve(isolated.env);
    child = started.child;
    let stuck = 0;
    let changed = 0;
    let unacknowledgedRetried = 0;
    for (let i = 0; i < TOTAL; i++) {
      const a = await post(started.url, i);
      if (a.status === 409) stuck++;
      assert.equal(a.status, 200, `retry ${i}: ${a.status} ${JSON.stringify(a.json)}`);
      const id = a.json[0].service_request_id;
      if (acknowledged.has(i)) {
        if (acknowledged.get(i) !== id) changed++;
      } else unacknowledgedRetried++;
    }
    const stopped = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await stopped;

    db = await openDatabase(options());
    const { rows } = await db.knex.raw(
      `SELECT substring(description from 'trwalosc-${run}-[0-9]+') AS m, count(*)::int AS n, min(public_id) AS id FROM requests WHERE description LIKE ? GROUP BY 1`,
      [`%trwalosc-${run}-%`],
    );
    await db.close();
    const byMarker = new Map<string, { n: number; id: string }>(rows.map((r: { m: string; n: number; id: string }) => [r.m, r]));
    let lost = 0;
    for (const [i, id] of acknowledged) if (byMarker.get(marker(i))?.id !== id) lost++;
    const twins = rows.reduce((sum: number, r: { n: number }) => sum + r.n - 1, 0);
    const missing = Array.from({ length: TOTAL }, (_, i) => i).filter((i) => !byMarker.has(marker(i))).length;
    const figures = {
      engine: testEngine(),
      requests: TOTAL,
      sentBeforeKill: sent,
      acknowledged: acknowledged.size,
      lost,
      twins,
      stuck,
      answeredWithAnotherId: changed,
      unacknowledgedRetried,
      missingAfterRetry: missing,
    };
    process.stdout.write(`      durability (${figures.engine}): ${JSON.stringify(figures)}\n`);
    assert.deepEqual({ lost, twins, stuck, changed, missing }, { lost: 0, twins: 0, stuck: 0, changed: 0, missing: 0 });
    assert.ok(acknowledged.size >= killAt, 'the kill came mid-load');
  });
});
